package io.blueshift.jdbc;

import io.blueshift.columnar.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.Locale;

/**
 * Conversions a result set's getters apply to the engine's values (Boolean, Short, Integer, Long,
 * Float, Double, BigDecimal, String, LocalDate, LocalTime, LocalDateTime, OffsetDateTime,
 * Interval), following pgJDBC: numbers convert among themselves (truncating toward zero) and from
 * their text, a value outside the getter's range fails with 22003, text that does not parse with
 * 22023, and a value of an unrelated type with 42804. Values are never null here.
 */
final class ValueConversions {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(TIME).toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .append(TIMESTAMP).appendOffset("+HH:mm", "+00").toFormatter(Locale.ROOT);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ValueConversions() {
    }

    /** The value as Postgres prints it: booleans as {@code t}/{@code f}, timestamps with a space. */
    static String toText(Object v) {
        return switch (v) {
            case String s -> s;
            case Boolean b -> b ? "t" : "f";
            case BigDecimal d -> d.toPlainString();
            case Double d -> floatText(d, Double.toString(d));
            case Float f -> floatText(f, Float.toString(f));
            case LocalTime t -> TIME.format(t);
            case LocalDateTime t -> TIMESTAMP.format(t);
            case OffsetDateTime t -> TIMESTAMPTZ.format(t);
            default -> v.toString();
        };
    }

