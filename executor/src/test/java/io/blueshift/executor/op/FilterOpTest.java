package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.compare.CompareOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WHERE: rows pass only where every conjunct is true (NULL drops a row), over several batches. */
class FilterOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);
    private static final ColumnExpr X = new ColumnExpr(0, SqlType.INTEGER);

    private PhysicalOperator input() {
        return batches(TYPES,
                List.of(row(1, "a"), row(2, "b"), row(null, "n"), row(4, "d")),
                List.of(row(5, "e"), row(0, "z")),
                List.of(row(7, "g")));
    }

    @Test
    void keepsTheRowsEveryConjunctHolds() {
        Expr over1 = new CompareExpr(CompareOp.GT, X, new LiteralExpr(1, SqlType.INTEGER));
        Expr notFive = new CompareExpr(CompareOp.NE, X, new LiteralExpr(5, SqlType.INTEGER));
        assertEquals(List.of(row(2, "b"), row(4, "d"), row(7, "g")),
                run(new FilterOp.Plan(input(), List.of(over1, notFive))));
    }

    @Test
    void aLaterConjunctSeesOnlyTheRowsTheEarlierOnesKept() {
        // x <> 0 AND 10 / x > 1: the division never meets the zero row
        Expr nonZero = new CompareExpr(CompareOp.NE, X, new LiteralExpr(0, SqlType.INTEGER));
        Expr quotient = new CompareExpr(CompareOp.GT,
                new ArithExpr(ArithOp.DIVIDE, new LiteralExpr(10, SqlType.INTEGER), X, SqlType.INTEGER),
                new LiteralExpr(1, SqlType.INTEGER));
        assertEquals(List.of(row(1, "a"), row(2, "b"), row(4, "d"), row(5, "e")),
                run(new FilterOp.Plan(input(), List.of(nonZero, quotient))));
        BlueshiftException e = assertThrows(BlueshiftException.class,
                () -> run(new FilterOp.Plan(input(), List.of(quotient, nonZero))));
        assertEquals("22012", e.sqlState());
    }

    @Test
    void aFilterNothingPassesEndsEmpty() {
        Expr never = new CompareExpr(CompareOp.GT, X, new LiteralExpr(100, SqlType.INTEGER));
        assertEquals(List.of(), run(new FilterOp.Plan(input(), List.of(never))));
    }
}
