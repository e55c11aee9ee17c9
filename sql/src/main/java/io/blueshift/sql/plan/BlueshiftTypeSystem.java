package io.blueshift.sql.plan;

import io.blueshift.columnar.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite type rules bent towards Postgres and Redshift: DECIMAL up to 38 digits, SUM of a
 * DECIMAL is DECIMAL(38, s) and SUM of SMALLINT and INTEGER is BIGINT and of BIGINT is NUMERIC (Postgres' result types, which cannot overflow), and CASE or
 * UNION of strings of different lengths is VARCHAR rather than blank-padded CHAR.
 */
public final class BlueshiftTypeSystem extends RelDataTypeSystemImpl {
    public static final BlueshiftTypeSystem INSTANCE = new BlueshiftTypeSystem();

    private BlueshiftTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? SqlType.MAX_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? SqlType.MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
        RelDataType sum = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> factory.createSqlType(SqlTypeName.BIGINT);
            case BIGINT -> factory.createSqlType(SqlTypeName.DECIMAL, SqlType.MAX_DECIMAL_PRECISION, 0);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, SqlType.MAX_DECIMAL_PRECISION,
                    argumentType.getScale());
            default -> argumentType;
        };
        return factory.createTypeWithNullability(sum, argumentType.isNullable());
    }

    /**
     * AVG of integers and decimals is NUMERIC as in Postgres, with 16 fractional digits (Postgres
     * keeps at least 16 significant digits; a fixed scale is the closest a typed column gets).
     */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
        RelDataType avg = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL,
                    SqlType.MAX_DECIMAL_PRECISION, Math.max(AVG_SCALE, argumentType.getScale() < 0 ? 0 : argumentType.getScale()));
            default -> argumentType;
        };
        return factory.createTypeWithNullability(avg, argumentType.isNullable());
    }

    /**
     * DECIMAL / DECIMAL keeps at least 16 fractional digits, as Postgres' numeric division keeps 16
     * significant digits for quotients below 1 (TPC-H's market shares and percentages), at the
     * cost of 128-bit arithmetic.
     */
    @Override
    public RelDataType deriveDecimalDivideType(RelDataTypeFactory factory, RelDataType type1, RelDataType type2) {
        RelDataType standard = super.deriveDecimalDivideType(factory, type1, type2);
        if (standard == null || standard.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return standard;
        }
        int scale = Math.min(SqlType.MAX_DECIMAL_PRECISION - 1,
                Math.max(AVG_SCALE, Math.max(Math.max(type1.getScale(), type2.getScale()), standard.getScale())));
        RelDataType out = factory.createSqlType(SqlTypeName.DECIMAL, SqlType.MAX_DECIMAL_PRECISION, scale);
        return factory.createTypeWithNullability(out, type1.isNullable() || type2.isNullable());
    }

    /** Fractional digits of AVG over integers and decimals. */
    static final int AVG_SCALE = 16;

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