    /** Integral floats print without ".0" and infinities as Postgres spells them. */
    private static String floatText(double d, String javaText) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return javaText;
    }

    static boolean toBoolean(Object v) throws SQLException {
        switch (v) {
            case Boolean b -> {
                return b;
            }
            case Number n -> {
                BigDecimal d = toBigDecimal(n);
                if (d.signum() == 0 || d.compareTo(BigDecimal.ONE) == 0) {
                    return d.signum() != 0;
                }
                throw badText("boolean", v.toString());
            }
            case String s -> {
                return switch (s.strip().toLowerCase(Locale.ROOT)) {
                    case "t", "true", "y", "yes", "on", "1" -> true;
                    case "f", "false", "n", "no", "off", "0" -> false;
                    default -> throw badText("boolean", s);
                };
            }
            default -> throw mismatch(v, "boolean");
        }
    }

    /** A whole number within [min, max], or 22003. */
    static long toLong(Object v, String type, long min, long max) throws SQLException {
        long l = toLong(v, type);
        if (l < min || l > max) {
            throw outOfRange(type, v);
        }
        return l;
    }

    static long toLong(Object v, String type) throws SQLException {
        switch (v) {
            case Long l -> {
                return l;
            }
            case Integer i -> {
                return i;
            }
            case Short s -> {
                return s;
            }
            case Boolean b -> {
                return b ? 1 : 0;
            }
            case Double d -> {
                return doubleToLong(d, type, v);
            }
            case Float f -> {
                return doubleToLong(f, type, v);
            }
            case BigDecimal d -> {
                BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
                if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
                    throw outOfRange(type, v);
                }
                return whole.longValueExact();
            }
            case String s -> {
                String t = s.strip();
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    return toLong(parseDecimal(t, type), type);
                }
            }
            default -> throw mismatch(v, type);
        }
    }

    private static long doubleToLong(double d, String type, Object v) throws SQLException {
        if (Double.isNaN(d) || d < -0x1p63 || d >= 0x1p63) {
            throw outOfRange(type, v);
        }
        return (long) d;
    }

    static double toDouble(Object v, String type) throws SQLException {
        return switch (v) {
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                String t = s.strip();
                try {
                    yield switch (t) {
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        case "-Infinity" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(t);
                    };
                } catch (NumberFormatException e) {
                    throw badText(type, s);
                }
            }
            default -> throw mismatch(v, type);
        };
    }

    static float toFloat(Object v) throws SQLException {
        double d = toDouble(v, "real");
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw outOfRange("real", v);
        }
        return f;
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        return switch (v) {
            case BigDecimal d -> d;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
            case Float f when Float.isFinite(f) -> new BigDecimal(Float.toString(f));
            case Double d -> throw outOfRange("numeric", d);
            case Float f -> throw outOfRange("numeric", f);
            case String s -> parseDecimal(s.strip(), "numeric");
            default -> throw mismatch(v, "numeric");
        };
    }

    private static BigDecimal parseDecimal(String text, String type) throws SQLException {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw badText(type, text);
        }
    }

    static LocalDate toLocalDate(Object v) throws SQLException {
        return switch (v) {
            case LocalDate d -> d;
            case LocalDateTime t -> t.toLocalDate();
            case OffsetDateTime t -> t.toLocalDate();
            case String s -> parse(s, "date", LocalDate::parse);
            default -> throw mismatch(v, "date");
        };
    }

    static LocalTime toLocalTime(Object v) throws SQLException {
        return switch (v) {
            case LocalTime t -> t;
            case LocalDateTime t -> t.toLocalTime();
            case OffsetDateTime t -> t.toLocalTime();
            case String s -> parse(s, "time", LocalTime::parse);
            default -> throw mismatch(v, "time");
        };
    }

    static LocalDateTime toLocalDateTime(Object v) throws SQLException {
        return switch (v) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case OffsetDateTime t -> t.toLocalDateTime();
            case String s -> parse(s, "timestamp", text -> LocalDateTime.parse(text.replace(' ', 'T')));
            default -> throw mismatch(v, "timestamp");
        };
    }

    /**
     * The instant a value stands for: a TIMESTAMPTZ is one already; a value without a zone is read
     * as a wall-clock time in {@code zone} (the JVM's zone by default, as JDBC asks).
     */
    static Instant toInstant(Object v, ZoneId zone) throws SQLException {
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return toLocalDateTime(v).atZone(zone).toInstant();
    }

    static OffsetDateTime toOffsetDateTime(Object v) throws SQLException {
        if (v instanceof OffsetDateTime t) {
            return t;
        }
        if (v instanceof String s) {
            return parse(s, "timestamptz", text -> OffsetDateTime.parse(text, TIMESTAMPTZ));
        }
        return toInstant(v, ZoneId.systemDefault()).atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }

    static Date toDate(Object v, Calendar cal) throws SQLException {
        LocalDate d = toLocalDate(v);
        if (cal == null) {
            return Date.valueOf(d);
        }
        return new Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    static Time toTime(Object v, Calendar cal) throws SQLException {
        LocalTime t = toLocalTime(v);
        if (cal == null) {
            return Time.valueOf(t);
        }
        ZoneId zone = cal.getTimeZone().toZoneId();
        return new Time(t.atDate(LocalDate.EPOCH).atZone(zone).toInstant().toEpochMilli());
    }

    static Timestamp toTimestamp(Object v, Calendar cal) throws SQLException {
        if (v instanceof LocalTime t) {
            v = t.atDate(LocalDate.EPOCH);
        }
        if (cal == null && !(v instanceof OffsetDateTime)) {
            return Timestamp.valueOf(toLocalDateTime(v));
        }
        return Timestamp.from(toInstant(v, cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId()));
    }

    /** {@code getObject(column, type)}: the value as an instance of {@code type}. */
    @SuppressWarnings("unchecked")
    static <T> T convert(Object v, Class<T> type) throws SQLException {
        Object out;
        if (type == String.class) {
            out = toText(v);
        } else if (type == Integer.class) {
            out = (int) toLong(v, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (type == Long.class) {
            out = toLong(v, "bigint");
        } else if (type == Short.class) {
            out = (short) toLong(v, "smallint", Short.MIN_VALUE, Short.MAX_VALUE);
        } else if (type == Byte.class) {
            out = (byte) toLong(v, "tinyint", Byte.MIN_VALUE, Byte.MAX_VALUE);
        } else if (type == Boolean.class) {
            out = toBoolean(v);
        } else if (type == Double.class) {
            out = toDouble(v, "double precision");
        } else if (type == Float.class) {
            out = toFloat(v);
        } else if (type == BigDecimal.class) {
            out = toBigDecimal(v);
        } else if (type == BigInteger.class) {
            out = BigInteger.valueOf(toLong(v, "bigint"));
        } else if (type == LocalDate.class) {
            out = toLocalDate(v);
        } else if (type == LocalTime.class) {
            out = toLocalTime(v);
        } else if (type == LocalDateTime.class) {
            out = toLocalDateTime(v);
        } else if (type == OffsetDateTime.class) {
            out = toOffsetDateTime(v);
        } else if (type == ZonedDateTime.class) {
            out = toOffsetDateTime(v).toZonedDateTime();
        } else if (type == OffsetTime.class && v instanceof OffsetDateTime t) {
            out = t.toOffsetTime();
        } else if (type == Instant.class) {
            out = toInstant(v, ZoneId.systemDefault());
        } else if (type == Date.class) {
            out = toDate(v, null);
        } else if (type == Time.class) {
            out = toTime(v, null);
        } else if (type == Timestamp.class || type == java.util.Date.class) { // fqn: Date here is java.sql.Date
            out = toTimestamp(v, null);
        } else if (type.isInstance(v)) {
            out = v;
        } else {
            throw new SQLException("cannot convert a value of class " + v.getClass().getSimpleName() + " to "
                    + type.getName(), JdbcErrors.DATATYPE_MISMATCH);
        }
        return (T) out;
    }

    /** The class {@code getObject(column)} answers for a value of the engine. */
    static Object natural(Object v) {
        return switch (v) {
            case Short s -> (int) s;
            case LocalDate d -> Date.valueOf(d);
            case LocalTime t -> Time.valueOf(t);
            case LocalDateTime t -> Timestamp.valueOf(t);
            case OffsetDateTime t -> Timestamp.from(t.toInstant());
            case Interval i -> i.toString();
            default -> v;
        };
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String text, String type, Parser<T> parser) throws SQLException {
        try {
            return parser.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw badText(type, text);
        }
    }

    static SQLException outOfRange(String type, Object v) {
        return new SQLException("value " + v + " is out of range for type " + type, JdbcErrors.NUMERIC_VALUE_OUT_OF_RANGE);
    }

    private static SQLException badText(String type, String text) {
        return new SQLException("invalid input syntax for type " + type + ": \"" + text + "\"",
                JdbcErrors.INVALID_PARAMETER_VALUE);
    }

    private static SQLException mismatch(Object v, String type) {
        return new SQLException("cannot convert a value of class " + v.getClass().getSimpleName() + " to " + type,
                JdbcErrors.DATATYPE_MISMATCH);
    }
}
