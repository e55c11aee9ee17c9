package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * generate_series makes its rows a batch at a time: a series of fifty million rows runs in the
 * memory of one batch, a series that would run for hours stops at the statement timeout, and its
 * bounds may be parameters. The results themselves are checked against PostgreSQL in
 * {@code generate_series.slt}.
 */
class GenerateSeriesTest extends JdbcTestBase {
    private static final Pattern PEAK = Pattern.compile("Peak memory: (\\d+) bytes");

    @Test
    void fiftyMillionRowsRunInTheMemoryOfABatch() throws Exception {
        // the rows alone would take 200 MB as integers; a query holding them fails past this limit
        ((BlueshiftConnection) conn).session().setQueryMemoryLimit(8L << 20);
        assertEquals(List.of("50000000|1250000025000000"),
                query("select count(*), sum(x) from generate_series(1, 50000000) as s(x)"));
        String plan = String.join("\n", query("explain analyze select count(*), sum(x) from generate_series(1, 50000000) as s(x)"));
        Matcher peak = PEAK.matcher(plan);
        assertTrue(peak.find(), plan);
        assertTrue(Long.parseLong(peak.group(1)) < 1 << 20, "peak memory of a 50M-row series: " + plan);
        assertTrue(plan.contains("GenerateSeries INTEGER (1, 50000000) rows=50000000"), plan);
    }

    @Test
    void insertSelectOfMillionsOfRowsFromASeries() throws Exception {
        exec("create table t (id bigint, v int)");
        exec("insert into t select x, x % 10 from generate_series(1, 3000000) as s(x)");
        assertEquals(List.of("3000000|4500001500000|13500000"), query("select count(*), sum(id), sum(v) from t"));
    }

    @Test
    void statementTimeoutStopsALongSeries() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("set statement_timeout = '300ms'");
            long start = System.nanoTime();
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sqlError("57014", () -> {
                try (ResultSet rs = s.executeQuery("select count(*) from generate_series(1, 1000000000000) as s(x)")) {
                    rs.next();
                }
            }));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("canceling statement due to statement timeout", e.getMessage());
            assertTrue(seconds < 5, "the series ran " + seconds + " s past a 0.3 s timeout");
            s.execute("reset statement_timeout");
            assertEquals(List.of("3"), rows(s.executeQuery("select count(*) from generate_series(1, 3)")));
        }
    }

    @Test
    void statementCancelStopsALongSeries() throws Exception {
        try (Statement s = conn.createStatement()) {
            Thread canceller = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                    s.cancel();
                } catch (InterruptedException | SQLException ignored) {
                    // the query then runs into the test's own timeout, which fails it
                }
            });
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sqlError("57014", () -> {
                try (ResultSet rs = s.executeQuery("select sum(x) from generate_series(1, 9000000000000000000) as s(x)")) {
                    rs.next();
                }
            }));
            canceller.join();
        }
    }

    @Test
    void boundsAndStepMayBeParameters() throws Exception {
        try (PreparedStatement p = conn.prepareStatement("select count(*), sum(x) from generate_series(?, ?, ?) as s(x)")) {
            p.setInt(1, 10);
            p.setInt(2, 1);
            p.setInt(3, -3);
            try (ResultSet rs = p.executeQuery()) {
                assertEquals(List.of("4|22"), rows(rs));
            }
            p.setInt(1, 1);
            p.setInt(2, 1000000);
            p.setInt(3, 1);
            try (ResultSet rs = p.executeQuery()) {
                assertEquals(List.of("1000000|500000500000"), rows(rs));
            }
            p.setInt(3, 0);
            sqlError("22023", () -> p.executeQuery().close());
        }
    }
}
