package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.kernels.BlueshiftException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An aggregate that a statement computes twice in the same way (a WITH query referenced twice) is
 * computed once and read by both references: EXPLAIN shows one spool and one scan of the table,
 * the results equal those of the same query written so that nothing is shared, an error inside
 * the shared part reaches the caller with its SQLSTATE, and the database finds no leak on close.
 */
class SpoolTest extends SessionFixture {
    /** TPC-H Q15's shape: the suppliers whose revenue is the highest. */
    private static final String SHARED = "WITH revenue AS (SELECT k, sum(v) AS total FROM t WHERE v >= 0 GROUP BY k) "
            + "SELECT k, total FROM revenue WHERE total = (SELECT max(total) FROM revenue) ORDER BY k";
    /** The same question, its second aggregate written with another (equivalent) filter. */
    private static final String UNSHARED = "WITH revenue AS (SELECT k, sum(v) AS total FROM t WHERE v >= 0 GROUP BY k) "
            + "SELECT k, total FROM revenue WHERE total = (SELECT max(total) FROM "
            + "(SELECT k, sum(v) AS total FROM t WHERE v > -1 GROUP BY k) r2) ORDER BY k";

    @BeforeEach
    void createTable() {
        run("CREATE TABLE t (k INTEGER, v BIGINT)");
        for (int c = 0; c < 8; c++) { // eight chunks: the aggregate runs on the workers where there are several
            run("INSERT INTO t SELECT x % 97, (x * 7919) % 1000 FROM " + Numbers.table()
                    + " WHERE x >= " + c * 10000 + " AND x < " + (c + 1) * 10000);
        }
    }

    private void run(String sql) {
        resultRows(sql);
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void aWithQueryReferencedTwiceIsComputedOnceWithTheSameResult() {
        String plan = explainText(SHARED);
        assertEquals(1, count(plan, "Spool (read 2 times)"), plan);
        assertEquals(1, count(plan, "Spool (the rows of the spool above)"), plan);
        String unsharedPlan = explainText(UNSHARED);
        assertFalse(unsharedPlan.contains("Spool"), unsharedPlan);
        assertTrue(count(plan, "Scan t") > 0, plan);
        assertEquals(count(unsharedPlan, "Scan t"), 2 * count(plan, "Scan t"), "the table is read half as often");

        List<List<Object>> shared = resultRows(SHARED);
        assertFalse(shared.isEmpty());
        assertEquals(resultRows(UNSHARED), shared);
        // EXPLAIN ANALYZE runs it too: the spool's rows are counted once, read by both
        String analyzed = explainText("ANALYZE " + SHARED);
        assertTrue(analyzed.contains("Spool (read 2 times)"), analyzed);
    }

    @Test
    void nondeterministicAggregatesAreComputedAtEachReference() {
        String sql = "WITH r AS (SELECT k, sum(v + floor(random())) AS total FROM t GROUP BY k) "
                + "SELECT count(*) FROM r WHERE total = (SELECT max(total) FROM r)";
        String plan = explainText(sql);
        assertFalse(plan.contains("Spool"), plan);
        assertEquals(1L, ((Number) resultRows(sql).get(0).get(0)).longValue());
    }

    @Test
    void anErrorInTheSharedAggregateFailsTheQueryAndTheSessionGoesOn() {
        String sql = "WITH r AS (SELECT k, sum(v) / (k - 42) AS q FROM t GROUP BY k) "
                + "SELECT count(*) FROM r WHERE q = (SELECT max(q) FROM r)";
        assertTrue(explainText(sql).contains("Spool (read 2 times)"));
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> resultRows(sql));
        assertEquals("22012", e.sqlState(), e.getMessage());
        assertEquals(List.of(List.of(97L)), resultRows("SELECT count(DISTINCT k) FROM t"));
    }

    @Test
    void aSharedAggregateInsideARecursiveQueryIsComputedAgainEachRound() {
        String sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < "
                + "(SELECT count(*) FROM (SELECT k FROM t GROUP BY k) a) - (SELECT count(*) FROM (SELECT k FROM t GROUP BY k) b) + 5) "
                + "SELECT count(*), max(n) FROM r";
        assertEquals(List.of(List.of(5L, 5)), resultRows(sql));
    }
}
