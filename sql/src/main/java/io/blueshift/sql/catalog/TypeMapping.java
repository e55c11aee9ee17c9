package io.blueshift.sql.catalog;

import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates between Blueshift's {@link SqlType} and Calcite's {@link RelDataType}. A Postgres
 * {@code interval} holds months, days and microseconds at once; Calcite splits intervals into
 * year-month and day-time kinds, so a column of type interval is offered as DAY TO SECOND and both
 * Calcite kinds map back to {@link SqlType#INTERVAL}.
 */
public final class TypeMapping {
    /** Fractional-second digits of TIME, TIMESTAMP and intervals (microseconds, as Postgres). */
    public static final int FRACTIONAL_DIGITS = 6;

    private TypeMapping() {
    }

    /** The Calcite type of a column of {@code type}, nullable or not. */
    public static RelDataType toRelType(RelDataTypeFactory factory, SqlType type, boolean nullable) {
        RelDataType base = switch (type.kind()) {
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case REAL -> factory.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
            case CHAR -> factory.createSqlType(SqlTypeName.CHAR, type.length());
            case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR, type.length());
            case TEXT -> factory.createSqlType(SqlTypeName.VARCHAR);
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIME -> factory.createSqlType(SqlTypeName.TIME, FRACTIONAL_DIGITS);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, FRACTIONAL_DIGITS);
            case TIMESTAMPTZ -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                    FRACTIONAL_DIGITS);
            case INTERVAL -> factory.createSqlIntervalType(new SqlIntervalQualifier(
                    TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
        };
        return factory.createTypeWithNullability(base, nullable);
    }

    /**
     * The Blueshift type of a Calcite type, for result columns. Types Blueshift has no column type
     * for (arrays, maps, binary, ...) fail with SQLSTATE 0A000.
     */
    public static SqlType toSqlType(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        if (SqlTypeName.INTERVAL_TYPES.contains(name)) {
            return SqlType.INTERVAL;
        }
        return switch (name) {
            case BOOLEAN -> SqlType.BOOLEAN;
            case TINYINT, SMALLINT -> SqlType.SMALLINT;
            case INTEGER -> SqlType.INTEGER;
            case BIGINT -> SqlType.BIGINT;
            case REAL, FLOAT -> SqlType.REAL;
            case DOUBLE -> SqlType.DOUBLE;
            case DECIMAL -> SqlType.decimal(type.getPrecision(), type.getScale());
            // The empty literal '' is CHAR(0) to Calcite; Postgres types it text.
            case CHAR -> type.getPrecision() < 1 ? SqlType.TEXT : SqlType.character(type.getPrecision());
            case VARCHAR -> type.getPrecision() < 1 || type.getPrecision() > SqlType.MAX_CHAR_LENGTH
                    ? SqlType.TEXT : SqlType.varchar(type.getPrecision());
            case DATE -> SqlType.DATE;
            case TIME -> SqlType.TIME;
            case TIMESTAMP -> SqlType.TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> SqlType.TIMESTAMPTZ;
            // A bare NULL has no type; Postgres resolves an unknown literal in a result to text.
            case NULL -> SqlType.TEXT;
            // SqlTypeName is Calcite's open-ended list; everything else has no column type here.
            default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "result type " + type);
        };
    }

}
