package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runtime join filters: a selective hash join's build keys, as a Bloom filter, drop the probe rows
 * that cannot match in the filter of the probe side's scan. EXPLAIN shows where; EXPLAIN ANALYZE
 * how many rows it dropped; the results equal the ones computed here from the data, for NULL keys
 * on either side, keys of two columns and of strings, keys that reach the filter through a
 * projection and another join's probe side, and joins that keep unmatched probe rows (which get none).
 */
class RuntimeFilterTest extends SessionFixture {
    private static final int ROWS = 80_000;

    @BeforeEach
    void createTables() {
        // facts: k = x % 1000 (NULL every 97th row), s = 's' || x % 50, v = x; eight chunks
        run("CREATE TABLE facts (k INTEGER, s VARCHAR, v BIGINT)");
        for (int c = 0; c < 8; c++) {
            run("INSERT INTO facts SELECT CASE WHEN x % 97 = 0 THEN NULL ELSE x % 1000 END, 's' || (x % 50), x FROM "
                    + Numbers.table() + " WHERE x >= " + c * (ROWS / 8) + " AND x < " + (c + 1) * (ROWS / 8));
        }
        // dims: 20 of the 1000 keys (and a NULL key), each with a name
        run("CREATE TABLE dims (id INTEGER, name VARCHAR, tag VARCHAR)");
        StringBuilder values = new StringBuilder("INSERT INTO dims VALUES (NULL, 'none', 's1')");
        for (int i = 0; i < 20; i++) {
            values.append(", (").append(i * 37).append(", 'd").append(i).append("', 's").append(i % 3).append("')");
        }
        run(values.toString());
    }

    private void run(String sql) {
        resultRows(sql);
    }

    private static boolean isDimKey(int k) {
        return k % 37 == 0 && k / 37 < 20;
    }

    /** The facts rows with v < {@code below}, as (k, s, v), k null where it is. */
    private static List<Object[]> facts(int below) {
        List<Object[]> out = new ArrayList<>();
        for (int x = 0; x < Math.min(below, ROWS); x++) {
            out.add(new Object[] {x % 97 == 0 ? null : x % 1000, "s" + (x % 50), (long) x});
        }
        return out;
    }

    @Test
    void aSelectiveJoinDropsProbeRowsInTheScansFilterWithTheRightResult() {
        String sql = "SELECT count(*), sum(f.v) FROM facts f JOIN dims d ON f.k = d.id WHERE f.v < 70000";
        String plan = explainText(sql);
        assertTrue(plan.contains("Runtime filter: k IN build(id)"), plan);
        long count = 0;
        long sum = 0;
        for (Object[] f : facts(70_000)) {
            if (f[0] != null && isDimKey((Integer) f[0])) {
                count++;
                sum += (Long) f[2];
            }
        }
        assertEquals(List.of(List.of(count, sum)), normalized(resultRows(sql)));
        String analyzed = explainText("ANALYZE " + sql);
        Matcher dropped = Pattern.compile("dropped (\\d+)").matcher(analyzed);
        long total = 0;
        while (dropped.find()) { // one filter a worker
            total += Long.parseLong(dropped.group(1));
        }
        assertTrue(total > 60_000, "most of the 70 K rows never leave the filter: " + analyzed);
    }

    @Test
    void keysOfTwoColumnsAndOfStringsThroughAProjectionAndAnotherJoin() {
        String sql = "SELECT d.name, count(*) FROM (SELECT k, s, v * 2 AS w FROM facts WHERE v < 60000) f "
                + "JOIN dims d ON f.k = d.id AND f.s = d.tag GROUP BY d.name ORDER BY d.name";
        assertTrue(explainText(sql).contains("Runtime filter: k, s IN build("), explainText(sql));
        TreeMap<String, Long> want = new TreeMap<>();
        for (Object[] f : facts(60_000)) {
            if (f[0] != null && isDimKey((Integer) f[0])) {
                int i = (Integer) f[0] / 37;
                if (f[1].equals("s" + (i % 3))) {
                    want.merge("d" + i, 1L, Long::sum);
                }
            }
        }
        List<List<Object>> expected = new ArrayList<>();
        want.forEach((name, n) -> expected.add(List.of(name, n)));
        assertFalse(expected.isEmpty());
        assertEquals(expected, normalized(resultRows(sql)));

        String strings = "SELECT count(*) FROM facts f JOIN (SELECT DISTINCT tag FROM dims WHERE name = 'd4') d "
                + "ON f.s = d.tag WHERE f.v < 50000";
        assertEquals(List.of(List.of(1000L)), normalized(resultRows(strings)), "'s1' is every 50th of 50,000 rows");

        String chained = "SELECT count(*) FROM facts f JOIN dims d ON f.k = d.id JOIN dims e ON f.k = e.id "
                + "AND e.name <> 'd3' WHERE f.v < 40000";
        long n = facts(40_000).stream().filter(f -> f[0] != null && isDimKey((Integer) f[0])
                && (Integer) f[0] != 3 * 37).count();
        assertEquals(List.of(List.of(n)), normalized(resultRows(chained)));
    }

    @Test
    void aKeyOfTwoColumnsGetsAFilterOfItsOwnOverAScanWithoutOne() {
        String sql = "SELECT count(*), sum(f.v) FROM facts f JOIN dims d ON f.k = d.id AND f.s = d.tag";
        String plan = explainText(sql);
        assertTrue(plan.contains("Filter  Runtime filter: k, s IN build(id, tag)"), plan);
        long count = 0;
        long sum = 0;
        for (Object[] f : facts(ROWS)) {
            if (f[0] != null && isDimKey((Integer) f[0]) && f[1].equals("s" + ((Integer) f[0] / 37) % 3)) {
                count++;
                sum += (Long) f[2];
            }
        }
        assertTrue(count > 0);
        assertEquals(List.of(List.of(count, sum)), normalized(resultRows(sql)));
    }

    @Test
    void joinsThatKeepUnmatchedProbeRowsHaveNone() {
        String sql = "SELECT count(*), count(d.id) FROM facts f LEFT JOIN dims d ON f.k = d.id WHERE f.v < 30000";
        assertFalse(explainText(sql).contains("Runtime filter"), explainText(sql));
        long matched = facts(30_000).stream().filter(f -> f[0] != null && isDimKey((Integer) f[0])).count();
        assertEquals(List.of(List.of(30_000L, matched)), normalized(resultRows(sql)));
        String anti = "SELECT count(*) FROM facts f WHERE f.v < 30000 AND NOT EXISTS (SELECT 1 FROM dims d WHERE d.id = f.k)";
        assertFalse(explainText(anti).contains("Runtime filter"), explainText(anti));
        assertEquals(List.of(List.of(30_000L - matched)), normalized(resultRows(anti)));
    }

    /** Rows with whole numbers (integers, sums) as longs, to compare with the values computed here. */
    private static List<List<Object>> normalized(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object v : row) {
                r.add(v instanceof Number n ? (Object) new BigDecimal(n.toString()).longValueExact() : v);
            }
            out.add(r);
        }
        return out;
    }
}
