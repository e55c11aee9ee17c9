package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OFFSET / LIMIT across batch boundaries. */
class LimitOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER);

    private PhysicalOperator input() {
        return batches(TYPES, ints(0, 3), ints(3, 6), ints(6, 9));
    }

    @Test
    void skipsThenPassesAcrossBatches() {
        assertEquals(ints(2, 7), run(new LimitOp.Plan(input(), 2, 5)));
        assertEquals(ints(0, 3), run(new LimitOp.Plan(input(), 0, 3)));
        assertEquals(ints(7, 9), run(new LimitOp.Plan(input(), 7, Long.MAX_VALUE)));
    }

    @Test
    void pastTheEndOrZeroGivesNothing() {
        assertEquals(List.of(), run(new LimitOp.Plan(input(), 20, 5)));
        assertEquals(List.of(), run(new LimitOp.Plan(input(), 0, 0)));
    }

    @Test
    void eachStateCountsItsOwnRows() {
        LimitOp.Plan plan = new LimitOp.Plan(input(), 1, 2);
        assertEquals(ints(1, 3), run(plan));
        assertEquals(ints(1, 3), run(plan));
    }
}
