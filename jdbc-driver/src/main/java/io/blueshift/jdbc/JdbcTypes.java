package io.blueshift.jdbc;

import io.blueshift.columnar.SqlType;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * How each SQL type shows through JDBC: its {@link Types} code, its short Postgres name (as
 * pgJDBC reports {@code getColumnTypeName}), precision and display size, and the class
 * {@code getObject} returns. Sizes follow pgJDBC so tools lay out columns the same way.
 */
final class JdbcTypes {
    /** What pgJDBC reports as the size of unbounded text. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private JdbcTypes() {
    }

    static int jdbcType(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> Types.BOOLEAN;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case CHAR -> Types.CHAR;
            case VARCHAR, TEXT -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case INTERVAL -> Types.OTHER;
        };
    }

    static String typeName(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "bool";
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case REAL -> "float4";
            case DOUBLE -> "float8";
            case DECIMAL -> "numeric";
            case CHAR -> "bpchar";
            case VARCHAR -> "varchar";
            case TEXT -> "text";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case INTERVAL -> "interval";
        };
    }

    /** Digits for numbers, characters for strings and date-times, as {@code getPrecision} reports. */
    static int precision(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> 1;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case REAL -> 8;
            case DOUBLE -> 17;
            case DECIMAL -> t.precision();
            case CHAR, VARCHAR -> t.length();
            case TEXT -> UNBOUNDED;
            case DATE -> 13;
            case TIME -> 15;
            case TIMESTAMP -> 29;
            case TIMESTAMPTZ -> 35;
            case INTERVAL -> 49;
        };
    }

    static int displaySize(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> 6;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case REAL -> 15;
            case DOUBLE -> 25;
            case DECIMAL -> t.precision() + (t.scale() > 0 ? 2 : 1);
            case BOOLEAN, CHAR, VARCHAR, TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> precision(t);
        };
    }

    /** Fractional digits: the DECIMAL scale, or the microsecond digits of times and timestamps. */
    static int scale(SqlType t) {
        return switch (t.kind()) {
            case DECIMAL -> t.scale();
            case TIME, TIMESTAMP, TIMESTAMPTZ -> 6;
            case REAL -> 8;
            case DOUBLE -> 17;
            case BOOLEAN, SMALLINT, INTEGER, BIGINT, CHAR, VARCHAR, TEXT, DATE, INTERVAL -> 0;
        };
    }

    static boolean signed(SqlType t) {
        return t.isNumeric();
    }

    /** The class of {@link AbstractResultSet#getObject(int)}'s answer. */
    static Class<?> objectClass(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> Boolean.class;
            case SMALLINT, INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case REAL -> Float.class;
            case DOUBLE -> Double.class;
            case DECIMAL -> BigDecimal.class;
            case CHAR, VARCHAR, TEXT, INTERVAL -> String.class;
            case DATE -> Date.class;
            case TIME -> Time.class;
            case TIMESTAMP, TIMESTAMPTZ -> Timestamp.class;
        };
    }
}
