package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.sql.api.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A query run again takes its optimized plan from the database's plan cache, and never a plan
 * the catalog, the data or the session has moved away from.
 */
class PlanCacheTest extends SessionFixture {
    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        try (Result r = s.execute(sql)) {
            for (Batch next = r.next(); next != null; next = r.next()) {
                try (Batch b = next) {
                    for (int i = 0; i < b.rowCount(); i++) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 0; c < b.columnCount(); c++) {
                            row.append(c == 0 ? "" : "|").append(b.get(c, i));
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        return out;
    }

    private List<String> rows(String sql) {
        return rows(session, sql);
    }

    private String planningLine(String sql) {
        return rows("EXPLAIN ANALYZE " + sql).stream().filter(l -> l.startsWith("Planning time")).findFirst().orElseThrow();
    }

    @Test
    void theSecondRunOfAQueryReusesItsPlanWithTheSameResult() {
        rows("CREATE TABLE t (a INT, b VARCHAR)");
        rows("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'x')");
        String sql = "SELECT b, sum(a) FROM t WHERE a > 1 GROUP BY b ORDER BY b";
        assertFalse(planningLine(sql).endsWith("(cached plan)"), "planned afresh the first time");
        assertTrue(planningLine(sql).endsWith("(cached plan)"), "cached the second time");
        long hits = db.planCache().hits();
        assertEquals(List.of("x|3", "y|2"), rows(sql));
        assertEquals(List.of("x|3", "y|2"), rows(sql));
        assertEquals(hits + 2, db.planCache().hits());
    }

    @Test
    void committedRowsAreSeenAndTheirCommitReplans() {
        rows("CREATE TABLE t (a INT)");
        rows("INSERT INTO t VALUES (1)");
        String sql = "SELECT count(*), sum(a) FROM t";
        assertEquals(List.of("1|1"), rows(sql));
        rows("INSERT INTO t VALUES (2), (3)");
        assertFalse(planningLine(sql).endsWith("(cached plan)"), "a commit changes row counts the plan was made with");
        assertEquals(List.of("3|6"), rows(sql));
    }

    @Test
    void aTableAlteredOrMadeAgainIsPlannedAgain() {
        rows("CREATE TABLE t (a INT)");
        rows("INSERT INTO t VALUES (1)");
        assertEquals(List.of("1"), rows("SELECT * FROM t"));
        assertEquals(List.of("1"), rows("SELECT * FROM t"));
        rows("ALTER TABLE t ADD COLUMN b VARCHAR");
        assertEquals(List.of("1|null"), rows("SELECT * FROM t"));
        rows("DROP TABLE t");
        rows("CREATE TABLE t (x VARCHAR, y INT, z INT)");
        rows("INSERT INTO t VALUES ('q', 2, 3)");
        assertEquals(List.of("q|2|3"), rows("SELECT * FROM t"));
    }

    @Test
    void aViewReplacedGivesItsNewRows() {
        rows("CREATE TABLE t (a INT)");
        rows("INSERT INTO t VALUES (1), (2)");
        rows("CREATE VIEW v AS SELECT a FROM t WHERE a = 1");
        assertEquals(List.of("1"), rows("SELECT * FROM v"));
        assertEquals(List.of("1"), rows("SELECT * FROM v"));
        rows("CREATE OR REPLACE VIEW v AS SELECT a FROM t WHERE a = 2");
        assertEquals(List.of("2"), rows("SELECT * FROM v"));
    }

    @Test
    void theSameTextInAnotherSchemaReadsThatSchemasTable() {
        rows("CREATE SCHEMA s2");
        rows("CREATE TABLE t (a INT)");
        rows("INSERT INTO t VALUES (1)");
        rows("CREATE TABLE s2.t (a INT)");
        rows("INSERT INTO s2.t VALUES (2)");
        assertEquals(List.of("1"), rows("SELECT a FROM t"));
        assertEquals(List.of("1"), rows("SELECT a FROM t"));
        rows("SET search_path = s2");
        assertEquals(List.of("2"), rows("SELECT a FROM t"));
        rows("SET search_path = public");
        assertEquals(List.of("1"), rows("SELECT a FROM t"));
    }

    @Test
    void timeAndCatalogRelationsAreNeverTakenFromAnEarlierPlan() throws InterruptedException {
        String sql = "SELECT now(), current_timestamp";
        String first = rows(sql).getFirst();
        Thread.sleep(5);
        String second = rows(sql).getFirst();
        assertTrue(second.compareTo(first) > 0, first + " then " + second);
        assertFalse(planningLine(sql).endsWith("(cached plan)"));

        String catalog = "SELECT count(*) FROM pg_class WHERE relname = 'fresh'";
        assertEquals(List.of("0"), rows(catalog));
        assertFalse(planningLine(catalog).endsWith("(cached plan)"));
        assertFalse(planningLine("SELECT * FROM generate_series(1, 3)").endsWith("(cached plan)"));
    }

    @Test
    void aCachedQueryInAFailedBlockIsRefusedUntilRollback() {
        rows("CREATE TABLE t (a INT)");
        rows("INSERT INTO t VALUES (4)");
        assertEquals(List.of("4"), rows("SELECT a FROM t"));
        rows("BEGIN");
        assertEquals("42703", assertThrows(BlueshiftException.class, () -> rows("SELECT nope FROM t")).sqlState());
        assertEquals("25P02", assertThrows(BlueshiftException.class, () -> rows("SELECT a FROM t")).sqlState());
        rows("ROLLBACK");
        assertEquals(List.of("4"), rows("SELECT a FROM t"));
    }

    @Test
    void sessionsOnTwoThreadsShareOnePlan() throws Exception {
        rows("CREATE TABLE t (a INT, b INT)");
        rows("INSERT INTO t SELECT g, g % 7 FROM generate_series(1, 5000) g");
        String sql = "SELECT b, count(*), sum(a) FROM t GROUP BY b ORDER BY b";
        List<String> expected = rows(sql);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    try (Session s = db.newSession()) {
                        for (int i = 0; i < 50; i++) {
                            if (!rows(s, sql).equals(expected)) {
                                return false;
                            }
                        }
                        return true;
                    }
                }));
            }
            for (Future<Boolean> run : runs) {
                assertTrue(run.get());
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(db.planCache().hits() >= 100);
    }
}
