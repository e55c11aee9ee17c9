package io.blueshift.sql.plan;

import io.blueshift.columnar.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite type rules bent towards Postgres and Redshift: DECIMAL up to 38 digits, SUM of a
 * DECIMAL is DECIMAL(38, s) and SUM of integers is BIGINT (Redshift's result types), and CASE or
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
            case TINYINT, SMALLINT, INTEGER, BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, SqlType.MAX_DECIMAL_PRECISION,
                    argumentType.getScale());
            default -> argumentType;
        };
        return factory.createTypeWithNullability(sum, argumentType.isNullable());
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
