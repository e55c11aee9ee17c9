package io.blueshift.jdbc.slt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Renders one result value as the text a sqllogictest file compares, driven by the column's type
 * letter so that engines whose drivers return different Java classes still agree:
 * <ul>
 *   <li>{@code I}: an integer, whatever integral class the driver returns;</li>
 *   <li>{@code R}: a float rounded half-even to {@value #REAL_DECIMALS} decimals (binary
 *       floating point differs in the last bits between engines);</li>
 *   <li>{@code D}: an exact decimal (or integer), {@link BigDecimal#toPlainString()} with the scale
 *       the engine gives it; a float is a mismatch, since its digits would be noise;</li>
 *   <li>{@code B}: {@code true} or {@code false};</li>
 *   <li>{@code T}: the driver's text for the value, except that booleans are {@code true}/{@code false}
 *       and dates and times that a driver returns as {@code java.time} objects or
 *       {@code java.sql.Timestamp} get Postgres's text ({@code 2024-01-02 03:04:05.5-08}).</li>
 * </ul>
 * NULL is {@code NULL} and the empty string {@code (empty)}. A value that does not fit its letter
 * renders as {@code <class: value>}, which never matches an expected value, so the failure shows
 * what the engine returned instead of stopping the file.
 */
final class SltValues {
    static final int REAL_DECIMALS = 3;
    private static final DateTimeFormatter PG_TIMESTAMP = pgFormat("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter PG_TIME = pgFormat("HH:mm:ss");

    private SltValues() {}

    static String format(ResultSet rs, int column, char type) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return "NULL";
        }
        return switch (type) {
            case 'I' -> integer(value);
            case 'R' -> real(value);
            case 'D' -> switch (value) {
                case Double _, Float _ -> mismatch(value);
                case Number _ -> rs.getBigDecimal(column).toPlainString();
                default -> mismatch(value);
            };
            case 'B' -> value instanceof Boolean b ? b.toString() : mismatch(value);
            case 'T' -> switch (value) {
                case Boolean b -> b.toString();
                case OffsetDateTime t -> timestampTz(t);
                case LocalDateTime t -> t.format(PG_TIMESTAMP);
                case LocalTime t -> t.format(PG_TIME);
                // java.sql.Timestamp's text always has a fraction; Postgres drops a zero one
                case Timestamp _ -> rs.getString(column).replaceFirst("\\.0$", "");
                default -> text(rs.getString(column));
            };
            default -> throw new IllegalArgumentException("type letter " + type);
        };
    }

    private static String integer(Object value) {
        return switch (value) {
            case Long _, Integer _, Short _, Byte _, BigInteger _ -> value.toString();
            case BigDecimal d when d.stripTrailingZeros().scale() <= 0 -> d.toBigInteger().toString();
            default -> mismatch(value);
        };
    }

    private static String real(Object value) {
        if (!(value instanceof Number n)) {
            return mismatch(value);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        // BigDecimal has no negative zero, so -0.0 and -0.0001 both render as 0.000.
        return new BigDecimal(d).setScale(REAL_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Postgres's text for times: seconds always, then up to six fraction digits without trailing zeros. */
    private static DateTimeFormatter pgFormat(String pattern) {
        return new DateTimeFormatterBuilder()
                .appendPattern(pattern)
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).optionalEnd()
                .toFormatter(Locale.ROOT);
    }

    /**
     * Postgres's text for a timestamp with time zone ({@code 2024-01-02 03:04:05.5-08}), for drivers
     * that hand back an {@link OffsetDateTime} whose {@code toString} is ISO-8601 instead.
     */
    private static String timestampTz(OffsetDateTime t) {
        String text = t.toLocalDateTime().format(PG_TIMESTAMP);
        int offsetSeconds = t.getOffset().getTotalSeconds();
        int abs = Math.abs(offsetSeconds);
        String offset = (offsetSeconds < 0 ? "-" : "+") + two(abs / 3600)
                + (abs % 3600 == 0 ? "" : ":" + two(abs % 3600 / 60));
        return text + offset;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String text(String value) {
        return value.isEmpty() ? "(empty)" : value;
    }

    private static String mismatch(Object value) {
        return "<" + value.getClass().getSimpleName() + ": " + value + ">";
    }
}
