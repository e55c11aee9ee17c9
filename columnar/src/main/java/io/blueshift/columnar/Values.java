package io.blueshift.columnar;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;

/**
 * Single values in and out of vectors as Java objects, for loading rows, tests and results.
 * This is the slow path, one value at a time; operators work on whole buffers instead.
 *
 * <p>Java classes by type: BOOLEAN Boolean, SMALLINT Short, INTEGER Integer, BIGINT Long, REAL
 * Float, DOUBLE Double, DECIMAL BigDecimal, strings String, DATE LocalDate, TIME LocalTime,
 * TIMESTAMP LocalDateTime, TIMESTAMPTZ OffsetDateTime (in UTC), INTERVAL {@link Interval}.
 */
public final class Values {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private Values() {
    }

    /** The value at {@code row}, or null. */
    public static Object get(FieldVector vector, SqlType type, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> ((BitVector) vector).get(row) != 0;
            case SMALLINT -> ((SmallIntVector) vector).get(row);
            case INTEGER -> ((IntVector) vector).get(row);
            case BIGINT -> ((BigIntVector) vector).get(row);
            case REAL -> ((Float4Vector) vector).get(row);
            case DOUBLE -> ((Float8Vector) vector).get(row);
            case DECIMAL -> vector instanceof BigIntVector longs // PhysicalType.LONG
                    ? BigDecimal.valueOf(longs.get(row), type.scale())
                    : wideDecimal((DecimalVector) vector, row, type.scale());
            case CHAR, VARCHAR, TEXT -> new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
            case DATE -> LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
            case TIME -> LocalTime.ofNanoOfDay(((TimeMicroVector) vector).get(row) * 1000);
            case TIMESTAMP -> EPOCH.plus(((TimeStampVector) vector).get(row), ChronoUnit.MICROS);
            case TIMESTAMPTZ -> OffsetDateTime.ofInstant(
                    Instant.EPOCH.plus(((TimeStampVector) vector).get(row), ChronoUnit.MICROS), ZoneOffset.UTC);
            case INTERVAL -> {
                NullableIntervalMonthDayNanoHolder h = new NullableIntervalMonthDayNanoHolder();
                ((IntervalMonthDayNanoVector) vector).get(row, h);
                yield new Interval(h.months, h.days, h.nanoseconds / 1000);
            }
        };
    }

    /**
     * Stores {@code value} (a Java object of the type's class, a Number for numeric types, or
     * null) at {@code row}, growing the vector when needed. Values that do not fit the type fail
     * with the Postgres SQLSTATE (22003 numeric overflow, 22001 string too long).
     */
    public static void set(FieldVector vector, SqlType type, int row, Object value) {
        if (value == null) {
            while (row >= vector.getValueCapacity()) {
                vector.reAlloc();
            }
            vector.setNull(row);
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> ((BitVector) vector).setSafe(row, ((Boolean) value) ? 1 : 0);
            case SMALLINT -> ((SmallIntVector) vector).setSafe(row, (short) exactLong(value, Short.MIN_VALUE, Short.MAX_VALUE, "smallint"));
            case INTEGER -> ((IntVector) vector).setSafe(row, (int) exactLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer"));
            case BIGINT -> ((BigIntVector) vector).setSafe(row, exactLong(value, Long.MIN_VALUE, Long.MAX_VALUE, "bigint"));
            case REAL -> ((Float4Vector) vector).setSafe(row, ((Number) value).floatValue());
            case DOUBLE -> ((Float8Vector) vector).setSafe(row, ((Number) value).doubleValue());
            case DECIMAL -> {
                BigDecimal d = toDecimal(value, type);
                if (type.physical() == PhysicalType.LONG) {
                    ((BigIntVector) vector).setSafe(row, d.unscaledValue().longValueExact());
                } else if (d.precision() <= 18) {
                    // the unscaled value in a long: written as the vector's 128-bit two's complement,
                    // without the byte array Arrow's BigDecimal setter builds
                    ((DecimalVector) vector).setSafe(row, d.unscaledValue().longValue());
                } else {
                    ((DecimalVector) vector).setSafe(row, d);
                }
            }
            case CHAR, VARCHAR, TEXT -> ((VarCharVector) vector).setSafe(row,
                    toText(value.toString(), type).getBytes(StandardCharsets.UTF_8));
            case DATE -> ((DateDayVector) vector).setSafe(row, epochDay((LocalDate) value));
            case TIME -> ((TimeMicroVector) vector).setSafe(row, ((LocalTime) value).toNanoOfDay() / 1000);
            case TIMESTAMP -> ((TimeStampVector) vector).setSafe(row, micros(EPOCH, (LocalDateTime) value));
            case TIMESTAMPTZ -> ((TimeStampVector) vector).setSafe(row,
                    micros(Instant.EPOCH, ((OffsetDateTime) value).toInstant()));
            case INTERVAL -> {
                Interval i = (Interval) value;
                ((IntervalMonthDayNanoVector) vector).setSafe(row, i.months(), i.days(), Math.multiplyExact(i.micros(), 1000L));
            }
        }
    }

    private static long exactLong(Object value, long min, long max, String typeName) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else {
            BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
            BigDecimal rounded = d.setScale(0, RoundingMode.HALF_UP);
            if (rounded.unscaledValue().bitLength() > 63) {
                throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, typeName);
            }
            v = rounded.longValue();
        }
        if (v < min || v > max) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, typeName);
        }
        return v;
    }

    /** The value rounded to the type's scale (half away from zero), checked against its precision. */
    /** Days since 1970-01-01 of a date, or 22008 where that does not fit the stored 32 bits. */
    private static int epochDay(LocalDate date) {
        long day = date.toEpochDay();
        if (day != (int) day) {
            throw new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "date");
        }
        return (int) day;
    }

    /**
     * A 128-bit decimal (little-endian two's complement, as Arrow stores it): from its low word
     * where the high word only extends its sign, else through Arrow's byte array.
     */
    private static BigDecimal wideDecimal(DecimalVector vector, int row, int scale) {
        long at = (long) row * DecimalVector.TYPE_WIDTH;
        long low = vector.getDataBuffer().getLong(at);
        long high = vector.getDataBuffer().getLong(at + 8);
        return high == low >> 63 ? BigDecimal.valueOf(low, scale) : vector.getObject(row);
    }

    /** Microseconds from {@code from} to {@code to}, or 22008 where they do not fit 64 bits. */
    private static long micros(Temporal from, Temporal to) {
        try {
            return ChronoUnit.MICROS.between(from, to);
        } catch (ArithmeticException e) {
            throw new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "timestamp");
        }
    }

    public static BigDecimal toDecimal(Object value, SqlType type) {
        BigDecimal d = value instanceof BigDecimal b ? b
                : value instanceof Long || value instanceof Integer || value instanceof Short
                        ? BigDecimal.valueOf(((Number) value).longValue())
                        : new BigDecimal(value.toString());
        BigDecimal scaled = d.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field for " + type.name());
        }
        return scaled;
    }

    /** CHAR(n) pads with blanks; CHAR(n) and VARCHAR(n) reject longer values (trailing blanks may be cut). */
    private static String toText(String s, SqlType type) {
        int limit = type.length();
        if (limit == 0) {
            return s;
        }
        int chars = s.codePointCount(0, s.length());
        if (chars > limit) {
            String cut = s.substring(0, s.offsetByCodePoints(0, limit));
            if (!s.substring(cut.length()).replace(" ", "").isEmpty()) {
                throw new BlueshiftException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION, type.name());
            }
            s = cut;
            chars = limit;
        }
        return type.kind() == TypeKind.CHAR && chars < limit ? s + " ".repeat(limit - chars) : s;
    }
}
