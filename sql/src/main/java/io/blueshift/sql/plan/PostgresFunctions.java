package io.blueshift.sql.plan;

import io.blueshift.sql.parser.PgCatalogSyntax;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.NlsString;

/**
 * Calls whose Postgres meaning Calcite's parser does not give them:
 * <ul>
 *   <li>{@code date_trunc('month', ts)} (the unit first, as a string) is Postgres' and Redshift's,
 *       not BigQuery's {@code DATE_TRUNC(date, MONTH)}, which the parser binds the name to;</li>
 *   <li>{@code percentile_cont(f) WITHIN GROUP (ORDER BY x)} is computed over {@code x} as double
 *       precision, as Postgres casts it, so that it is not typed (and rounded) as an integer
 *       {@code x}.</li>
 * </ul>
 */
public final class PostgresFunctions {
    private PostgresFunctions() {
    }

    /** An ORDER BY item with its expression (inside DESC / NULLS FIRST / LAST) cast to double precision. */
    private static SqlNode asDouble(SqlNode item) {
        if (item instanceof SqlBasicCall wrapper && (item.getKind() == SqlKind.DESCENDING
                || item.getKind() == SqlKind.NULLS_FIRST
                || item.getKind() == SqlKind.NULLS_LAST)) {
            wrapper.setOperand(0, asDouble(wrapper.operand(0)));
            return wrapper;
        }
        SqlParserPos pos = item.getParserPosition();
        return SqlStdOperatorTable.CAST.createCall(pos, item,
                new SqlDataTypeSpec(new SqlBasicTypeNameSpec(
                        SqlTypeName.DOUBLE, pos), pos));
    }

    /** Rebinds the calls of a parsed statement, in place. */
    public static void rewrite(SqlNode statement) {
        PgCatalogSyntax.rewrite(statement);
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlBasicCall basic && call.getOperator() == SqlLibraryOperators.DATE_TRUNC
                        && call.operandCount() == 2 && call.operand(0) instanceof SqlLiteral unit
                        && unit.getValue() instanceof NlsString) {
                    basic.setOperator(BlueshiftOperators.DATE_TRUNC);
                }
                if (call.getKind() == SqlKind.WITHIN_GROUP
                        && call.operand(0) instanceof SqlCall aggregate
                        && aggregate.getOperator().getKind() == SqlKind.PERCENTILE_CONT
                        && call.operand(1) instanceof SqlNodeList order) {
                    for (int i = 0; i < order.size(); i++) {
                        order.set(i, asDouble(order.get(i)));
                    }
                }
                return super.visit(call);
            }
        });
    }
}
