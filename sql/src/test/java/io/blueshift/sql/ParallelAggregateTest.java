package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.BlueshiftException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GROUP BY over a table scan on several workers (partial aggregates merged): the results equal
 * the ones computed here from the data, NULLs included, and a worker's error reaches the caller
 * with its SQLSTATE, leaving no memory behind (the database checks on close) and the session usable.
 */
class ParallelAggregateTest extends SessionFixture {
    private static final int CHUNKS = 10;
    private static final int ROWS_PER_CHUNK = 5000;

    @BeforeEach
    void createTables() {
        run("CREATE TABLE t (k VARCHAR, i INTEGER, d DECIMAL(12, 2), f DOUBLE PRECISION)");
        for (int c = 0; c < CHUNKS; c++) {
            int from = c * ROWS_PER_CHUNK;
            run("INSERT INTO t SELECT CASE x % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END, "
                    + "CASE WHEN x % 7 = 0 THEN NULL ELSE x END, CAST(x AS DECIMAL(12, 2)) / 4, x * 0.5 FROM "
                    + Numbers.table() + " WHERE x >= " + from + " AND x < " + (from + ROWS_PER_CHUNK));
        }
    }

    private void createDims() {
        run("CREATE TABLE dims (name VARCHAR, weight INTEGER, divisor INTEGER)");
        run("INSERT INTO dims VALUES ('a', 1, 1), ('b', 2, 0), ('b', 3, 1), (NULL, 4, 1)");
    }

    private void run(String sql) {
        resultRows(sql);
    }

    @Test
    void groupedAggregatesMatchTheData() {
        String sql = "SELECT k, count(*), count(i), sum(i), avg(i), sum(d), avg(d), min(d), max(f) FROM t GROUP BY k ORDER BY k";
        if (ExecContext.WORKERS > 1) {
            List<List<Object>> explain = resultRows("EXPLAIN " + sql);
            assertTrue(explain.toString().contains("Gather"), explain.toString());
        }
        List<List<Object>> actual = resultRows(sql);
        assertEquals(3, actual.size());
        int total = CHUNKS * ROWS_PER_CHUNK;
        for (int g = 0; g < 3; g++) {
            long count = 0;
            long countI = 0;
            long sumI = 0;
            BigDecimal sumD = BigDecimal.ZERO;
            BigDecimal minD = null;
            double maxF = Double.NEGATIVE_INFINITY;
            for (int x = g; x < total; x += 3) {
                count++;
                if (x % 7 != 0) {
                    countI++;
                    sumI += x;
                }
                BigDecimal d = BigDecimal.valueOf(x).divide(BigDecimal.valueOf(4));
                sumD = sumD.add(d);
                minD = minD == null ? d : minD.min(d);
                maxF = Math.max(maxF, x * 0.5);
            }
            List<Object> row = actual.get(g);
            assertEquals(String.valueOf((char) ('a' + g)), row.get(0));
            assertEquals(count, ((Number) row.get(1)).longValue());
            assertEquals(countI, ((Number) row.get(2)).longValue());
            assertEquals(sumI, ((Number) row.get(3)).longValue());
            BigDecimal avgI = (BigDecimal) row.get(4);
            assertEquals(BigDecimal.valueOf(sumI).divide(BigDecimal.valueOf(countI), avgI.scale(), RoundingMode.HALF_UP), avgI);
            assertEquals(0, sumD.compareTo((BigDecimal) row.get(5)), row.toString());
            BigDecimal avgD = (BigDecimal) row.get(6);
            assertEquals(sumD.divide(BigDecimal.valueOf(count), avgD.scale(), RoundingMode.HALF_UP), avgD);
            assertEquals(0, minD.compareTo((BigDecimal) row.get(7)), row.toString());
            assertEquals(maxF, ((Number) row.get(8)).doubleValue());
        }
    }

