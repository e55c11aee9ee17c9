package io.blueshift.server.pg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Values;
import io.blueshift.kernels.Selection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes a result's rows as DataRow messages, straight from the batch's Arrow vectors: numbers,
 * dates and times are formatted into the output buffer and strings copied from the vector's data
 * buffer, with no Java object per value (the slow path, {@link Values#get}, is left for intervals
 * and 128-bit decimals). Each column is in text or binary form as the client asked.
 */
final class RowWriter {
    private final SqlType[] types;
    private final boolean[] binary;

    /** Writes one value of the current batch: its length, then its bytes (-1 and nothing for NULL). */
    private interface ValueWriter {
        void write(PgOutput out, int row);
    }

    RowWriter(SqlType[] types, boolean[] binary) {
        this.types = types;
        this.binary = binary;
    }

    /** Writes the live rows {@code from} (inclusive) to {@code to} (exclusive) of a batch. */
    void write(Batch batch, int from, int to, PgOutput out) throws IOException {
        ValueWriter[] writers = new ValueWriter[types.length];
        for (int c = 0; c < types.length; c++) {
            writers[c] = writer(batch.vector(c), types[c], binary[c]);
        }
        Selection selection = batch.selection();
        for (int i = from; i < to; i++) {
            int row = selection == null ? i : selection.get(i);
            out.begin('D').int16(writers.length);
            for (ValueWriter w : writers) {
                w.write(out, row);
            }
            out.end();
            out.maybeFlush();
        }
    }

    private static ValueWriter writer(FieldVector vector, SqlType type, boolean binary) {
        ValueWriter w = binary ? binaryWriter(vector, type) : textWriter(vector, type);
        if (vector.getNullCount() == 0) {
            return w;
        }
        return (out, row) -> {
            if (vector.isNull(row)) {
                out.int32(-1);
            } else {
                w.write(out, row);
            }
        };
    }

    private static ValueWriter textWriter(FieldVector vector, SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (out, row) -> out.int32(1).int8(((BitVector) vector).get(row) != 0 ? 't' : 'f');
            case SMALLINT -> (out, row) -> decimalText(out, ((BaseFixedWidthVector) vector).getDataBuffer().getShort(row * 2L));
            case INTEGER -> (out, row) -> decimalText(out, ((BaseFixedWidthVector) vector).getDataBuffer().getInt(row * 4L));
            case BIGINT -> (out, row) -> decimalText(out, ((BaseFixedWidthVector) vector).getDataBuffer().getLong(row * 8L));
            case REAL -> (out, row) -> string(out, floatText(((BaseFixedWidthVector) vector).getDataBuffer().getFloat(row * 4L), true));
            case DOUBLE -> (out, row) -> string(out, floatText(((BaseFixedWidthVector) vector).getDataBuffer().getDouble(row * 8L), false));
            case DECIMAL -> PgTypes.isLongDecimal(type)
                    ? (out, row) -> scaledText(out, ((BaseFixedWidthVector) vector).getDataBuffer().getLong(row * 8L), type.scale())
                    : (out, row) -> string(out, ((DecimalVector) vector).getObject(row).toPlainString());
            case CHAR, VARCHAR, TEXT -> (out, row) -> copyBytes(out, (VarCharVector) vector, row);
            case DATE -> (out, row) -> {
                int at = out.reserve(4);
                date(out, ((BaseFixedWidthVector) vector).getDataBuffer().getInt(row * 4L));
                out.setInt(at, out.position() - at - 4);
            };
            case TIME -> (out, row) -> {
                int at = out.reserve(4);
                time(out, ((BaseFixedWidthVector) vector).getDataBuffer().getLong(row * 8L));
                out.setInt(at, out.position() - at - 4);
            };
            case TIMESTAMP, TIMESTAMPTZ -> (out, row) -> {
                int at = out.reserve(4);
                long micros = ((BaseFixedWidthVector) vector).getDataBuffer().getLong(row * 8L);
                date(out, Math.floorDiv(micros, 86_400_000_000L));
                out.int8(' ');
                time(out, Math.floorMod(micros, 86_400_000_000L));
                if (type.kind() == TypeKind.TIMESTAMPTZ) {
                    out.int8('+').int8('0').int8('0');
                }
                out.setInt(at, out.position() - at - 4);
            };
            case INTERVAL -> (out, row) -> string(out, Values.get(vector, type, row).toString());
        };
    }

    private static ValueWriter binaryWriter(FieldVector vector, SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (out, row) -> out.int32(1).int8(((BitVector) vector).get(row));
            case SMALLINT -> (out, row) -> out.int32(2).int16(((BaseFixedWidthVector) vector).getDataBuffer().getShort(row * 2L));
            case INTEGER, REAL -> (out, row) -> out.int32(4).int32(((BaseFixedWidthVector) vector).getDataBuffer().getInt(row * 4L));
            case BIGINT, DOUBLE, TIME -> (out, row) -> out.int32(8).int64(((BaseFixedWidthVector) vector).getDataBuffer().getLong(row * 8L));
            case DECIMAL -> PgTypes.isLongDecimal(type)
                    ? (out, row) -> PgTypes.encodeNumeric(out, ((BaseFixedWidthVector) vector).getDataBuffer().getLong(row * 8L),
                            type.scale())
                    : (out, row) -> PgTypes.encodeNumeric(out, ((DecimalVector) vector).getObject(row));
            case CHAR, VARCHAR, TEXT -> (out, row) -> copyBytes(out, (VarCharVector) vector, row);
            case DATE -> (out, row) -> out.int32(4).int32(((BaseFixedWidthVector) vector).getDataBuffer().getInt(row * 4L)
                    - PgTypes.PG_EPOCH_DAYS);
            case TIMESTAMP, TIMESTAMPTZ -> (out, row) -> out.int32(8).int64(
                    ((BaseFixedWidthVector) vector).getDataBuffer().getLong(row * 8L) - PgTypes.PG_EPOCH_MICROS);
            case INTERVAL -> (out, row) -> {
                Interval v = (Interval) Values.get(vector, type, row);
                out.int32(16).int64(v.micros()).int32(v.days()).int32(v.months());
            };
        };
    }

    private static void decimalText(PgOutput out, long v) {
        int at = out.reserve(4);
        out.decimal(v);
        out.setInt(at, out.position() - at - 4);
    }

    private static void string(PgOutput out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.int32(b.length).bytes(b);
    }

    private static void copyBytes(PgOutput out, VarCharVector v, int row) {
        int start = v.getOffsetBuffer().getInt(row * 4L);
        int len = v.getOffsetBuffer().getInt(row * 4L + 4) - start;
        int at = out.reserve(4 + len);
        out.setInt(at, len);
        v.getDataBuffer().getBytes(start, out.array(), at + 4, len);
    }

    /** A 64-bit scaled decimal as Postgres prints numeric: all the scale's digits after the point. */
    private static void scaledText(PgOutput out, long unscaled, int scale) {
        if (scale == 0) {
            decimalText(out, unscaled);
            return;
        }
        if (unscaled == Long.MIN_VALUE) {
            string(out, BigDecimal.valueOf(unscaled, scale).toPlainString());
            return;
        }
        int at = out.reserve(4);
        if (unscaled < 0) {
            out.int8('-');
            unscaled = -unscaled;
        }
        long pow = PgOutput.POW10[scale];
        out.decimal(unscaled / pow).int8('.').padded(unscaled % pow, scale);
        out.setInt(at, out.position() - at - 4);
    }

    /** ISO date; years outside 1..9999 print as Postgres does (more digits, or BC). */
    private static void date(PgOutput out, long epochDay) {
        if (epochDay >= -719_162 && epochDay <= 2_932_896) {
            // years 1 to 9999 without a LocalDate: days to civil date (proleptic Gregorian, March-based years)
            long z = epochDay + 719_468;
            long era = Math.floorDiv(z, 146_097);
            long doe = z - era * 146_097;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long day = doy - (153 * mp + 2) / 5 + 1;
            long month = mp < 10 ? mp + 3 : mp - 9;
            long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
            out.padded(year, 4).int8('-').padded(month, 2).int8('-').padded(day, 2);
            return;
        }
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int year = d.getYear();
        if (year > 9999) {
            out.decimal(year).int8('-').padded(d.getMonthValue(), 2).int8('-').padded(d.getDayOfMonth(), 2);
        } else {
            out.padded(1 - year, 4).int8('-').padded(d.getMonthValue(), 2).int8('-').padded(d.getDayOfMonth(), 2)
                    .bytes(" BC".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** HH:MM:SS with the fraction of a second when there is one, trailing zeros dropped. */
    private static void time(PgOutput out, long micros) {
        long seconds = micros / 1_000_000;
        int fraction = (int) (micros % 1_000_000);
        out.padded(seconds / 3600, 2).int8(':').padded(seconds / 60 % 60, 2).int8(':').padded(seconds % 60, 2);
        if (fraction != 0) {
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            out.int8('.').padded(fraction, digits);
        }
    }

    /**
     * A float as Postgres 12+ prints it with the default extra_float_digits: the shortest digits
     * that read back to the same value (Java's {@code toString} finds the same ones), in exponent
     * form below 1e-4 and from 1e15 (1e6 for real), as {@code 1e+20} and {@code 1.5e-05}.
     */
    static String floatText(double d, boolean single) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        String java = single ? Float.toString((float) d) : Double.toString(d);
        // Java writes d.ddd or d.dddE[-]n: take the digits and the decimal exponent of the first one
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java, e + 1, java.length(), 10);
        boolean negative = mantissa.charAt(0) == '-';
        int point = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length());
        for (int i = negative ? 1 : 0; i < mantissa.length(); i++) {
            char c = mantissa.charAt(i);
            if (c != '.') {
                digits.append(c);
            }
        }
        int intDigits = point - (negative ? 1 : 0);
        // drop leading zeros (0.00123) and trailing zeros (120.0)
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        int end = digits.length();
        while (end > lead + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        String significant = digits.substring(lead, end);
        int scientific = exponent + intDigits - 1 - lead;
        if (significant.length() == 2) {
            // Java writes at least one digit after the point (4.9E-324) even when one digit is enough (5e-324)
            int rounded = ((significant.charAt(0) - '0') * 10 + significant.charAt(1) - '0' + 5) / 10;
            String one = rounded == 10 ? "1" : Integer.toString(rounded);
            int oneExponent = rounded == 10 ? scientific + 1 : scientific;
            double back = Double.parseDouble(one + "e" + oneExponent);
            if (single ? (float) back == Math.abs((float) d) : back == Math.abs(d)) {
                significant = one;
                scientific = oneExponent;
            }
        }
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (scientific < -4 || scientific >= (single ? 6 : 15)) {
            out.append(significant.charAt(0));
            if (significant.length() > 1) {
                out.append('.').append(significant, 1, significant.length());
            }
            out.append('e').append(scientific < 0 ? '-' : '+');
            int abs = Math.abs(scientific);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs).toString();
        }
        if (scientific < 0) {
            out.append("0.");
            out.repeat('0', -scientific - 1).append(significant);
        } else if (significant.length() <= scientific + 1) {
            out.append(significant).repeat('0', scientific + 1 - significant.length());
        } else {
            out.append(significant, 0, scientific + 1).append('.').append(significant, scientific + 1, significant.length());
        }
        return out.toString();
    }
}
