package io.blueshift.columnar;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.Locale;
import java.util.Objects;

/**
 * A SQL type: its family plus the modifiers that matter (DECIMAL precision and scale, CHAR and
 * VARCHAR length). Immutable; names follow Postgres ({@code numeric(12,2)}, {@code character
 * varying(10)}, {@code timestamp with time zone}).
 */
public final class SqlType {
    /** The largest DECIMAL precision; DECIMAL(38, s) is also the type of exact sums. */
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** The largest DECIMAL precision held as a scaled 64-bit integer. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;
    /** The largest declared CHAR/VARCHAR length (Redshift's limit, in bytes). */
    public static final int MAX_CHAR_LENGTH = 65535;
    /** Length of a VARCHAR declared without one (Redshift's default is 256). */
    public static final int DEFAULT_VARCHAR_LENGTH = 256;

    public static final SqlType BOOLEAN = new SqlType(TypeKind.BOOLEAN, 0, 0);
    public static final SqlType SMALLINT = new SqlType(TypeKind.SMALLINT, 0, 0);
    public static final SqlType INTEGER = new SqlType(TypeKind.INTEGER, 0, 0);
    public static final SqlType BIGINT = new SqlType(TypeKind.BIGINT, 0, 0);
    public static final SqlType REAL = new SqlType(TypeKind.REAL, 0, 0);
    public static final SqlType DOUBLE = new SqlType(TypeKind.DOUBLE, 0, 0);
    public static final SqlType TEXT = new SqlType(TypeKind.TEXT, 0, 0);
    public static final SqlType DATE = new SqlType(TypeKind.DATE, 0, 0);
    public static final SqlType TIME = new SqlType(TypeKind.TIME, 0, 0);
    public static final SqlType TIMESTAMP = new SqlType(TypeKind.TIMESTAMP, 0, 0);
    public static final SqlType TIMESTAMPTZ = new SqlType(TypeKind.TIMESTAMPTZ, 0, 0);
    public static final SqlType INTERVAL = new SqlType(TypeKind.INTERVAL, 0, 0);

    private final TypeKind kind;
    /** DECIMAL precision, or CHAR/VARCHAR length; 0 otherwise. */
    private final int precision;
    /** DECIMAL scale; 0 otherwise. */
    private final int scale;

    private SqlType(TypeKind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    /** DECIMAL(precision, scale), checked as Postgres checks it (SQLSTATE 22023). */
    public static SqlType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "DECIMAL precision " + precision + " must be between 1 and " + MAX_DECIMAL_PRECISION);
        }
        if (scale < 0 || scale > precision) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "DECIMAL scale " + scale + " must be between 0 and precision " + precision);
        }
        return new SqlType(TypeKind.DECIMAL, precision, scale);
    }

    /** CHAR(length): blank-padded to its length. */
    public static SqlType character(int length) {
        return new SqlType(TypeKind.CHAR, checkLength(length), 0);
    }

    /** VARCHAR(length). */
    public static SqlType varchar(int length) {
        return new SqlType(TypeKind.VARCHAR, checkLength(length), 0);
    }

    private static int checkLength(int length) {
        if (length < 1 || length > MAX_CHAR_LENGTH) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "length for type varchar must be between 1 and " + MAX_CHAR_LENGTH + ", not " + length);
        }
        return length;
    }

    public TypeKind kind() {
        return kind;
    }

    /** DECIMAL precision; for other types 0. */
    public int precision() {
        return kind == TypeKind.DECIMAL ? precision : 0;
    }

    /** DECIMAL scale; for other types 0. */
    public int scale() {
        return scale;
    }

    /** Declared CHAR/VARCHAR length; for other types 0. */
    public int length() {
        return kind == TypeKind.CHAR || kind == TypeKind.VARCHAR ? precision : 0;
    }

    public boolean isDecimal() {
        return kind == TypeKind.DECIMAL;
    }

    public boolean isString() {
        return kind == TypeKind.CHAR || kind == TypeKind.VARCHAR || kind == TypeKind.TEXT;
    }

    /** Whether values are numbers that arithmetic applies to. */
    public boolean isNumeric() {
        return switch (kind) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> true;
            case BOOLEAN, CHAR, VARCHAR, TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> false;
        };
    }

    /** How the values lie in memory, which decides the kernels that run on them. */
    public PhysicalType physical() {
        return switch (kind) {
            case BOOLEAN -> PhysicalType.BIT;
            case SMALLINT -> PhysicalType.SHORT;
            case INTEGER, DATE -> PhysicalType.INT;
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> PhysicalType.LONG;
            case REAL -> PhysicalType.FLOAT;
            case DOUBLE -> PhysicalType.DOUBLE;
            case DECIMAL -> precision <= MAX_LONG_DECIMAL_PRECISION ? PhysicalType.LONG : PhysicalType.DECIMAL128;
            case CHAR, VARCHAR, TEXT -> PhysicalType.VARCHAR;
            case INTERVAL -> PhysicalType.INTERVAL;
        };
    }

    /** The Postgres name of the type, as {@code format_type} prints it. */
    public String name() {
        return switch (kind) {
            case BOOLEAN -> "boolean";
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case DECIMAL -> "numeric(" + precision + "," + scale + ")";
            case CHAR -> "character(" + precision + ")";
            case VARCHAR -> "character varying(" + precision + ")";
            case TEXT -> "text";
            case DATE -> "date";
            case TIME -> "time without time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case INTERVAL -> "interval";
        };
    }

    /**
     * Parses a type name as written in DDL, with the Postgres and Redshift aliases ({@code int4},
     * {@code float8}, {@code numeric(10,2)}, {@code varchar(20)}, {@code bpchar}, {@code
     * timestamptz}, {@code timestamp with time zone}, ...). Unknown names fail with 42704.
     */
    public static SqlType parse(String text) {
        return SqlTypeParser.parse(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlType t && t.kind == kind && t.precision == precision && t.scale == scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale);
    }

    @Override
    public String toString() {
        return name().toUpperCase(Locale.ROOT);
    }
}
