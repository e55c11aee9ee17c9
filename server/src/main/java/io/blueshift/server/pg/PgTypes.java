package io.blueshift.server.pg;

import io.blueshift.columnar.Interval;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.string.TextCheck;
import io.blueshift.sql.catalog.PgOids;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * Parameter values decoded from their text or
 * binary wire forms into the Java objects the engine binds ({@link io.blueshift.columnar.Values}).
 */
final class PgTypes {
    static final int BOOL = PgOids.BOOL;
    static final int NAME = PgOids.NAME;
    static final int INT8 = PgOids.INT8;
    static final int INT2 = PgOids.INT2;
    static final int INT4 = PgOids.INT4;
    static final int TEXT = PgOids.TEXT;
    static final int OID = PgOids.OID;
    static final int FLOAT4 = PgOids.FLOAT4;
    static final int FLOAT8 = PgOids.FLOAT8;
    static final int UNKNOWN = PgOids.UNKNOWN;
    static final int BPCHAR = PgOids.BPCHAR;
    static final int VARCHAR = PgOids.VARCHAR;
    static final int DATE = PgOids.DATE;
    static final int TIME = PgOids.TIME;
    static final int TIMESTAMP = PgOids.TIMESTAMP;
    static final int TIMESTAMPTZ = PgOids.TIMESTAMPTZ;
    static final int INTERVAL = PgOids.INTERVAL;
    static final int NUMERIC = PgOids.NUMERIC;
    static final int UUID_OID = PgOids.UUID;

    /** Microseconds and days between the Unix epoch and Postgres' (2000-01-01). */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    static final int PG_EPOCH_DAYS = 10_957;

    private PgTypes() {
    }

    /** The SQL type of a parameter declared with this OID, or null for unspecified and unknown. */
    static SqlType sqlType(int oid) {
        return switch (oid) {
            case BOOL -> SqlType.BOOLEAN;
            case INT2 -> SqlType.SMALLINT;
            case INT4, OID -> SqlType.INTEGER;
            case INT8 -> SqlType.BIGINT;
            case FLOAT4 -> SqlType.REAL;
            case FLOAT8 -> SqlType.DOUBLE;
            case NUMERIC -> SqlType.decimal(38, 10);
            case TEXT, VARCHAR, BPCHAR, NAME -> SqlType.TEXT;
            case DATE -> SqlType.DATE;
            case TIME -> SqlType.TIME;
            case TIMESTAMP -> SqlType.TIMESTAMP;
            case TIMESTAMPTZ -> SqlType.TIMESTAMPTZ;
            case INTERVAL -> SqlType.INTERVAL;
            default -> null;
        };
    }

