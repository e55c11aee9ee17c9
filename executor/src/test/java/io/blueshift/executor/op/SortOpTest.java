package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ORDER BY over several input batches: directions, NULL placement, ties broken by a second key. */
class SortOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);

    private PhysicalOperator input() {
        return batches(TYPES,
                List.of(row(3, "c"), row(null, "n"), row(1, "b")),
                List.of(row(2, "x"), row(1, "a")));
    }

    @Test
    void ascendingWithNullsLastThenSecondKey() {
        PhysicalOperator plan = new SortOp.Plan(input(),
                List.of(new SortOp.Key(0, false, false), new SortOp.Key(1, false, false)));
        assertEquals(List.of(row(1, "a"), row(1, "b"), row(2, "x"), row(3, "c"), row(null, "n")), run(plan));
    }

    @Test
    void descendingWithNullsFirst() {
        PhysicalOperator plan = new SortOp.Plan(input(),
                List.of(new SortOp.Key(0, true, true), new SortOp.Key(1, true, false)));
        assertEquals(List.of(row(null, "n"), row(3, "c"), row(2, "x"), row(1, "b"), row(1, "a")), run(plan));
    }

    @Test
    void anEmptyInputSortsToNothing() {
        PhysicalOperator plan = new SortOp.Plan(batches(TYPES, List.of()), List.of(new SortOp.Key(0, false, false)));
        assertEquals(List.of(), run(plan));
    }

    @Test
    void aKeyOfATypeWithoutOrderFailsWhenPlanned() {
        PhysicalOperator intervals = batches(List.of(SqlType.INTERVAL), List.of());
        BlueshiftException e = assertThrows(BlueshiftException.class,
                () -> new SortOp.Plan(intervals, List.of(new SortOp.Key(0, false, false))));
        assertEquals("0A000", e.sqlState());
    }
}