    /** max_parallel_workers_per_gather limits a session: 0 runs on one thread, 3 on four; the rows stay the same. */
    /**
     * UNION ALL whose branches each read the table (ten chunks): on two workers each branch runs
     * on both (two states sharing its chunks), the branches one after another, their rows
     * gathered; the aggregate above them gives the sums computed here from the data.
     */
    @Test
    void unionAllBranchesRunOnTheWorkersTogether() {
        String sql = "SELECT k, count(*), sum(i) FROM (SELECT k, i FROM t WHERE i % 3 = 0 UNION ALL "
                + "SELECT k, i * 2 FROM t WHERE i % 5 = 0 UNION ALL SELECT 'c', i FROM t WHERE i % 11 = 0) u "
                + "GROUP BY k ORDER BY k";
        run("SET max_parallel_workers_per_gather = 1");
        String plan = resultRows("EXPLAIN " + sql).toString();
        // each branch a pipeline over ten chunks: a state per worker, sharing the branch's chunks
        assertTrue(plan.contains("Gather workers=2 inputs=6"), plan);
        long[] counts = new long[3];
        long[] sums = new long[3];
        for (int x = 0; x < CHUNKS * ROWS_PER_CHUNK; x++) {
            if (x % 7 == 0) {
                continue; // i is NULL: no branch keeps the row
            }
            if (x % 3 == 0) {
                counts[x % 3]++;
                sums[x % 3] += x;
            }
            if (x % 5 == 0) {
                counts[x % 3]++;
                sums[x % 3] += 2L * x;
            }
            if (x % 11 == 0) {
                counts[2]++;
                sums[2] += x;
            }
        }
        List<List<Object>> expected = List.of(List.of("a", Long.toString(counts[0]), Long.toString(sums[0])),
                List.of("b", Long.toString(counts[1]), Long.toString(sums[1])),
                List.of("c", Long.toString(counts[2]), Long.toString(sums[2])));
        assertEquals(expected.toString(), resultRows(sql).toString());
        // two branches of the same text are two pipelines: each reads every chunk of t
        String twice = "SELECT count(*) FROM (SELECT i FROM t WHERE i % 2 = 0 UNION ALL SELECT i FROM t WHERE i % 2 = 0) u";
        assertTrue(resultRows("EXPLAIN " + twice).toString().contains("Gather workers=2 inputs=4"),
                resultRows("EXPLAIN " + twice).toString());
        long even = IntStream.range(0, CHUNKS * ROWS_PER_CHUNK).filter(x -> x % 7 != 0 && x % 2 == 0).count();
        assertEquals(List.of(List.of(Long.toString(2 * even))).toString(), resultRows(twice).toString());
        run("SET max_parallel_workers_per_gather = 0");
        assertTrue(!resultRows("EXPLAIN " + sql).toString().contains("Gather"));
        assertEquals(expected.toString(), resultRows(sql).toString());
        run("RESET max_parallel_workers_per_gather");
    }

    @Test
    void theSessionSettingChoosesTheWorkers() {
        String sql = "SELECT k, count(*), sum(d) FROM t GROUP BY k ORDER BY k";
        assertEquals(List.of(List.of(Integer.toString(ExecContext.WORKERS - 1))), resultRows("SHOW max_parallel_workers_per_gather"));
        List<List<Object>> expected = resultRows(sql);
        run("SET max_parallel_workers_per_gather = 0");
        assertTrue(!resultRows("EXPLAIN " + sql).toString().contains("Gather"), resultRows("EXPLAIN " + sql).toString());
        assertEquals(expected, resultRows(sql));
        run("SET max_parallel_workers_per_gather = 3");
        assertTrue(resultRows("EXPLAIN " + sql).toString().contains("Gather workers=4"), resultRows("EXPLAIN " + sql).toString());
        assertEquals(expected, resultRows(sql));
        run("RESET max_parallel_workers_per_gather");
    }

