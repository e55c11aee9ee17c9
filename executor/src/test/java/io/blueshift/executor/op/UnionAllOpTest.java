package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UNION ALL: its inputs one after another in order, duplicates and NULLs kept, empty inputs passed over. */
class UnionAllOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);

    /** The rows of every input in input order, a row that occurs in two inputs twice and the NULLs as they were. */
    @Test
    void concatenatesInOrderKeepingDuplicatesAndNulls() {
        PhysicalOperator first = batches(TYPES, List.of(row(1, "a"), row(null, "n")));
        PhysicalOperator second = batches(TYPES, List.of(row(1, "a")), List.of(row(2, null)));
        assertEquals(List.of(row(1, "a"), row(null, "n"), row(1, "a"), row(2, null)),
                run(new UnionAllOp.Plan(List.of(first, second))));
    }

    /** Empty inputs at the start, in the middle and at the end neither end the union early nor add rows. */
    @Test
    void emptyInputsArePassedOver() {
        PhysicalOperator empty = batches(TYPES, List.of());
        PhysicalOperator one = batches(TYPES, List.of(row(1, "a")));
        PhysicalOperator two = batches(TYPES, List.of(row(2, "b")));
        assertEquals(List.of(row(1, "a"), row(2, "b")), run(new UnionAllOp.Plan(List.of(empty, one, empty, two, empty))));
        assertEquals(List.of(), run(new UnionAllOp.Plan(List.of(empty, empty))));
    }

    /** Each state of one plan reads all of its inputs again. */
    @Test
    void eachStateReadsItsInputsAgain() {
        UnionAllOp.Plan plan = new UnionAllOp.Plan(List.of(batches(TYPES, List.of(row(1, "a"))),
                batches(TYPES, List.of(row(2, "b")))));
        assertEquals(List.of(row(1, "a"), row(2, "b")), run(plan));
        assertEquals(List.of(row(1, "a"), row(2, "b")), run(plan));
    }

    /**
     * Closing after the first batch (a LIMIT above it) closes the input being read and those not
     * yet read, leaving nothing allocated.
     */
    @Test
    void closingEarlyLeavesNothingAllocated() {
        PhysicalOperator sorted = new SortOp.Plan(batches(TYPES, List.of(row(3, "c"), row(2, "b"))),
                List.of(new SortOp.Key(0, false, false)));
        UnionAllOp.Plan plan = new UnionAllOp.Plan(List.of(sorted, batches(TYPES, List.of(row(1, "a")))));
        try (Operator op = plan.instantiate(ctx); Batch b = op.next()) {
            assertEquals(List.of(row(2, "b"), row(3, "c")), rows(b));
        }
    }
}
