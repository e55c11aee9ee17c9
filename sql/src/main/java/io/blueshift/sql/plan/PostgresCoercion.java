package io.blueshift.sql.plan;

import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit casts, less one Postgres does not make: a text column is not read as a number
 * to fit an aggregate, so {@code sum(v)} over a varchar column is 42883 ("function sum(character
 * varying) does not exist") instead of failing row by row on the first value that is no number. A
 * string literal still converts, as Postgres' {@code unknown} type does.
 */
final class PostgresCoercion extends TypeCoercionImpl {
    private static final Set<SqlKind> NUMERIC_AGGREGATES = Set.of(SqlKind.SUM, SqlKind.SUM0, SqlKind.AVG,
            SqlKind.STDDEV_POP, SqlKind.STDDEV_SAMP, SqlKind.VAR_POP, SqlKind.VAR_SAMP);

    PostgresCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    @Override
    public boolean builtinFunctionCoercion(SqlCallBinding binding, List<RelDataType> operandTypes,
                                           List<SqlTypeFamily> expectedFamilies) {
        if (NUMERIC_AGGREGATES.contains(binding.getOperator().getKind())) {
            for (int i = 0; i < binding.getOperandCount(); i++) {
                SqlNode operand = binding.operand(i);
                if (SqlTypeUtil.isCharacter(binding.getOperandType(i)) && !(operand instanceof SqlLiteral)) {
                    return false;
                }
            }
        }
        return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
    }
}
