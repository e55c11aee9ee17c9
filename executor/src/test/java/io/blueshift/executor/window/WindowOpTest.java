package io.blueshift.executor.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.op.OperatorFixture;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.SortOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Window functions: ranking and running aggregates per partition (a NULL partition and a NULL
 * order value included), a ROWS frame against the default RANGE frame, lag and lead, ntile, two
 * OVER clauses in one operator, and the rows always back in input order.
 */
class WindowOpTest extends OperatorFixture {
    private static final long UNBOUNDED = WindowSpec.UNBOUNDED;

    private static WindowCall call(String function, List<Integer> args, List<Object> constants, SqlType type) {
        return new WindowCall(function, args, constants, type, false);
    }

    /**
     * The clause OVER (PARTITION BY partition ORDER BY order) with the default frame, RANGE
     * UNBOUNDED PRECEDING to the current row and its peers.
     */
    private static WindowSpec defaultFrame(List<Integer> partition, List<SortOp.Key> order, List<WindowCall> calls) {
        return new WindowSpec(partition, order, false, UNBOUNDED, true, 0, false, calls);
    }

    /**
     * PARTITION BY g ORDER BY x: rank and dense_rank give tied rows one rank, the running sum and
     * count include every peer of the current row, count(x) and sum(x) pass over the NULL x (sorted
     * last), and the NULL g rows form a partition of their own.
     */
    @Test
    void rankingAndRunningAggregatesPerPartition() {
        PhysicalOperator input = batches(List.of(SqlType.TEXT, SqlType.INTEGER),
                List.of(row("a", 3), row("b", 1), row("a", 1), row("a", 3)),
                List.of(row(null, 5), row("b", null), row("a", 2)));
        WindowSpec spec = defaultFrame(List.of(0), List.of(new SortOp.Key(1, false, false)), List.of(
                call("rank", List.of(), List.of(), SqlType.BIGINT),
                call("dense_rank", List.of(), List.of(), SqlType.BIGINT),
                call("sum", List.of(1), List.of(), SqlType.BIGINT),
                call("count", List.of(1), List.of(), SqlType.BIGINT)));
        // partition a sorts 1, 2, 3, 3 (the two 3s are peers: rank 3 each, sum 1 + 2 + 3 + 3);
        // partition b sorts 1, NULL; the NULL partition holds one row
        assertEquals(List.of(
                row("a", 3, 3L, 3L, 9L, 4L),
                row("b", 1, 1L, 1L, 1L, 1L),
                row("a", 1, 1L, 1L, 1L, 1L),
                row("a", 3, 3L, 3L, 9L, 4L),
                row(null, 5, 1L, 1L, 5L, 1L),
                row("b", null, 2L, 2L, 1L, 1L),
                row("a", 2, 2L, 2L, 3L, 2L)), run(new WindowOp.Plan(input, List.of(spec))));
    }

    /**
     * dense_rank counts the distinct values before the row where rank counts the rows: 10, 10, 20
     * rank 1, 1, 3 and dense_rank 1, 1, 2.
     */
    @Test
    void rankSkipsAfterTiesDenseRankDoesNot() {
        PhysicalOperator input = batches(List.of(SqlType.INTEGER), List.of(row(20), row(10), row(10)));
        WindowSpec spec = defaultFrame(List.of(), List.of(new SortOp.Key(0, false, false)), List.of(
                call("rank", List.of(), List.of(), SqlType.BIGINT),
                call("dense_rank", List.of(), List.of(), SqlType.BIGINT)));
        assertEquals(List.of(row(20, 3L, 2L), row(10, 1L, 1L), row(10, 1L, 1L)),
                run(new WindowOp.Plan(input, List.of(spec))));
    }

