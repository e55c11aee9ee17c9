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

    @Test
    void passesOnOnlyTheColumnsAskedForWhetherRowsAreDroppedOrAllPass() {
        // Filtered on column 0, passing on column 1 then column 0. The first batch loses a row to
        // the first conjunct and none to the second, which sees every column; the others pass whole.
        Expr notNull = new CompareExpr(CompareOp.GE, X, new LiteralExpr(0, SqlType.INTEGER));
        Expr notThree = new CompareExpr(CompareOp.NE, X, new LiteralExpr(3, SqlType.INTEGER));
        FilterOp.Plan plan = new FilterOp.Plan(input(), List.of(notNull, notThree), new int[] {1, 0});
        assertEquals(List.of(SqlType.TEXT, SqlType.INTEGER), plan.types());
        assertEquals(List.of(row("a", 1), row("b", 2), row("d", 4), row("e", 5), row("z", 0), row("g", 7)),
                run(plan));
        // The last conjunct drops rows: the compaction copies only the column asked for.
        FilterOp.Plan textOnly = new FilterOp.Plan(input(), List.of(notNull), new int[] {1});
        assertEquals(List.of(row("a"), row("b"), row("d"), row("e"), row("z"), row("g")), run(textOnly));
    }

    @Test
    void conjunctsThatCannotFailAreEvaluatedTogetherAndALaterOneSeesOnlyTheirRows() {
        // x <> 0 AND x < 100 run on every row, ANDed (NULL drops the row); 10 / x > 1 then sees
        // only the rows both kept, so the zero row never reaches the division
        Expr nonZero = new CompareExpr(CompareOp.NE, X, new LiteralExpr(0, SqlType.INTEGER));
        Expr below100 = new CompareExpr(CompareOp.LT, X, new LiteralExpr(100, SqlType.INTEGER));
        Expr quotient = new CompareExpr(CompareOp.GT,
                new ArithExpr(ArithOp.DIVIDE, new LiteralExpr(10, SqlType.INTEGER), X, SqlType.INTEGER),
                new LiteralExpr(1, SqlType.INTEGER));
        assertEquals(List.of(row(1, "a"), row(2, "b"), row(4, "d"), row(5, "e")),
                run(new FilterOp.Plan(input(), List.of(nonZero, below100, quotient))));
        Expr notFive = new CompareExpr(CompareOp.NE, X, new LiteralExpr(5, SqlType.INTEGER));
        assertEquals(List.of(row("a"), row("b"), row("d"), row("g")),
                run(new FilterOp.Plan(input(), List.of(nonZero, below100, notFive), new int[] {1})));
        Expr over100 = new CompareExpr(CompareOp.GT, X, new LiteralExpr(100, SqlType.INTEGER));
        assertEquals(List.of(), run(new FilterOp.Plan(input(), List.of(over100, nonZero, quotient))));
    }
}
