package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.storage.table.MemTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A sort per worker over shared chunks, their sorted streams merged: the rows of a sort on one
 * thread, in the same order; a worker's error reaches the caller with its SQLSTATE; closing
 * before the end leaves nothing allocated (the fixture checks).
 */
class ParallelSortOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);
    private static final List<SortOp.Key> KEYS = List.of(new SortOp.Key(0, false, false), new SortOp.Key(1, true, true));

    /** 16 chunks of 700 rows: keys with ties and NULLs, strings with NULLs. */
    @SuppressWarnings("unchecked")
    private MemTable rows() {
        Random r = new Random(5);
        List<List<Object>>[] chunks = new List[16];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                chunks[c].add(row(r.nextInt(30) == 0 ? null : r.nextInt(500), r.nextInt(9) == 0 ? null : "v" + r.nextInt(100)));
            }
        }
        return table(TYPES, chunks);
    }

    private static ScanOp.Plan shared(MemTable t) {
        return new ScanOp.Plan("t", t, new int[] {0, 1}, true, List.of(), -1);
    }

    private static ParallelSortOp.Plan parallel(PhysicalOperator pipeline, int workers) {
        return new ParallelSortOp.Plan(Collections.nCopies(workers, new SortOp.Plan(pipeline, KEYS)), KEYS);
    }

    @Test
    void theMergedStreamsAreTheOneThreadSort() {
        MemTable t = rows();
        List<List<Object>> one = run(new SortOp.Plan(new ScanOp.Plan("t", t, new int[] {0, 1}, false, List.of(), -1), KEYS));
        assertEquals(16 * 700, one.size());
        for (int workers : new int[] {2, 3}) {
            Operator sort = parallel(shared(t), workers).instantiate(ctx);
            assertEquals(workers, sort.inputs().size());
            assertEquals(one, run(sort));
        }
    }

    @Test
    void aWorkersErrorReachesTheCallerAndClosingEarlyFreesEverything() {
        MemTable t = rows();
        PhysicalOperator divide = new ProjectOp.Plan(shared(t), List.of(new ArithExpr(ArithOp.DIVIDE,
                new LiteralExpr(1, SqlType.INTEGER), new ColumnExpr(0, SqlType.INTEGER), SqlType.INTEGER),
                new ColumnExpr(1, SqlType.TEXT)));
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> run(parallel(divide, 2)));
        assertEquals("22012", e.sqlState());
        try (Operator sort = parallel(shared(t), 2).instantiate(ctx)) {
            sort.next().close();
        }
    }
}
