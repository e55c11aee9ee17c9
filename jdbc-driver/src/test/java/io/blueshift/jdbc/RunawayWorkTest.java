package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.MemoryPool;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Runaway statements are stopped (issue 13): statement_timeout and setQueryTimeout cancel with
 * 57014 and leave the session usable, a cancel stops a cross join within a batch's work, pg_sleep
 * waits and can be cancelled, and the query's memory is freed afterwards. The goal is a stop within
 * a second of the deadline; the bounds asserted here are generous, for a loaded 2-core machine.
 */
class RunawayWorkTest extends JdbcTestBase {
    /** Hundreds of billions of row combinations: runs until something stops it. */
    private static final String CROSS_JOIN = "select count(*) from t x, t y, t z where x.a + y.a = z.a + 1";

    private void table(int rows) throws SQLException {
        exec("create table t (a int, s varchar(20))");
        StringBuilder values = new StringBuilder("insert into t values (0, 'x0')");
        for (int i = 1; i < rows; i++) {
            values.append(", (").append(i).append(", 'x").append(i).append("')");
        }
        exec(values.toString());
    }

    private MemoryPool pool() {
        return ((BlueshiftConnection) conn).session().database().memoryPool();
    }

    /** Query allocators open now, and the bytes they hold: 0 once every statement freed its memory. */
    private long queryMemory() {
        long open = 0;
        for (var a : pool().openQueries()) {
            open += 1 + a.getAllocatedMemory();
        }
        return open;
    }

    /** Runs {@code sql} until it fails; returns the error and reports how long it ran. */
    private SQLException runUntilStopped(Statement s, String sql, double goalSeconds) {
        long start = System.nanoTime();
        SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sqlError("57014", () -> {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
            }
        }));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "%s stopped after %.3f s (goal %.1f s)", sql, seconds, goalSeconds));
        assertTrue(seconds < goalSeconds + 5, sql + " ran " + seconds + " s");
        return e;
    }

    @Test
    void statementTimeoutCancelsAQueryAndFreesItsMemory() throws Exception {
        table(3000);
        try (Statement s = conn.createStatement()) {
            s.execute("set statement_timeout = '500ms'");
            SQLException e = runUntilStopped(s, CROSS_JOIN, 0.5);
            assertEquals("canceling statement due to statement timeout", e.getMessage());
            assertEquals(0, queryMemory(), "the cancelled query's memory is freed");
            assertEquals(List.of("1"), rows(s.executeQuery("select 1")), "the session works after a timeout");
            assertEquals(List.of("3000"), rows(s.executeQuery("select count(*) from t")));
            s.execute("reset statement_timeout");
            assertEquals(List.of(""), rows(s.executeQuery("select pg_sleep(0.6)")), "no timeout once it is reset");
        }
    }

    @Test
    void statementTimeoutStopsPgSleepAndCoversTheWholeStatementOnly() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("set statement_timeout = 300");
            runUntilStopped(s, "select pg_sleep(60)", 0.3);
            runUntilStopped(s, "select pg_sleep_for(interval '1 minute')", 0.3);
            // a timeout counts from its own statement's start: short statements in a row never trip it
            for (int i = 0; i < 5; i++) {
                assertEquals(List.of(""), rows(s.executeQuery("select pg_sleep(0.1)")));
            }
            Thread.sleep(400);
            assertEquals(List.of("1"), rows(s.executeQuery("select 1")), "an idle session is not timed out");
        }
    }

    @Test
    void statementTimeoutValuesAreCheckedWhenSet() throws Exception {
        try (Statement s = conn.createStatement()) {
            sqlError("22023", () -> s.execute("set statement_timeout = 'soon'"));
            sqlError("22023", () -> s.execute("set statement_timeout = -5"));
            s.execute("set statement_timeout = '1min'");
            s.execute("set statement_timeout = 0");
            assertEquals(List.of(""), rows(s.executeQuery("select pg_sleep(0.05)")));
        }
    }

    /**
     * string_agg over a cross join that would build gigabytes: its values count against the query's
     * memory as they are collected, so it fails with 53200 when that is spent, long before the heap.
     */
    @Test
    void stringAggOverACrossJoinFailsWhenTheQueryMemoryIsSpent() throws Exception {
        table(20000);
        ((BlueshiftConnection) conn).session().setQueryMemoryLimit(64L << 20);
        try (Statement s = conn.createStatement()) {
            long start = System.nanoTime();
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sqlError("53200", () -> {
                try (ResultSet rs = s.executeQuery("select length(string_agg(x.s || y.s, ',')) from t x, t y")) {
                    rs.next();
                }
            }));
            System.out.println(String.format(Locale.ROOT, "string_agg over a cross join failed after %.3f s: %s",
                    (System.nanoTime() - start) / 1e9, e.getMessage()));
            assertEquals(0, queryMemory());
            assertEquals(List.of("20000"), rows(s.executeQuery("select count(distinct s) from t")));
        }
    }

    @Test
    void queryTimeoutStopsPgSleep() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.setQueryTimeout(1);
            runUntilStopped(s, "select pg_sleep(60)", 1);
            s.setQueryTimeout(0);
            assertEquals(List.of("1"), rows(s.executeQuery("select 1")));
            assertEquals(0, queryMemory());
        }
    }

    @Test
    void cancelStopsACrossJoinWithinABatchAndFreesItsMemory() throws Exception {
        table(20000);
        try (Statement s = conn.createStatement()) {
            for (String sql : List.of(CROSS_JOIN, "select length(string_agg(x.s, ',')) from t x, t y",
                    "select x.a from t x, t y order by x.a + y.a limit 1", "select max(x.s || y.s) from t x, t y")) {
                long[] cancelledAt = new long[1];
                Thread canceller = new Thread(() -> {
                    try {
                        Thread.sleep(700);
                        cancelledAt[0] = System.nanoTime();
                        s.cancel();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                canceller.start();
                SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sqlError("57014", () -> {
                    try (ResultSet rs = s.executeQuery(sql)) {
                        rs.next();
                    }
                }));
                long stopped = System.nanoTime();
                canceller.join();
                double latency = (stopped - cancelledAt[0]) / 1e9;
                System.out.println(String.format(Locale.ROOT, "cancel of %s took %.3f s", sql, latency));
                assertEquals("canceling statement due to user request", e.getMessage());
                assertTrue(latency < 5, sql + ": the cancel took " + latency + " s");
                assertEquals(0, queryMemory(), "the cancelled query's memory is freed");
            }
            assertEquals(List.of("20000"), rows(s.executeQuery("select count(*) from t")));
        }
    }
}
