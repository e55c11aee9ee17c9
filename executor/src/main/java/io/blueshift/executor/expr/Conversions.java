package io.blueshift.executor.expr;

import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Conversion of one Java value to a SQL type, as CAST does in Postgres: numbers round half away
 * from zero into integers and fail with 22003 when they do not fit; text is parsed (22P02, 22007
 * for bad input); values become text in Postgres' output format. Used by CAST on the slow path and
 * to bind parameters.
 */
public final class Conversions {
    private static final DateTimeFormatter TIME_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP_PARSE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private Conversions() {
    }

    /** {@code value} as a value of {@code target} (null stays null). */
    public static Object convert(Object value, SqlType target) {
        if (value == null) {
            return null;
        }
        return switch (target.kind()) {
            case BOOLEAN -> toBoolean(value);
            case SMALLINT -> (short) toLong(value, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INTEGER -> (int) toLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case BIGINT -> toLong(value, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case REAL -> (float) toDouble(value, "real");
            case DOUBLE -> toDouble(value, "double precision");
            case DECIMAL -> Values.toDecimal(toDecimal(value, "numeric"), target);
            case CHAR, VARCHAR, TEXT -> castText(toText(value), target);
            case DATE -> toDate(value);
            case TIME -> toTime(value);
            case TIMESTAMP -> toTimestamp(value);
            case TIMESTAMPTZ -> toTimestampTz(value);
            case INTERVAL -> toInterval(value);
        };
    }

    /** A value as Postgres prints it. */
    public static String toText(Object value) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b ? "true" : "false";
            case BigDecimal d -> d.toPlainString();
            case Float f -> formatDouble(f.doubleValue(), true);
            case Double d -> formatDouble(d, false);
            case LocalTime t -> TIME_TEXT.format(t);
            case LocalDateTime t -> TIMESTAMP_TEXT.format(t);
            case OffsetDateTime t -> TIMESTAMP_TEXT.format(t.withOffsetSameInstant(ZoneOffset.UTC)) + "+00";
            default -> value.toString();
        };
    }