    @Test
    void everyWorkerSeesTheStatementsNow() {
        Assumptions.assumeTrue(ExecContext.WORKERS > 1, "one core: nothing runs in parallel");
        // min and max of now() are computed by the workers, the comparison above the final aggregate
        // by the query's own thread: all are the statement's start.
        String sql = "SELECT k, min(now()) = now() AND max(now()) = now() AND max(current_date) = current_date FROM t GROUP BY k";
        assertTrue(resultRows("EXPLAIN " + sql).toString().contains("Gather"));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(List.of("a", true), List.of("b", true), List.of("c", true)),
                    resultRows(sql + " ORDER BY k"));
        }
    }

    @Test
    void aWorkersErrorReachesTheCallerAndTheSessionGoesOn() {
        Assumptions.assumeTrue(ExecContext.WORKERS > 1, "one core: nothing runs in parallel");
        BlueshiftException e = assertThrows(BlueshiftException.class,
                () -> resultRows("SELECT k, sum(100 / (i - 30001)) FROM t GROUP BY k"));
        assertEquals("22012", e.sqlState());
        assertEquals(List.of(List.of(0L)), resultRows("SELECT count(*) FROM t WHERE i < 0"));
    }

    /**
     * A GROUP BY over a join runs the probe side on the workers, which share one build of the
     * joined table: with few groups ending in partial aggregates, with many (or DISTINCT) in one
     * aggregate over the gathered rows; either way the rows are those of one thread.
     */
    @Test
    void joinsProbedByTheWorkersGiveTheRowsOfOneThread() {
        Assumptions.assumeTrue(ExecContext.WORKERS > 1, "one core: nothing runs in parallel");
        createDims();
        List<String> queries = List.of(
                "SELECT k, count(*), sum(i), sum(weight) FROM t JOIN dims ON t.k = dims.name GROUP BY k",
                "SELECT i % 1000, count(*), sum(weight) FROM t JOIN dims ON t.k = dims.name GROUP BY i % 1000",
                "SELECT k, count(DISTINCT i), count(weight) FROM t LEFT JOIN dims ON t.k = dims.name GROUP BY k",
                "SELECT k, count(*) FROM t WHERE k IN (SELECT name FROM dims WHERE weight > 1) GROUP BY k",
                "SELECT k, count(*) FROM t WHERE NOT EXISTS (SELECT 1 FROM dims WHERE name = t.k) GROUP BY k");
        for (String q : queries) {
            String sql = q + " ORDER BY 1";
            String plan = resultRows("EXPLAIN " + sql).toString();
            assertTrue(plan.contains("Gather"), plan);
            assertTrue(plan.contains("HashJoin"), plan);
            List<List<Object>> parallel = resultRows(sql);
            run("SET max_parallel_workers_per_gather = 0");
            try {
                assertTrue(!resultRows("EXPLAIN " + sql).toString().contains("Gather"));
                assertEquals(resultRows(sql), parallel, q);
            } finally {
                run("RESET max_parallel_workers_per_gather");
            }
            assertTrue(!parallel.isEmpty(), q);
        }
    }

    /**
     * EXISTS and NOT EXISTS of a small table against a large one build on the small side and
     * every worker probes with its share of the large one, marking the rows it matches (after the
     * residual condition): the rows are those of one thread, NULL keys included, and an error in a
     * worker's residual reaches the caller with its SQLSTATE.
     */
    @Test
    void semiAndAntiJoinsBuiltOnTheSmallSideAreProbedByEveryWorker() {
        Assumptions.assumeTrue(ExecContext.WORKERS > 1, "one core: nothing runs in parallel");
        run("CREATE TABLE few (id INTEGER, name VARCHAR, divisor INTEGER)");
        run("INSERT INTO few VALUES (1, 'a', 1), (2, 'c', 1), (7, 'b', 1), (7, 'b', 1), (30001, 'c', 0), (49999, 'a', 1), "
                + "(NULL, 'a', 1), (60000, 'a', 1), (-5, NULL, 1)");
        List<String> queries = List.of(
                "SELECT id, name FROM few WHERE EXISTS (SELECT 1 FROM t WHERE t.i = few.id)",
                "SELECT id, name FROM few WHERE EXISTS (SELECT 1 FROM t WHERE t.i = few.id AND t.k <> few.name)",
                "SELECT id, name FROM few WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.i = few.id AND t.k = few.name)",
                "SELECT id, name FROM few WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.i = few.id AND t.f > 100)");
        for (String q : queries) {
            String sql = q + " ORDER BY 1, 2";
            String plan = resultRows("EXPLAIN " + sql).toString();
            assertTrue(plan.contains("(build left, probed by " + ExecContext.WORKERS + " workers)"), plan);
            List<List<Object>> parallel = resultRows(sql);
            run("SET max_parallel_workers_per_gather = 0");
            try {
                assertTrue(!resultRows("EXPLAIN " + sql).toString().contains("workers"));
                assertEquals(resultRows(sql), parallel, q);
            } finally {
                run("RESET max_parallel_workers_per_gather");
            }
            assertTrue(!parallel.isEmpty(), q);
        }
        String failing = "SELECT id FROM few WHERE EXISTS (SELECT 1 FROM t WHERE t.i = few.id AND 10 / few.divisor > 0)";
        assertTrue(resultRows("EXPLAIN " + failing).toString().contains("probed by"));
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> resultRows(failing));
        assertEquals("22012", e.sqlState());
        assertEquals(List.of(List.of(9L)), resultRows("SELECT count(*) FROM few"));
    }

    /** An error while building the shared side, or while a worker probes it, fails the query with its SQLSTATE, once. */
    @Test
    void anErrorInASharedBuildOrAProbeReachesTheCaller() {
        Assumptions.assumeTrue(ExecContext.WORKERS > 1, "one core: nothing runs in parallel");
        createDims();
        String build = "SELECT k, sum(d.q) FROM t JOIN (SELECT name, 10 / divisor AS q FROM dims) d ON t.k = d.name GROUP BY k";
        assertTrue(resultRows("EXPLAIN " + build).toString().contains("Gather"));
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> resultRows(build));
        assertEquals("22012", e.sqlState());
        String probe = "SELECT k, sum(100 / (i - 30001)) FROM t JOIN dims ON t.k = dims.name GROUP BY k";
        assertTrue(resultRows("EXPLAIN " + probe).toString().contains("Gather"));
        e = assertThrows(BlueshiftException.class, () -> resultRows(probe));
        assertEquals("22012", e.sqlState());
        assertEquals(List.of(List.of(2L)), resultRows("SELECT count(*) FROM dims WHERE name = 'b'"));
    }

    /**
     * A GROUP BY with about as many groups as rows, or with DISTINCT aggregates, exchanges the rows
     * by key between the workers, each aggregating its share of the groups: the rows are those of
     * one thread, and a worker's error still reaches the caller with its SQLSTATE.
     */
    @Test
    void manyGroupsAreExchangedByKeyBetweenTheWorkers() {
        Assumptions.assumeTrue(ExecContext.WORKERS > 1, "one core: nothing runs in parallel");
        // 1.25 M rows (the exchange is planned over a million rows of a table)
        run("CREATE TABLE big AS SELECT k, i + 50000 * c.x AS i, d, f FROM t, (VALUES (0), (1), (2), (3), (4), (5), (6), "
                + "(7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24)) "
                + "AS c(x)");
        List<String> queries = List.of(
                "SELECT i % 200000, count(*), sum(d), max(k), avg(f) FROM big GROUP BY i % 200000",
                "SELECT k, i % 3, count(DISTINCT i), sum(DISTINCT d) FROM big GROUP BY k, i % 3");
        for (String q : queries) {
            String sql = q + " ORDER BY 1, 2";
            String plan = resultRows("EXPLAIN " + sql).toString();
            // the workers' groups gathered, or (under the ORDER BY) sorted by each worker and merged
            assertTrue(plan.contains("HashExchange") && (plan.contains("Gather") || plan.contains("sorted streams")), plan);
            List<List<Object>> parallel = resultRows(sql);
            run("SET max_parallel_workers_per_gather = 0");
            try {
                assertEquals(resultRows(sql), parallel, q);
            } finally {
                run("RESET max_parallel_workers_per_gather");
            }
        }
        BlueshiftException e = assertThrows(BlueshiftException.class,
                () -> resultRows("SELECT i, sum(100 / (i - 30001)) FROM big GROUP BY i"));
        assertEquals("22012", e.sqlState());
        assertEquals(List.of(List.of(0L)), resultRows("SELECT count(*) FROM big WHERE i < 0"));
    }

    /**
     * A GROUP BY of the one column a table's chunks are ordered by runs on one thread, which
     * appends the ascending groups without a hash table, instead of exchanging the rows between the
     * workers (the same rows stored in another order are exchanged): both give one thread's result.
     */
    @Test
    void aGroupByOfTheColumnATableIsOrderedByIsNotExchanged() {
        Assumptions.assumeTrue(ExecContext.WORKERS > 1, "one core: nothing runs in parallel");
        String rows = "SELECT i + 50000 * c.x AS i, d FROM t, (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), "
                + "(10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24)) AS c(x) "
                + "WHERE i IS NOT NULL";
        run("CREATE TABLE ordered AS " + rows + " ORDER BY 1");
        run("CREATE TABLE unordered AS " + rows);
        List<List<Object>> serial = null;
        for (String table : List.of("ordered", "unordered")) {
            String sql = "SELECT i, count(*), sum(d) FROM " + table + " GROUP BY i ORDER BY 1";
            String plan = resultRows("EXPLAIN " + sql).toString();
            assertEquals(table.equals("unordered"), plan.contains("HashExchange"), plan);
            List<List<Object>> result = resultRows(sql);
            if (serial == null) {
                run("SET max_parallel_workers_per_gather = 0");
                try {
                    serial = resultRows(sql);
                } finally {
                    run("RESET max_parallel_workers_per_gather");
                }
            }
            assertEquals(serial, result, table);
        }
        assertEquals(1_071_425, serial.size());
    }
}
