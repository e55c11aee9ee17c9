package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INTERSECT ALL and EXCEPT ALL from per-input counts: each distinct row is repeated min(counts)
 * or counts[0] - sum(rest) times (never fewer than zero), a NULL row counts like any other, and a
 * large count is split into batches.
 */
class SetOpAllOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.TEXT, SqlType.BIGINT, SqlType.BIGINT);

    /** The grouped input: distinct rows, each with how often it occurs in the first and in the second input. */
    private PhysicalOperator counted() {
        return batches(TYPES,
                List.of(row("a", 3L, 1L), row("b", 0L, 2L)),
                List.of(row("c", 2L, 5L), row(null, 2L, 1L)));
    }

    /** INTERSECT ALL repeats each row as often as it occurs in both inputs: min(3, 1), min(0, 2), min(2, 5), min(2, 1). */
    @Test
    void intersectAllRepeatsTheSmallerCount() {
        assertEquals(List.of(row("a", 3L, 1L), row("c", 2L, 5L), row("c", 2L, 5L), row(null, 2L, 1L)),
                run(new SetOpAllOp.Plan(counted(), SetOpAllOp.Kind.INTERSECT, 2)));
    }

    /** EXCEPT ALL repeats each row counts[0] - counts[1] times: 3 - 1, 0 - 2 (none), 2 - 5 (none), 2 - 1. */
    @Test
    void exceptAllSubtractsTheCountsButNeverBelowZero() {
        assertEquals(List.of(row("a", 3L, 1L), row("a", 3L, 1L), row(null, 2L, 1L)),
                run(new SetOpAllOp.Plan(counted(), SetOpAllOp.Kind.EXCEPT, 2)));
    }

    /** With three inputs, INTERSECT ALL takes the least count and EXCEPT ALL subtracts both later counts: 6 - 1 - 2. */
    @Test
    void threeInputs() {
        List<SqlType> types = List.of(SqlType.INTEGER, SqlType.BIGINT, SqlType.BIGINT, SqlType.BIGINT);
        PhysicalOperator input = batches(types, List.of(row(7, 6L, 1L, 2L)));
        assertEquals(List.of(row(7, 6L, 1L, 2L)), run(new SetOpAllOp.Plan(input, SetOpAllOp.Kind.INTERSECT, 3)));
        assertEquals(List.of(row(7, 6L, 1L, 2L), row(7, 6L, 1L, 2L), row(7, 6L, 1L, 2L)),
                run(new SetOpAllOp.Plan(input, SetOpAllOp.Kind.EXCEPT, 3)));
    }

    /** A batch whose rows all count zero, and an empty input, give no rows. */
    @Test
    void nothingToRepeatGivesNoRows() {
        PhysicalOperator zeros = batches(TYPES, List.of(row("x", 0L, 4L), row("y", 1L, 0L)), List.of());
        assertEquals(List.of(), run(new SetOpAllOp.Plan(zeros, SetOpAllOp.Kind.INTERSECT, 2)));
        assertEquals(List.of(row("y", 1L, 0L)), run(new SetOpAllOp.Plan(zeros, SetOpAllOp.Kind.EXCEPT, 2)));
        assertEquals(List.of(), run(new SetOpAllOp.Plan(batches(TYPES, List.of()), SetOpAllOp.Kind.EXCEPT, 2)));
    }

    /** A row counted 9,000 times comes out 9,000 times, in batches of at most BATCH_ROWS rows, then the next row. */
    @Test
    void aLargeCountIsSplitIntoBatches() {
        PhysicalOperator input = batches(TYPES, List.of(row("big", 9000L, 9500L), row("after", 1L, 1L)));
        int big = 0;
        int after = 0;
        int batches = 0;
        try (Operator op = new SetOpAllOp.Plan(input, SetOpAllOp.Kind.INTERSECT, 2).instantiate(ctx)) {
            for (Batch next = op.next(); next != null; next = op.next()) {
                try (Batch b = next) {
                    batches++;
                    assertTrue(b.rowCount() <= ExecContext.BATCH_ROWS, "batch of " + b.rowCount());
                    for (List<Object> r : rows(b)) {
                        if (r.get(0).equals("big")) {
                            assertEquals(0, after, "a repeat of the first row after the second");
                            big++;
                        } else {
                            after++;
                        }
                    }
                }
            }
        }
        assertEquals(9000, big);
        assertEquals(1, after);
        assertTrue(batches >= 3, batches + " batches");
    }
}