    private static String formatDouble(double d, boolean single) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = single ? Float.toString((float) d) : Double.toString(d);
        if (s.contains("E")) {
            BigDecimal b = new BigDecimal(s);
            return Math.abs(d) >= 1e-4 && Math.abs(d) < 1e15 ? b.toPlainString() : s.replace("E", "e");
        }
        return s;
    }

    /** Text assigned to CHAR(n)/VARCHAR(n) by a cast: truncated to n (an explicit cast truncates in Postgres). */
    private static String castText(String s, SqlType target) {
        if (target.length() > 0 && s.codePointCount(0, s.length()) > target.length()) {
            return s.substring(0, s.offsetByCodePoints(0, target.length()));
        }
        return s;
    }

    static boolean toBoolean(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.longValue() != 0;
            case String s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "t", "true", "y", "yes", "on", "1" -> true;
                case "f", "false", "n", "no", "off", "0" -> false;
                default -> throw new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, "boolean", s);
            };
            default -> throw cannot(value, "boolean");
        };
    }

    static long toLong(Object value, long min, long max, String typeName) {
        long v;
        switch (value) {
            case Long l -> v = l;
            case Integer i -> v = i;
            case Short s -> v = s;
            case Byte b -> v = b;
            case Boolean b -> v = b ? 1 : 0;
            case Double d -> v = roundToLong(d, typeName);
            case Float f -> v = roundToLong(f, typeName);
            case BigDecimal d -> {
                BigDecimal r = d.setScale(0, RoundingMode.HALF_UP);
                if (r.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || r.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
                    throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, typeName);
                }
                v = r.longValue();
            }
            case String s -> {
                try {
                    v = Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    throw new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, typeName, s);
                }
            }
            default -> throw cannot(value, typeName);
        }
        if (v < min || v > max) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, typeName);
        }
        return v;
    }

    private static long roundToLong(double d, String typeName) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, typeName);
        }
        return (long) Math.rint(d);
    }

    static double toDouble(Object value, String typeName) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case String s -> {
                String t = s.trim();
                try {
                    yield switch (t.toLowerCase(Locale.ROOT)) {
                        case "nan" -> Double.NaN;
                        case "infinity", "inf", "+infinity" -> Double.POSITIVE_INFINITY;
                        case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(t);
                    };
                } catch (NumberFormatException e) {
                    throw new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, typeName, s);
                }
            }
            default -> throw cannot(value, typeName);
        };
    }

    static BigDecimal toDecimal(Object value, String typeName) {
        return switch (value) {
            case BigDecimal d -> d;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, typeName);
                }
                yield BigDecimal.valueOf(d);
            }
            case Float f -> {
                if (f.isNaN() || f.isInfinite()) {
                    throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, typeName);
                }
                yield BigDecimal.valueOf(f.doubleValue());
            }
            case Boolean b -> throw cannot(value, typeName);
            case String s -> {
                try {
                    yield new BigDecimal(s.trim());
                } catch (NumberFormatException e) {
                    throw new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, typeName, s);
                }
            }
            default -> throw cannot(value, typeName);
        };
    }

    /**
     * The error for a date or timestamp text that does not parse: 22008 when it has the shape of
     * one and a field is out of range ({@code 2024-02-30}), else 22007, as Postgres tells them apart.
     */
    public static BlueshiftException dateError(String type, String text) {
        if (outOfRangeShape(text)) {
            return new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "date/time field value \"" + text + "\"");
        }
        return new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, type, text);
    }

    /** Whether a date or timestamp text has the shape of one (so a failure is a field out of range). */
    public static boolean outOfRangeShape(String text) {
        return text.trim().matches("\\d{4}-\\d{1,2}-\\d{1,2}([ T].*)?");
    }

    static LocalDate toDate(Object value) {
        return switch (value) {
            case LocalDate d -> d;
            case LocalDateTime t -> t.toLocalDate();
            case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            case String s -> {
                try {
                    yield LocalDate.parse(s.trim().length() > 10 ? s.trim().substring(0, 10) : s.trim());
                } catch (DateTimeParseException e) {
                    throw dateError("date", s);
                }
            }
            default -> throw cannot(value, "date");
        };
    }

    static LocalTime toTime(Object value) {
        return switch (value) {
            case LocalTime t -> t;
            case LocalDateTime t -> t.toLocalTime();
            case String s -> {
                try {
                    yield LocalTime.parse(s.trim());
                } catch (DateTimeParseException e) {
                    throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "time", s);
                }
            }
            default -> throw cannot(value, "time");
        };
    }

    static LocalDateTime toTimestamp(Object value) {
        return switch (value) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            case String s -> parseTimestamp(s).toLocalDateTime();
            default -> throw cannot(value, "timestamp");
        };
    }

    static OffsetDateTime toTimestampTz(Object value) {
        return switch (value) {
            case OffsetDateTime t -> t;
            case LocalDateTime t -> t.atOffset(ZoneOffset.UTC);
            case LocalDate d -> d.atStartOfDay().atOffset(ZoneOffset.UTC);
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            case String s -> parseTimestamp(s);
            default -> throw cannot(value, "timestamp with time zone");
        };
    }

    private static OffsetDateTime parseTimestamp(String s) {
        try {
            var parsed = TIMESTAMP_PARSE.parseBest(s.trim(), OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            return switch (parsed) {
                case OffsetDateTime t -> t;
                case LocalDateTime t -> t.atOffset(ZoneOffset.UTC);
                case LocalDate d -> d.atStartOfDay().atOffset(ZoneOffset.UTC);
                default -> throw new IllegalStateException(parsed.toString());
            };
        } catch (DateTimeParseException e) {
            throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "timestamp", s);
        }
    }

    static Interval toInterval(Object value) {
        return switch (value) {
            case Interval i -> i;
            case String s -> Intervals.parse(s);
            default -> throw cannot(value, "interval");
        };
    }

    private static BlueshiftException cannot(Object value, String typeName) {
        return new BlueshiftException(ErrorCode.DATATYPE_MISMATCH,
                "cannot cast " + value.getClass().getSimpleName() + " value to " + typeName);
    }
}