    /**
     * A parameter value from its wire form. Text values stay strings (the engine casts them to the
     * parameter's type, with Postgres' input rules and errors); binary values decode by their OID.
     */
    static Object decode(byte[] value, boolean binary, int oid) {
        if (value == null) {
            return null;
        }
        if (!binary) {
            String text = TextCheck.decode(value);
            return oid == BOOL ? decodeBoolText(text) : text;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        try {
            Object v = switch (oid) {
                case BOOL -> b.get() != 0;
                case INT2 -> b.getShort();
                case INT4, OID -> b.getInt();
                case INT8 -> b.getLong();
                case FLOAT4 -> b.getFloat();
                case FLOAT8 -> b.getDouble();
                case NUMERIC -> decodeNumeric(b);
                case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN, 0 -> {
                    b.position(b.limit()); // a string's binary form is its UTF-8 bytes, all of them
                    yield TextCheck.decode(value);
                }
                case DATE -> LocalDate.ofEpochDay(b.getInt() + (long) PG_EPOCH_DAYS);
                case TIME -> LocalTime.ofNanoOfDay(b.getLong() * 1000);
                case TIMESTAMP -> LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC)
                        .plus(b.getLong() + PG_EPOCH_MICROS, ChronoUnit.MICROS);
                case TIMESTAMPTZ -> OffsetDateTime.of(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC), ZoneOffset.UTC)
                        .plus(b.getLong() + PG_EPOCH_MICROS, ChronoUnit.MICROS);
                case INTERVAL -> {
                    long micros = b.getLong();
                    int days = b.getInt();
                    yield new Interval(b.getInt(), days, micros);
                }
                case UUID_OID -> new UUID(b.getLong(), b.getLong()).toString();
                default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "binary parameters of type " + oid);
            };
            if (b.hasRemaining()) {
                throw badBinary(oid);
            }
            return v;
        } catch (BufferUnderflowException | DateTimeException e) {
            throw badBinary(oid);
        }
    }

    private static Object decodeBoolText(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
            case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, "boolean", text);
        };
    }

    private static BlueshiftException badBinary(int oid) {
        return new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                "incorrect binary data format in bind parameter of type " + oid);
    }

    private static BigDecimal decodeNumeric(ByteBuffer b) {
        int ndigits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xFFFF;
        int dscale = b.getShort();
        if (sign == 0xC000) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "NaN in numeric");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(b.getShort()));
        }
        // the digits are unscaled * 10000^(weight - ndigits + 1)
        BigDecimal v = new BigDecimal(unscaled, -4 * (weight - ndigits + 1));
        v = v.setScale(dscale, RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? v.negate() : v;
    }

    /** A numeric in Postgres' binary form: base-10000 digits with a weight, a sign and a display scale. */
    static void encodeNumeric(PgOutput out, BigDecimal v) {
        int scale = Math.max(0, v.scale());
        BigDecimal abs = v.abs().setScale(scale);
        String digits = abs.unscaledValue().toString();
        int intLen = digits.length() - scale;
        String intPart = intLen > 0 ? digits.substring(0, intLen) : "";
        String fracPart = intLen > 0 ? digits.substring(intLen) : "0".repeat(-intLen) + digits;
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        String all = intPart + fracPart;
        int groups = all.length() / 4;
        int weight = intPart.length() / 4 - 1;
        int first = 0;
        while (first < groups && all.startsWith("0000", first * 4)) {
            first++;
            weight--;
        }
        int last = groups;
        while (last > first && all.startsWith("0000", (last - 1) * 4)) {
            last--;
        }
        int n = last - first;
        out.int32(8 + 2 * n).int16(n).int16(n == 0 ? 0 : weight).int16(v.signum() < 0 ? 0x4000 : 0).int16(scale);
        for (int g = first; g < last; g++) {
            out.int16(Integer.parseInt(all, g * 4, g * 4 + 4, 10));
        }
    }

    /** A 64-bit scaled decimal in numeric's binary form, with no BigDecimal on the way for the usual sizes. */
    static void encodeNumeric(PgOutput out, long unscaled, int scale) {
        if (unscaled <= -1_000_000_000_000_000L || unscaled >= 1_000_000_000_000_000L) {
            encodeNumeric(out, BigDecimal.valueOf(unscaled, scale));
            return;
        }
        // align the point on a group of four digits, then cut base-10000 groups from the right
        int pad = (4 - scale % 4) % 4;
        long rest = Math.abs(unscaled) * PgOutput.POW10[pad];
        int fractionGroups = (scale + pad) / 4;
        short[] groups = new short[8];
        int n = 0;
        while (rest != 0 || n < fractionGroups) {
            groups[n++] = (short) (rest % 10_000);
            rest /= 10_000;
        }
        // groups[0] is the last; the first kept group's weight is its position left of the point
        int high = n - 1;
        while (high >= 0 && groups[high] == 0) {
            high--;
        }
        int low = 0;
        while (low <= high && groups[low] == 0) {
            low++;
        }
        int count = high - low + 1;
        int weight = high - fractionGroups;
        out.int32(8 + 2 * count).int16(count).int16(count == 0 ? 0 : weight).int16(unscaled < 0 ? 0x4000 : 0).int16(scale);
        for (int g = high; g >= low; g--) {
            out.int16(groups[g]);
        }
    }

    /** Whether values of this type are written from a long held in the vector's data buffer. */
    static boolean isLongDecimal(SqlType type) {
        return type.kind() == TypeKind.DECIMAL && type.physical() == PhysicalType.LONG;
    }
}
