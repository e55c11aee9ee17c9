package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans skip the chunks whose zone maps rule out a filter, and never a chunk holding a matching row. */
class ZoneMapTest {
    private static final Pattern SKIPPED = Pattern.compile("chunks read=(\\d+) skipped=(\\d+), bytes from disk=(\\d+)");

    /** Each insert is one chunk: 10 chunks of 100 rows, chunk k holding a in [100k, 100k + 99]. */
    private static void load(Statement s) throws Exception {
        s.execute("create table t (a int, b bigint, d date, ts timestamp, n numeric(10,2), s smallint, x int)");
        for (int k = 0; k < 10; k++) {
            s.execute("insert into t select a, a * 3, date '2020-01-01' + a, timestamp '2020-01-01 00:00:00' + a * interval '1' hour, "
                    + "a / 100.0, a % 1000, case when " + k + " = 3 then null else a end from (select " + (100 * k)
                    + " + row_number() over () - 1 as a from (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) p, "
                    + "(values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) q) g");
        }
    }

    /** Predicates on plain columns (pruned) with the same predicate on an expression (never pruned). */
    private static final List<String[]> CASES = List.of(
            new String[] {"a between 150 and 250", "a + 0 between 150 and 250"},
            new String[] {"a = 777", "a + 0 = 777"},
            new String[] {"a > 899", "a + 0 > 899"},
            new String[] {"a < 100", "a + 0 < 100"},
            new String[] {"500 <= a", "500 <= a + 0"},
            new String[] {"b >= 2997", "b + 0 >= 2997"},
            new String[] {"d < date '2020-01-01' + interval '150' day", "d + 0 < date '2020-01-01' + interval '150' day"},
            new String[] {"d >= date '2020-03-01'", "d + 0 >= date '2020-03-01'"},
            new String[] {"d <= timestamp '2020-02-01 12:00:00'", "d + 0 <= timestamp '2020-02-01 12:00:00'"},
            new String[] {"ts < timestamp '2020-01-05 00:00:00'", "ts + interval '0' hour < timestamp '2020-01-05 00:00:00'"},
            new String[] {"n < 3.005", "n + 0 < 3.005"},
            new String[] {"n > 8.999", "n + 0 > 8.999"},
            new String[] {"n = 4.005", "n + 0 = 4.005"},
            new String[] {"n = 4.00", "n + 0 = 4.00"},
            new String[] {"s in (5, 505)", "s + 0 in (5, 505)"},
            new String[] {"x between 300 and 399", "x + 0 between 300 and 399"},
            new String[] {"x is null and a > 350", "x is null and a + 0 > 350"},
            new String[] {"x is null or x = 5", "x + 0 = 5 or x is null"},
            new String[] {"x = 5 or x = 950 or x is null", "x + 0 in (5, 950) or x is null"},
            new String[] {"a > 2147483647", "a + 0 > 2147483647"},
            new String[] {"a < -2147483648", "a + 0 < -2147483648"});

    @Test
    void prunedScansReturnWhatUnprunedOnesDo(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            load(s);
        }
        for (String mode : new String[] {"after reopening", "in memory"}) {
            try (Connection c = DriverManager.getConnection(mode.equals("in memory") ? "jdbc:blueshift:mem:" : url);
                 Statement s = c.createStatement()) {
                if (mode.equals("in memory")) {
                    load(s);
                }
                for (String[] p : CASES) {
                    String pruned = "select count(*), sum(a), min(a), max(a) from t where " + p[0];
                    String plain = "select count(*), sum(a), min(a), max(a) from t where " + p[1];
                    assertEquals(JdbcTestBase.rows(s.executeQuery(plain)), JdbcTestBase.rows(s.executeQuery(pruned)), mode + ": " + p[0]);
                }
                String plan = String.join("\n", JdbcTestBase.rows(s.executeQuery("explain analyze select sum(a) from t where a between 150 and 250")));
                int read = 0;
                int skipped = 0;
                Matcher m = SKIPPED.matcher(plan);
                while (m.find()) {
                    read += Integer.parseInt(m.group(1));
                    skipped += Integer.parseInt(m.group(2));
                }
                assertEquals(2, read, plan);
                assertEquals(8, skipped, plan);
                assertTrue(plan.contains("zone filter: a BETWEEN 150 AND 250"), plan);
                // Calcite compares a date with date + interval (a timestamp) by casting the column
                String dates = String.join("\n", JdbcTestBase.rows(s.executeQuery(
                        "explain analyze select count(*) from t where d < date '2020-01-01' + interval '150' day")));
                assertTrue(dates.contains("zone filter: d <= DATE '2020-05-29'"), dates);
            }
        }
    }

    @Test
    void aColdScanReadsOnlyTheColumnsAndChunksItNeeds(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            load(s);
            s.execute("analyze t");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String plan = String.join("\n", JdbcTestBase.rows(s.executeQuery("explain analyze select sum(b) from t where a >= 900")));
            long bytes = 0;
            Matcher m = SKIPPED.matcher(plan);
            while (m.find()) {
                bytes += Long.parseLong(m.group(3));
            }
            // one chunk of two integer columns, both bit-packed: far below the 10 x 100 x 12 raw bytes
            assertTrue(bytes > 0 && bytes < 600, plan);
            assertEquals(List.of("284850"), JdbcTestBase.rows(s.executeQuery("select sum(b) from t where a >= 900")));
        }
    }
}
