package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.SqlType;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** EXPLAIN ANALYZE's meter: the rows pass through unchanged while it counts rows and batches, each state its own. */
class MeteredOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER);
    private static final Pattern TIME = Pattern.compile(".* time=\\d+\\.\\d{3} ms\\)$");

    private PhysicalOperator input() {
        return batches(TYPES, ints(0, 3), List.of(row(3), row((Object) null)), List.of());
    }

    /** The rows come through unchanged, and an empty batch counts as a batch but adds no rows. */
    @Test
    void passesTheRowsThroughAndCountsThem() {
        MeteredOp op = new MeteredOp(input().instantiate(ctx));
        assertEquals("UnionAll (actual rows=0 batches=0 time=0.000 ms)", op.describe());
        assertEquals(List.of(row(0), row(1), row(2), row(3), row((Object) null)), run(op));
        String described = op.describe();
        assertTrue(described.startsWith("UnionAll (actual rows=5 batches=3 time="), described);
        assertTrue(TIME.matcher(described).matches(), described);
    }

    /** The plan keeps its inner plan's types and inputs, and each state it makes starts counting from zero. */
    @Test
    void eachStateCountsItsOwnRows() {
        MeteredOp.Plan plan = new MeteredOp.Plan(new LimitOp.Plan(input(), 1, 2));
        assertEquals(TYPES, plan.types());
        assertEquals(1, plan.inputs().size());
        for (int i = 0; i < 2; i++) {
            Operator op = plan.instantiate(ctx);
            assertEquals(List.of(row(1), row(2)), run(op));
            assertTrue(op.describe().contains("(actual rows=2 batches=1 "), op.describe());
        }
    }
}
