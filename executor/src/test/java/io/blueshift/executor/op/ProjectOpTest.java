package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.kernels.arith.ArithOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SELECT list: each output column is an expression of the input row, NULLs carried through. */
class ProjectOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.BIGINT, SqlType.BIGINT, SqlType.TEXT);

    @Test
    void computesEveryExpressionPerRow() {
        PhysicalOperator input = batches(TYPES,
                List.of(row(1L, 10L, "a"), row(2L, null, "b")),
                List.of(row(3L, 30L, "c")));
        ColumnExpr a = new ColumnExpr(0, SqlType.BIGINT);
        ColumnExpr b = new ColumnExpr(1, SqlType.BIGINT);
        PhysicalOperator plan = new ProjectOp.Plan(input, List.of(new ColumnExpr(2, SqlType.TEXT),
                new ArithExpr(ArithOp.ADD, a, b, SqlType.BIGINT), new LiteralExpr(7L, SqlType.BIGINT)));
        assertEquals(List.of(SqlType.TEXT, SqlType.BIGINT, SqlType.BIGINT), plan.types());
        assertEquals(List.of(row("a", 11L, 7L), row("b", null, 7L), row("c", 33L, 7L)), run(plan));
    }

    @Test
    void noExpressionsKeepsTheRowCount() {
        PhysicalOperator input = batches(TYPES, List.of(row(1L, 1L, "a"), row(2L, 2L, "b")));
        assertEquals(List.of(row(), row()), run(new ProjectOp.Plan(input, List.of())));
    }
}
