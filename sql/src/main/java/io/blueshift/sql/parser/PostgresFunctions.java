package io.blueshift.sql.parser;

import io.blueshift.sql.plan.BlueshiftOperators;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Calls that Calcite's parser binds to another dialect's function of the same name, rebound to the
 * Postgres one: {@code date_trunc('month', ts)} (the unit first, as a string) is Postgres' and
 * Redshift's, not BigQuery's {@code DATE_TRUNC(date, MONTH)}.
 */
public final class PostgresFunctions {
    private PostgresFunctions() {
    }

    /** Rebinds the calls of a parsed statement, in place. */
    public static void rewrite(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlBasicCall basic && call.getOperator() == SqlLibraryOperators.DATE_TRUNC
                        && call.operandCount() == 2 && call.operand(0) instanceof SqlLiteral unit
                        && unit.getValue() instanceof org.apache.calcite.util.NlsString) {
                    basic.setOperator(BlueshiftOperators.DATE_TRUNC);
                }
                return super.visit(call);
            }
        });
    }
}
