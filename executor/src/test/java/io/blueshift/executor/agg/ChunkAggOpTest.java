package io.blueshift.executor.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.op.OperatorFixture;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.ScanOp;
import io.blueshift.storage.table.MemTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A GROUP BY over clustered chunks, each batch aggregated alone and the groups at its edges merged
 * after: the same groups as one hash aggregate over the same rows, where keys run over several
 * batches (a batch of one key only), rows within a batch come in any order, and values are NULL.
 */
class ChunkAggOpTest extends OperatorFixture {
    private static final List<SqlType> TYPES = List.of(SqlType.INTEGER, SqlType.BIGINT);

    private static AggCall call(AggKind kind, List<Integer> args, SqlType type) {
        return new AggCall(kind, args, args.isEmpty() ? null : SqlType.BIGINT, type, false, null, List.of());
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(r -> (Integer) r.get(0)));
        return out;
    }

    @Test
    void sameGroupsAsOneHashAggregate() {
        Random random = new Random(7);
        List<List<List<Object>>> chunks = new ArrayList<>();
        int key = 0;
        for (int c = 0; c < 12; c++) {
            List<List<Object>> rows = new ArrayList<>();
            // chunk 5 holds one key only, the last of chunk 4 and the first of chunk 6
            int size = c == 5 ? 40 : 200 + random.nextInt(300);
            for (int i = 0; i < size; i++) {
                if (c != 5 && i > 0 && random.nextInt(3) == 0) {
                    key++;
                }
                rows.add(row(key, random.nextInt(10) == 0 ? null : (long) random.nextInt(1000) - 300));
            }
            Collections.shuffle(rows, random);
            chunks.add(rows);
        }
        List<AggCall> serial = List.of(call(AggKind.COUNT_STAR, List.of(), SqlType.BIGINT),
                call(AggKind.SUM, List.of(1), SqlType.BIGINT), call(AggKind.MIN, List.of(1), SqlType.BIGINT),
                call(AggKind.MAX, List.of(1), SqlType.BIGINT));
        // the merges of the partial results: counts summed, the others as themselves
        List<AggCall> merges = List.of(call(AggKind.SUM, List.of(1), SqlType.BIGINT),
                call(AggKind.SUM, List.of(2), SqlType.BIGINT), call(AggKind.MIN, List.of(3), SqlType.BIGINT),
                call(AggKind.MAX, List.of(4), SqlType.BIGINT));
        @SuppressWarnings("unchecked")
        MemTable table = table(TYPES, chunks.toArray(List[]::new));
        PhysicalOperator scan = new ScanOp.Plan("t", table, new int[] {0, 1});
        List<List<Object>> flagged = run(new ChunkAggOp.Plan(scan, 0, serial, 0.5));
        long edges = flagged.stream().filter(r -> (Boolean) r.get(5)).count();
        assertTrue(edges > 0 && edges <= 2L * chunks.size(), edges + " edge groups");
        List<List<Object>> actual = run(new EdgeMergeOp.Plan(new ChunkAggOp.Plan(scan, 0, serial, 0.5), merges));
        List<List<Object>> expected = run(new HashAggOp.Plan(scan, new int[] {0}, serial));
        assertEquals(key + 1, expected.size());
        assertEquals(sorted(expected), sorted(actual));
    }

    @Test
    void noRowsNoGroups() {
        List<AggCall> count = List.of(call(AggKind.COUNT_STAR, List.of(), SqlType.BIGINT));
        PhysicalOperator empty = batches(TYPES, List.of());
        assertEquals(List.of(), run(new EdgeMergeOp.Plan(new ChunkAggOp.Plan(empty, 0, count, 1),
                List.of(call(AggKind.SUM, List.of(1), SqlType.BIGINT)))));
    }
}
