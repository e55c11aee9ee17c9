package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Postgres' {@code generate_series(start, stop [, step])} in FROM, as a Calcite table function
 * (planned as a {@code TableFunctionScan}, which the physical planner runs as
 * {@code executor.op.SeriesOp}, a batch at a time). Its signatures are Postgres': integers
 * (INTEGER, or BIGINT when an argument is), numerics, and timestamps with an interval step
 * (timestamp, or timestamptz when an argument is one or all are dates, as Postgres resolves
 * {@code generate_series(date, date, interval)}). Anything else is 42883, as in Postgres. The one
 * column is named {@code generate_series}.
 */
public final class GenerateSeriesFunction extends SqlFunction implements SqlTableFunction {
    public static final GenerateSeriesFunction INSTANCE = new GenerateSeriesFunction();

    private GenerateSeriesFunction() {
        super("GENERATE_SERIES", SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR,
                (binding, returnType, operandTypes) -> inferUnknown(binding, operandTypes), new Signatures(),
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return binding -> {
            RelDataType value = valueType(binding);
            RelDataTypeFactory f = binding.getTypeFactory();
            return f.builder().add("generate_series", f.createTypeWithNullability(value, false)).build();
        };
    }

    /** NULL and {@code ?} arguments take the type of the other bounds (integer when there are none). */
    private static void inferUnknown(SqlCallBinding binding, RelDataType[] operandTypes) {
        RelDataTypeFactory f = binding.getTypeFactory();
        RelDataType known = null;
        for (int i = 0; i < Math.min(2, binding.getOperandCount()); i++) {
            RelDataType t = binding.getValidator().deriveType(binding.getScope(), binding.operand(i));
            if (t.getSqlTypeName() != SqlTypeName.NULL && t.getSqlTypeName() != SqlTypeName.UNKNOWN) {
                known = t;
                break;
            }
        }
        if (known == null) {
            known = f.createSqlType(SqlTypeName.INTEGER);
        }
        boolean time = SqlTypeUtil.isDatetime(known);
        for (int i = 0; i < operandTypes.length; i++) {
            RelDataType t = i == 2 && time
                    ? f.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO))
                    : known;
            operandTypes[i] = f.createTypeWithNullability(t, true);
        }
    }

    /** The type of the values, or null when the arguments fit no signature. */
    static RelDataType valueType(SqlOperatorBinding binding) {
        RelDataTypeFactory f = binding.getTypeFactory();
        int n = binding.getOperandCount();
        List<RelDataType> bounds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bounds.add(binding.getOperandType(i));
        }
        RelDataType step = n == 3 ? bounds.remove(2) : null;
        boolean integers = true;
        boolean numeric = true;
        boolean times = true;
        for (RelDataType t : bounds) {
            SqlTypeName name = t.getSqlTypeName();
            integers &= SqlTypeUtil.isIntType(t) || name == SqlTypeName.NULL;
            numeric &= SqlTypeUtil.isExactNumeric(t) || name == SqlTypeName.NULL;
            times &= name == SqlTypeName.DATE || name == SqlTypeName.TIMESTAMP
                    || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || name == SqlTypeName.NULL;
        }
        if (integers && (step == null || SqlTypeUtil.isIntType(step) || step.getSqlTypeName() == SqlTypeName.NULL)) {
            boolean wide = false;
            for (RelDataType t : n == 3 ? List.of(bounds.get(0), bounds.get(1), step) : bounds) {
                wide |= t.getSqlTypeName() == SqlTypeName.BIGINT;
            }
            return f.createSqlType(wide ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
        }
        if (numeric && (step == null || SqlTypeUtil.isExactNumeric(step) || step.getSqlTypeName() == SqlTypeName.NULL)) {
            // the values lie between the bounds: their integer digits, at the finest scale of any argument
            int scale = 0;
            int integerDigits = 1;
            for (RelDataType t : n == 3 ? List.of(bounds.get(0), bounds.get(1), step) : bounds) {
                if (t.getSqlTypeName() != SqlTypeName.NULL) {
                    scale = Math.max(scale, Math.max(0, t.getScale()));
                }
            }
            for (RelDataType t : bounds) {
                if (t.getSqlTypeName() != SqlTypeName.NULL) {
                    integerDigits = Math.max(integerDigits, t.getPrecision() - Math.max(0, t.getScale()));
                }
            }
            int max = f.getTypeSystem().getMaxNumericPrecision();
            return f.createSqlType(SqlTypeName.DECIMAL, Math.min(max, integerDigits + scale), Math.min(scale, max - 1));
        }
        if (times && step != null && (SqlTypeUtil.isInterval(step) || step.getSqlTypeName() == SqlTypeName.NULL)) {
            boolean zoned = true;
            for (RelDataType t : bounds) {
                if (t.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
                    zoned = false;
                }
            }
            for (RelDataType t : bounds) {
                if (t.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                    zoned = true;
                }
            }
            return f.createSqlType(zoned ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : SqlTypeName.TIMESTAMP);
        }
        return null;
    }

    /** Postgres' signatures of generate_series; the row type inference reads the same rules. */
    private static final class Signatures implements SqlOperandTypeChecker {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            if (valueType(binding) != null) {
                return true;
            }
            if (throwOnFailure) {
                throw binding.newValidationSignatureError();
            }
            return false;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.between(2, 3);
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return opName + "(<INTEGER>, <INTEGER> [, <INTEGER>])\n" + opName + "(<NUMERIC>, <NUMERIC> [, <NUMERIC>])\n"
                    + opName + "(<TIMESTAMP>, <TIMESTAMP>, <INTERVAL>)";
        }
    }

    /** The number of values of a generate_series call over integer constants, else null. */
    static Double length(RexNode call) {
        if (!(call instanceof RexCall c && c.getOperator() == INSTANCE)) {
            return null;
        }
        double[] v = {0, 0, 1};
        for (int i = 0; i < c.getOperands().size(); i++) {
            if (!(c.getOperands().get(i) instanceof RexLiteral literal) || !SqlTypeUtil.isIntType(literal.getType())) {
                return null;
            }
            Number n = literal.getValueAs(Number.class);
            if (n == null) {
                return 0.0;
            }
            v[i] = n.doubleValue();
        }
        return v[2] == 0 ? 1.0 : Math.max(0, Math.floor((v[1] - v[0]) / v[2]) + 1);
    }
}
