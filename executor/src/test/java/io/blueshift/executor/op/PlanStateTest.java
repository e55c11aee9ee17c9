package io.blueshift.executor.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.agg.AggCall;
import io.blueshift.executor.agg.AggKind;
import io.blueshift.executor.agg.HashAggOp;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.compare.CompareOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One plan, several states: a scan, filter and partial aggregate planned once and instantiated
 * twice run on two threads over one table's shared chunks, and their partial results add up to
 * the whole table's; a hash join's build side is made once for the workers that probe it.
 */
class PlanStateTest extends OperatorFixture {
    private static final int CHUNKS = 16;
    private static final int ROWS = 2000;

    @SuppressWarnings("unchecked")
    private MemTable numbers() {
        List<List<Object>>[] chunks = new List[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = c * ROWS; i < (c + 1) * ROWS; i++) {
                rows.add(row((long) (i % 3), (long) i));
            }
            chunks[c] = rows;
        }
        return table(List.of(SqlType.BIGINT, SqlType.BIGINT), chunks);
    }

    @Test
    void twoStatesOfOnePlanRunOnTwoThreadsOverSharedChunks() throws InterruptedException, ExecutionException {
        MemTable t = numbers();
        PhysicalOperator scan = new ScanOp.Plan("numbers", t, new int[] {0, 1}, true, List.of(), -1);
        PhysicalOperator filter = new FilterOp.Plan(scan, List.of(new CompareExpr(CompareOp.NE,
                new ColumnExpr(0, SqlType.BIGINT), new LiteralExpr(2L, SqlType.BIGINT))));
        PhysicalOperator partial = new HashAggOp.Plan(filter, new int[] {0}, List.of(
                new AggCall(AggKind.COUNT_STAR, List.of(), null, SqlType.BIGINT, false, null, List.of()),
                new AggCall(AggKind.SUM, List.of(1), SqlType.BIGINT, SqlType.BIGINT, false, null, List.of())));
        WorkerContext workers = new WorkerContext(ctx);
        Operator first = partial.instantiate(workers);
        Operator second = partial.instantiate(workers);
        assertNotSame(first, second);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<List<Object>> rows = new ArrayList<>();
        try {
            Future<List<List<Object>>> a = threads.submit(() -> run(first));
            Future<List<List<Object>>> b = threads.submit(() -> run(second));
            rows.addAll(a.get());
            rows.addAll(b.get());
        } finally {
            threads.shutdown();
        }
        long[] counts = new long[3];
        long[] sums = new long[3];
        for (List<Object> r : rows) {
            int key = ((Long) r.get(0)).intValue();
            counts[key] += (Long) r.get(1);
            sums[key] += (Long) r.get(2);
        }
        long[] expectedCounts = new long[3];
        long[] expectedSums = new long[3];
        for (long i = 0; i < CHUNKS * ROWS; i++) {
            if (i % 3 != 2) {
                expectedCounts[(int) (i % 3)]++;
                expectedSums[(int) (i % 3)] += i;
            }
        }
        assertEquals(expectedCounts[0], counts[0]);
        assertEquals(expectedCounts[1], counts[1]);
        assertEquals(0, counts[2]);
        assertEquals(expectedSums[0], sums[0]);
        assertEquals(expectedSums[1], sums[1]);
        assertTrue(rows.size() >= 2 && rows.size() <= 4, rows.toString());
        assertTrue(t.idle(), "both states unpinned the table");
    }

    /** Counts the states made of a plan: the build side of a shared join must be made once per run. */
    private record Counted(PhysicalOperator inner, AtomicInteger states) implements PhysicalOperator {
        @Override
        public List<SqlType> types() {
            return inner.types();
        }

        @Override
        public List<PhysicalOperator> inputs() {
            return List.of(inner);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            states.incrementAndGet();
            return inner.instantiate(worker);
        }
    }

    @Test
    void workersProbeOneBuildOfEachJoinAndEveryKindKeepsItsRows() {
        MemTable t = numbers();
        // build side: keys 0 and 1 (2 never matches), one with two rows, and a NULL key
        PhysicalOperator dims = batches(List.of(SqlType.BIGINT, SqlType.BIGINT),
                List.of(row(0L, 100L), row(1L, 101L), row(1L, 102L), row(null, 103L)));
        for (JoinKind kind : List.of(JoinKind.INNER, JoinKind.LEFT, JoinKind.SEMI, JoinKind.ANTI)) {
            AtomicInteger builds = new AtomicInteger();
            PhysicalOperator join = new HashJoinOp.Plan(new ScanOp.Plan("numbers", t, new int[] {0, 1}, true, List.of(), -1),
                    new Counted(dims, builds), new int[] {0}, new int[] {0}, kind, null, true, null, null);
            List<List<Object>> rows = run(GatherOp.Plan.copies(join, 2));
            assertEquals(1, builds.get(), kind + ": the build side is made once");
            long[] perKey = new long[3];
            for (List<Object> r : rows) {
                perKey[((Long) r.get(0)).intValue()]++;
                if (kind == JoinKind.INNER) {
                    assertEquals(r.get(0), r.get(2));
                    assertEquals((Long) r.get(2), (Long) r.get(3) - 100 - ((Long) r.get(3) == 102 ? 1 : 0));
                }
            }
            long[] n = new long[3];
            for (int i = 0; i < CHUNKS * ROWS; i++) {
                n[i % 3]++;
            }
            long[] expected = switch (kind) {
                case INNER -> new long[] {n[0], 2 * n[1], 0};
                case LEFT -> new long[] {n[0], 2 * n[1], n[2]};
                case SEMI -> new long[] {n[0], n[1], 0};
                default -> new long[] {0, 0, n[2]};
            };
            assertEquals(List.of(expected[0], expected[1], expected[2]), List.of(perKey[0], perKey[1], perKey[2]),
                    kind.toString());
            assertTrue(t.idle(), "every state unpinned the table");
        }
    }

    /**
     * RIGHT and FULL joins whose probes run on two workers: each build row that matched no probe
     * row of either worker comes out once, NULLs on the left, and each matched one only joined.
     * Every matching key is in one chunk, so one worker alone matches it: a worker that emitted
     * the build rows it did not match itself would emit the other's matches too.
     */
    @Test
    void rightAndFullJoinsOnWorkersEmitTheBuildRowsNoWorkerMatchedOnce() {
        MemTable t = numbers();
        long last = CHUNKS * ROWS - 1;
        PhysicalOperator dims = batches(List.of(SqlType.BIGINT, SqlType.BIGINT),
                List.of(row(5L, 1L), row(last, 2L), row(ROWS + 7L, 3L), row(-7L, 4L), row(null, 5L)));
        for (JoinKind kind : List.of(JoinKind.RIGHT, JoinKind.FULL)) {
            PhysicalOperator join = new HashJoinOp.Plan(new ScanOp.Plan("numbers", t, new int[] {0, 1}, true, List.of(), -1),
                    dims, new int[] {1}, new int[] {0}, kind, null, true, null, null);
            List<List<Object>> rows = run(GatherOp.Plan.copies(join, 2));
            List<Long> matched = new ArrayList<>();
            List<Long> unmatchedRight = new ArrayList<>();
            long unmatchedLeft = 0;
            for (List<Object> r : rows) {
                if (r.get(1) == null) {
                    unmatchedRight.add((Long) r.get(3));
                } else if (r.get(2) == null) {
                    unmatchedLeft++;
                } else {
                    assertEquals(r.get(1), r.get(2));
                    matched.add((Long) r.get(3));
                }
            }
            matched.sort(null);
            unmatchedRight.sort(null);
            assertEquals(List.of(1L, 2L, 3L), matched, kind.toString());
            assertEquals(List.of(4L, 5L), unmatchedRight, kind + ": the build rows no worker matched, once each");
            assertEquals(kind == JoinKind.FULL ? CHUNKS * ROWS - 3 : 0, unmatchedLeft, kind.toString());
            assertTrue(t.idle(), "every state unpinned the table");
        }
    }

    /**
     * Many groups on two workers: each sends its rows by the hash of the key to the worker that
     * aggregates that key, so every key comes out once, with the count and sum of all its rows.
     */
    @Test
    void workersExchangeRowsByKeySoEachGroupIsAggregatedOnce() {
        MemTable t = numbers();
        PhysicalOperator scan = new ScanOp.Plan("numbers", t, new int[] {0, 1}, true, List.of(), -1);
        // group by i / 4: 8000 groups of 4 rows, spread over the chunks both workers take
        PhysicalOperator keyed = new ProjectOp.Plan(scan, List.of(
                new ArithExpr(ArithOp.DIVIDE, new ColumnExpr(1, SqlType.BIGINT), new LiteralExpr(4L, SqlType.BIGINT),
                        SqlType.BIGINT),
                new ColumnExpr(1, SqlType.BIGINT)));
        PhysicalOperator exchanged = new ExchangeOp.Plan(keyed, new int[] {0}, 2);
        PhysicalOperator agg = new HashAggOp.Plan(exchanged, new int[] {0}, List.of(
                new AggCall(AggKind.COUNT_STAR, List.of(), null, SqlType.BIGINT, false, null, List.of()),
                new AggCall(AggKind.SUM, List.of(1), SqlType.BIGINT, SqlType.BIGINT, false, null, List.of())));
        List<List<Object>> rows = run(GatherOp.Plan.copies(agg, 2));
        assertEquals(CHUNKS * ROWS / 4, rows.size());
        Set<Long> seen = new HashSet<>();
        for (List<Object> r : rows) {
            long g = (Long) r.get(0);
            assertTrue(seen.add(g), "group " + g + " came out twice");
            assertEquals(4L, r.get(1));
            assertEquals(16 * g + 6, r.get(2));
        }
        assertTrue(t.idle(), "every state unpinned the table");
    }
}
