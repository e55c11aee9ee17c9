package io.blueshift.jdbc;

import io.blueshift.columnar.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;

/**
 * Turns the values JDBC setters receive into the Java objects the engine binds to {@code ?}
 * parameters (Boolean, Short, Integer, Long, Float, Double, BigDecimal, String, LocalDate,
 * LocalTime, LocalDateTime, OffsetDateTime, Interval): the {@code java.sql} date-time classes
 * become their {@code java.time} wall-clock values, as pgJDBC sends them.
 */
final class ParameterValues {
    private ParameterValues() {
    }

    static Object toEngine(Object x) throws SQLException {
        return switch (x) {
            case null -> null;
            case Boolean b -> b;
            case Byte b -> (short) b;
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case Float f -> f;
            case Double d -> d;
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case String s -> s;
            case Character c -> c.toString();
            case Date d -> d.toLocalDate();
            case Time t -> t.toLocalTime();
            case Timestamp t -> t.toLocalDateTime();
            case java.util.Date d -> new Timestamp(d.getTime()).toLocalDateTime(); // fqn: Date here is java.sql.Date
            case LocalDate d -> d;
            case LocalTime t -> t;
            case LocalDateTime t -> t;
            case OffsetDateTime t -> t;
            case ZonedDateTime t -> t.toOffsetDateTime();
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            case Interval i -> i;
            default -> throw new SQLException("cannot bind a value of class " + x.getClass().getName()
                    + "; use setObject with a target SQL type or a supported class", JdbcErrors.DATATYPE_MISMATCH);
        };
    }

    /** {@code setObject(index, x, targetSqlType)}: the value converted to the named type first. */
    static Object toEngine(Object x, int targetSqlType) throws SQLException {
        Object v = toEngine(x);
        if (v == null) {
            return null;
        }
        Class<?> target = switch (targetSqlType) {
            case Types.BIT, Types.BOOLEAN -> Boolean.class;
            case Types.TINYINT, Types.SMALLINT -> Short.class;
            case Types.INTEGER -> Integer.class;
            case Types.BIGINT -> Long.class;
            case Types.REAL -> Float.class;
            case Types.FLOAT, Types.DOUBLE -> Double.class;
            case Types.NUMERIC, Types.DECIMAL -> BigDecimal.class;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> String.class;
            case Types.DATE -> LocalDate.class;
            case Types.TIME -> LocalTime.class;
            case Types.TIMESTAMP -> LocalDateTime.class;
            case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.class;
            case Types.OTHER, Types.JAVA_OBJECT, Types.NULL -> Object.class;
            default -> throw JdbcErrors.unsupported("binding a value as java.sql.Types " + targetSqlType);
        };
        return target == Object.class ? v : ValueConversions.convert(v, target);
    }

    static LocalDate date(Date d, Calendar cal) {
        if (d == null) {
            return null;
        }
        return cal == null ? d.toLocalDate()
                : Instant.ofEpochMilli(d.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate();
    }

    static LocalTime time(Time t, Calendar cal) {
        if (t == null) {
            return null;
        }
        return cal == null ? t.toLocalTime()
                : Instant.ofEpochMilli(t.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalTime();
    }

    static LocalDateTime timestamp(Timestamp t, Calendar cal) {
        if (t == null) {
            return null;
        }
        return cal == null ? t.toLocalDateTime()
                : t.toInstant().atZone(cal.getTimeZone().toZoneId()).toLocalDateTime();
    }
}
