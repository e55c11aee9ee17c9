package io.blueshift.sql.plan;

import java.util.List;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** Functions Calcite's libraries lack, declared here for validation; the executor implements them. */
public final class BlueshiftOperators {
    /** Redshift's MEDIAN(x): the 0.5 continuous percentile. */
    public static final SqlAggFunction MEDIAN = SqlBasicAggFunction.create("MEDIAN", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0_NULLABLE_IF_EMPTY, OperandTypes.NUMERIC);

    public static final SqlAggFunction BOOL_AND = SqlBasicAggFunction.create("BOOL_AND", SqlKind.OTHER_FUNCTION,
            ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN);

    public static final SqlAggFunction BOOL_OR = SqlBasicAggFunction.create("BOOL_OR", SqlKind.OTHER_FUNCTION,
            ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN);

    public static final SqlFunction CHR = new SqlFunction("CHR", SqlKind.OTHER_FUNCTION,
            ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE), null, OperandTypes.INTEGER,
            SqlFunctionCategory.STRING);

    public static final SqlFunction STRPOS = new SqlFunction("STRPOS", SqlKind.OTHER_FUNCTION,
            ReturnTypes.INTEGER_NULLABLE, null, OperandTypes.STRING_STRING, SqlFunctionCategory.STRING);

    public static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(MEDIAN, BOOL_AND, BOOL_OR, CHR, STRPOS));

    private BlueshiftOperators() {
    }
}
