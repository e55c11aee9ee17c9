package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.compare.CompareOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WITH RECURSIVE, with the recursive part reading the previous round through a working table scan:
 * rounds until one adds nothing, UNION ALL keeping duplicates, UNION dropping rows seen before
 * (NULLs alike, which ends a cycle), and an empty seed.
 */
class RepeatUnionOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER);
    private static final ColumnExpr N = new ColumnExpr(0, SqlType.INTEGER);

    private static LiteralExpr integer(int value) {
        return new LiteralExpr(value, SqlType.INTEGER);
    }

    /** The recursive part SELECT n + 1 FROM working WHERE n < limit. */
    private static PhysicalOperator nextWhileBelow(Object working, int limit) {
        PhysicalOperator scan = new WorkingTableScanOp.Plan(working, TYPES);
        PhysicalOperator below = new FilterOp.Plan(scan, List.of(new CompareExpr(CompareOp.LT, N, integer(limit))));
        Expr plusOne = new ArithExpr(ArithOp.ADD, N, integer(1), SqlType.INTEGER);
        return new ProjectOp.Plan(below, List.of(plusOne), TYPES);
    }

    private List<List<Object>> recurse(List<List<Object>> seed, int limit, boolean all) {
        Object working = new Object();
        return run(new RepeatUnionOp.Plan(new ValuesOp.Plan(TYPES, seed), nextWhileBelow(working, limit), working, all));
    }

    /** Counting from 1 while n < 5 gives the seed, then one row per round, and stops when a round adds none. */
    @Test
    void roundsUntilOneAddsNothing() {
        assertEquals(ints(1, 6), recurse(List.of(row(1)), 5, true));
        assertEquals(ints(1, 6), recurse(List.of(row(1)), 5, false));
    }

    /** UNION ALL keeps the seed's duplicate and doubles every round; the NULL row is kept and the filter ends its line. */
    @Test
    void unionAllKeepsDuplicates() {
        assertEquals(List.of(row(1), row(1), row((Object) null), row(2), row(2), row(3), row(3)),
                recurse(List.of(row(1), row(1), row((Object) null)), 3, true));
    }

    /** UNION drops rows seen before: the seed's duplicates, and a second NULL, which SQL's UNION treats as equal. */
    @Test
    void unionDropsRowsSeenBefore() {
        assertEquals(List.of(row(1), row((Object) null), row(2), row(3)),
                recurse(List.of(row(1), row(1), row((Object) null), row((Object) null)), 3, false));
    }

    /** A cycle 1, 2, 3, 1 ends under UNION as soon as a round yields only rows already seen. */
    @Test
    void unionEndsACycle() {
        Object working = new Object();
        // SELECT n % 3 + 1 FROM working
        Expr next = new ArithExpr(ArithOp.ADD, new ArithExpr(ArithOp.MODULO, N, integer(3), SqlType.INTEGER), integer(1),
                SqlType.INTEGER);
        PhysicalOperator recursive = new ProjectOp.Plan(new WorkingTableScanOp.Plan(working, TYPES), List.of(next), TYPES);
        assertEquals(ints(1, 4), run(new RepeatUnionOp.Plan(new ValuesOp.Plan(TYPES, List.of(row(1))), recursive,
                working, false)));
    }

    /** An empty seed gives no rows: the first round's working table is empty, so the recursion stops at once. */
    @Test
    void anEmptySeedGivesNothing() {
        assertEquals(List.of(), recurse(List.of(), 5, true));
    }

    /** Each state of one plan makes its own working table and counts from the seed again. */
    @Test
    void eachStateRecursesAgain() {
        Object working = new Object();
        RepeatUnionOp.Plan plan = new RepeatUnionOp.Plan(new ValuesOp.Plan(TYPES, List.of(row(1))),
                nextWhileBelow(working, 3), working, true);
        assertEquals(ints(1, 4), run(plan));
        assertEquals(ints(1, 4), run(plan));
    }

    /** A working table scan outside its recursive query has no table to read and says so. */
    @Test
    void aWorkingTableScanNeedsItsRecursiveQuery() {
        assertThrows(IllegalStateException.class, () -> new WorkingTableScanOp.Plan(new Object(), TYPES).instantiate(ctx));
    }
}