    /**
     * Two OVER clauses: ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING (a moving sum over the
     * neighbours by position, not the running sum), row_number, lag with a default and lead without one;
     * then ORDER BY x DESC with ntile(3), which gives 4 rows buckets of 2, 1 and 1.
     */
    @Test
    void rowsFrameNavigationAndNtileInTwoClauses() {
        PhysicalOperator input = batches(List.of(SqlType.INTEGER), List.of(row(10), row(30), row(20), row(40)));
        WindowSpec byX = new WindowSpec(List.of(), List.of(new SortOp.Key(0, false, false)), true, 1, true, 1, true,
                List.of(call("row_number", List.of(), List.of(), SqlType.BIGINT),
                        call("sum", List.of(0), List.of(), SqlType.BIGINT),
                        call("lag", List.of(0), List.of(1L, -1), SqlType.INTEGER),
                        call("lead", List.of(0), List.of(), SqlType.INTEGER)));
        WindowSpec byXDesc = defaultFrame(List.of(), List.of(new SortOp.Key(0, true, false)),
                List.of(call("ntile", List.of(), List.of(3L), SqlType.BIGINT)));
        // sorted 10, 20, 30, 40: moving sums 10+20, 10+20+30, 20+30+40, 30+40
        assertEquals(List.of(
                row(10, 1L, 30L, -1, 20, 3L),
                row(30, 3L, 90L, 20, 40, 1L),
                row(20, 2L, 60L, 10, 30, 2L),
                row(40, 4L, 70L, 30, null, 1L)), run(new WindowOp.Plan(input, List.of(byX, byXDesc))));
    }

    /**
     * Without ORDER BY every row is a peer of every other, so the default frame is the whole
     * partition: count(*) counts the NULL row, count(DISTINCT x) counts 1 and 2 once, sum skips the NULL.
     */
    @Test
    void withoutOrderTheFrameIsTheWholePartition() {
        PhysicalOperator input = batches(List.of(SqlType.INTEGER), List.of(row(1), row(1), row(2), row((Object) null)));
        WindowSpec spec = defaultFrame(List.of(), List.of(), List.of(
                call("count", List.of(), List.of(), SqlType.BIGINT),
                new WindowCall("count", List.of(0), List.of(), SqlType.BIGINT, true),
                call("sum", List.of(0), List.of(), SqlType.BIGINT)));
        assertEquals(List.of(row(1, 4L, 2L, 4L), row(1, 4L, 2L, 4L), row(2, 4L, 2L, 4L), row(null, 4L, 2L, 4L)),
                run(new WindowOp.Plan(input, List.of(spec))));
    }

    /** ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING holds the rows whose x is within 1 of the current x. */
    private static WindowSpec rangeWithinOne() {
        return new WindowSpec(List.of(), List.of(new SortOp.Key(0, false, false)), false, 1, true, 1, true, List.of(
                call("count", List.of(), List.of(), SqlType.BIGINT),
                call("sum", List.of(0), List.of(), SqlType.BIGINT)));
    }

    /** A RANGE frame with offsets goes by value, not position: 1 and 2 see each other, 4 sees only itself. */
    @Test
    void rangeFrameWithOffsetsGoesByValue() {
        PhysicalOperator input = batches(List.of(SqlType.INTEGER), List.of(row(4), row(1), row(2)));
        assertEquals(List.of(row(4, 1L, 4L), row(1, 2L, 3L), row(2, 2L, 3L)),
                run(new WindowOp.Plan(input, List.of(rangeWithinOne()))));
    }

    /**
     * In a RANGE frame with offsets, a row whose x is NULL has as its frame all the rows whose x is
     * NULL (its peers), as in PostgreSQL, so each of the two NULL rows counts two rows.
     */
    @Test
    void rangeFrameOfANullRowHoldsItsNullPeers() {
        PhysicalOperator input = batches(List.of(SqlType.INTEGER), List.of(row(1), row((Object) null), row((Object) null)));
        assertEquals(List.of(row(1, 1L, 1L), row(null, 2L, null), row(null, 2L, null)),
                run(new WindowOp.Plan(input, List.of(rangeWithinOne()))));
    }

    /** An empty input gives no rows, and the window columns follow the input's in the plan's types. */
    @Test
    void anEmptyInputGivesNoRows() {
        PhysicalOperator input = batches(List.of(SqlType.INTEGER), List.of());
        WindowSpec spec = defaultFrame(List.of(), List.of(new SortOp.Key(0, false, false)),
                List.of(call("row_number", List.of(), List.of(), SqlType.BIGINT)));
        WindowOp.Plan plan = new WindowOp.Plan(input, List.of(spec));
        assertEquals(List.of(SqlType.INTEGER, SqlType.BIGINT), plan.types());
        assertEquals(List.of(), run(plan));
    }
}
