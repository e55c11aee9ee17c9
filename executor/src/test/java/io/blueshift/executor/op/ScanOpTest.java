package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.storage.table.MemTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table scans: chosen columns, row ids, chunks skipped by zone maps, chunks shared between states. */
class ScanOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.TEXT);

    private MemTable threeChunks() {
        return table(TYPES,
                List.of(row(1, "a"), row(2, "b")),
                List.of(row(10, "j"), row(null, "n")),
                List.of(row(20, "t")));
    }

    @Test
    void readsTheChosenColumnsOfEveryChunk() {
        MemTable t = threeChunks();
        assertEquals(List.of(row("a", 1), row("b", 2), row("j", 10), row("n", null), row("t", 20)),
                run(new ScanOp.Plan("t", t, new int[] {1, 0})));
    }

    @Test
    void theColumnPastTheTablesGivesRowIds() {
        MemTable t = threeChunks();
        ScanOp.Plan plan = new ScanOp.Plan("t", t, new int[] {2});
        assertEquals(List.of(SqlType.BIGINT), plan.types());
        assertEquals(List.of(row(ScanOp.rowId(0, 0)), row(ScanOp.rowId(0, 1)), row(ScanOp.rowId(1, 0)),
                row(ScanOp.rowId(1, 1)), row(ScanOp.rowId(2, 0))), run(plan));
    }

    @Test
    void zoneMapsSkipChunksNoRowOfWhichIsInRange() {
        MemTable t = threeChunks();
        ScanOp.Plan plan = new ScanOp.Plan("t", t, new int[] {0}, false,
                List.of(new ScanOp.Range(0, "x", 5, 15)), -1);
        Operator scan = plan.instantiate(ctx);
        assertEquals(List.of(row(10), row((Object) null)), run(scan));
        assertTrue(scan.describe().contains("chunks read=1 skipped=2"), scan.describe());
    }

    @Test
    void aStatePinsTheTableUntilClosed() {
        MemTable t = threeChunks();
        try (Operator scan = new ScanOp.Plan("t", t, new int[] {0}).instantiate(ctx)) {
            assertFalse(t.idle());
        }
        assertTrue(t.idle());
    }

    @Test
    void statesOfASharedScanPlanTakeEachChunkOnce() {
        MemTable t = threeChunks();
        ScanOp.Plan plan = new ScanOp.Plan("t", t, new int[] {0}, true, List.of(), -1);
        WorkerContext workers = new WorkerContext(ctx);
        List<List<Object>> all = new ArrayList<>();
        try (Operator a = plan.instantiate(workers); Operator b = plan.instantiate(workers)) {
            try (Batch first = a.next()) {
                all.addAll(rows(first));
            }
            try (Batch second = b.next()) {
                all.addAll(rows(second));
            }
            try (Batch third = a.next()) {
                all.addAll(rows(third));
            }
            assertNull(a.next());
            assertNull(b.next());
        }
        all.sort(Comparator.comparing(r -> (Integer) r.get(0), Comparator.nullsLast(Comparator.naturalOrder())));
        assertEquals(List.of(row(1), row(2), row(10), row(20), row((Object) null)), all);
        // A new scope has a dispenser of its own: the plan reads the table again.
        assertEquals(5, run(plan.instantiate(new WorkerContext(ctx))).size());
    }
}
