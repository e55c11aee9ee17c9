package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.compare.CompareOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gather runs copies of one pipeline plan on worker threads over shared chunks: every row comes
 * out exactly once, a worker's error reaches the caller with its SQLSTATE, and closing early
 * leaves nothing allocated.
 */
class GatherOpTest extends OperatorFixture {
    private static final int CHUNKS = 12;
    private static final int ROWS = 1000;
    private static final ColumnExpr X = new ColumnExpr(0, SqlType.INTEGER);

    @SuppressWarnings("unchecked")
    private MemTable numbers() {
        List<List<Object>>[] chunks = new List[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            chunks[c] = ints(c * ROWS, (c + 1) * ROWS);
        }
        return table(List.of(SqlType.INTEGER), chunks);
    }

    private static ScanOp.Plan shared(MemTable t) {
        return new ScanOp.Plan("numbers", t, new int[] {0}, true, List.of(), -1);
    }

    @Test
    void everyRowOnceFromCopiesOfOnePlan() {
        PhysicalOperator even = new FilterOp.Plan(shared(numbers()), List.of(new CompareExpr(CompareOp.EQ,
                new ArithExpr(ArithOp.MODULO, X, new LiteralExpr(2, SqlType.INTEGER), SqlType.INTEGER),
                new LiteralExpr(0, SqlType.INTEGER))));
        GatherOp.Plan plan = GatherOp.Plan.copies(even, 3);
        Operator gather = plan.instantiate(ctx);
        assertEquals("Gather workers=3", gather.describe());
        assertEquals(3, gather.inputs().size());
        List<List<Object>> rows = new ArrayList<>(run(gather));
        rows.sort(Comparator.comparingInt(r -> (Integer) r.get(0)));
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < CHUNKS * ROWS; i += 2) {
            expected.add(row(i));
        }
        assertEquals(expected, rows);
        // Run again from the same plan: a gather's run takes its chunks from a dispenser of its own.
        assertEquals(expected.size(), run(plan.instantiate(ctx)).size());
    }

    @Test
    void aWorkersErrorReachesTheCaller() {
        PhysicalOperator divide = new ProjectOp.Plan(shared(numbers()), List.of(new ArithExpr(ArithOp.DIVIDE,
                new LiteralExpr(1, SqlType.INTEGER), new ArithExpr(ArithOp.SUBTRACT, X,
                        new LiteralExpr(7777, SqlType.INTEGER), SqlType.INTEGER), SqlType.INTEGER)));
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> run(GatherOp.Plan.copies(divide, 2)));
        assertEquals("22012", e.sqlState());
    }

    @Test
    void closingBeforeTheEndFreesEverything() {
        try (Operator gather = GatherOp.Plan.copies(shared(numbers()), 2).instantiate(ctx)) {
            try (Batch first = gather.next()) {
                assertNotNull(first);
            }
        }
    }
}
