package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window functions over 40,000 rows in 97 partitions against DuckDB in this JVM: ranking,
 * navigation, and aggregates over every kind of frame (the whole partition, running, ROWS and
 * RANGE frames with offsets on both sides, frames that start empty, DISTINCT), each run three
 * ways: the parts of the input on two workers, on one thread, and spilled to disk under a 2 MB
 * {@code query_memory_limit}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowDuckDbTest {
    private Path dir;
    private Connection blueshift;
    private Connection duckdb;

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        this.dir = dir;
        blueshift = DriverManager.getConnection("jdbc:blueshift:" + dir.resolve("db"));
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        String create = "create table w as select i, i % 97 as g, (i * 7919) % 1000 as x,"
                + " case when i % 53 = 0 then null else cast(i % 1013 as numeric(10, 2)) end as d,"
                + " 'v' || (i % 311) as s from generate_series(1, 40000) as t(i)";
        for (Connection c : List.of(blueshift, duckdb)) {
            try (Statement s = c.createStatement()) {
                s.execute(create);
            }
        }
    }

    @AfterAll
    void close() throws Exception {
        blueshift.close();
        duckdb.close();
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        return JdbcTestBase.roundedRows(c, sql);
    }

    private static final String[] MODES = {
        "reset max_parallel_workers_per_gather",
        "set max_parallel_workers_per_gather = 0",
        "set query_memory_limit = '2MB'",
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "select i, row_number() over (partition by g order by x, i), rank() over (partition by g order by x),"
                + " dense_rank() over (partition by g order by x), percent_rank() over (partition by g order by x),"
                + " cume_dist() over (partition by g order by x), ntile(7) over (partition by g order by x, i) from w order by i",
        "select i, sum(x) over (partition by g), count(d) over (partition by g), avg(d) over (partition by g),"
                + " min(s) over (partition by g), max(d) over (partition by g), count(*) over (partition by g) from w order by i",
        "select i, sum(x) over (partition by g order by x), count(d) over (partition by g order by x),"
                + " max(d) over (partition by g order by x), avg(x) over (partition by g order by x) from w order by i",
        "select i, sum(d) over (partition by g order by i rows between 3 preceding and 2 following),"
                + " min(x) over (partition by g order by i rows between 3 preceding and 2 following),"
                + " max(x) over (partition by g order by i rows between 3 preceding and 2 following),"
                + " count(d) over (partition by g order by i rows between 3 preceding and 2 following),"
                + " avg(d) over (partition by g order by i rows between 3 preceding and 2 following) from w order by i",
        "select i, sum(x) over (partition by g order by i rows between 5 preceding and 1 preceding),"
                + " min(d) over (partition by g order by i rows between 2 following and 6 following),"
                + " count(*) over (partition by g order by i rows between current row and unbounded following) from w order by i",
        "select i, sum(x) over (partition by g order by x range between 10 preceding and 5 following),"
                + " count(*) over (partition by g order by x desc range between 20 preceding and current row),"
                + " max(i) over (partition by g order by x range between 3 following and 30 following) from w order by i",
        "select i, first_value(x) over (partition by g order by i rows between 2 preceding and 2 following),"
                + " last_value(s) over (partition by g order by i rows between 2 preceding and 2 following),"
                + " nth_value(x, 3) over (partition by g order by i rows between unbounded preceding and current row),"
                + " lag(x, 2) over (partition by g order by i), lead(d, 1, -1) over (partition by g order by i) from w order by i",
        "select i, count(distinct x) over (partition by g), sum(distinct x % 10) over (partition by g order by i),"
                + " count(distinct s) over (partition by g order by i rows between 50 preceding and current row) from w order by i",
        "select i, sum(x) over (partition by g), rank() over (partition by g, x % 3 order by i),"
                + " dense_rank() over (partition by x % 7 order by g) from w order by i",
    })
    void sameAnswersOnTwoWorkersOnOneAndSpilled(String sql) throws Exception {
        compare(sql, MODES);
    }

    /**
     * Without a PARTITION BY column common to every clause, or with one partition holding every
     * row, the input cannot be split: computed in memory on one thread, or under the limit over
     * rows sorted on disk, read by forward cursors.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "select i, sum(i) over (order by i rows between 100 preceding and current row), row_number() over (order by x desc, i),"
                + " avg(x) over (order by g range between 1 preceding and 1 following), sum(x) over (partition by g) from w order by i",
        "select i, rank() over (order by x), dense_rank() over (order by x), percent_rank() over (order by x),"
                + " cume_dist() over (order by s), ntile(9) over (order by x, i), lag(s, 3) over (order by i),"
                + " lead(x, 2, -1) over (order by x, i), first_value(i) over (order by x, i rows between 5 preceding and 3 following),"
                + " last_value(d) over (order by i rows between 3 preceding and 1 preceding),"
                + " nth_value(x, 4) over (order by i) from w order by i",
        "select i, min(x) over (order by i rows between 30 preceding and 20 following), max(d) over (order by i),"
                + " max(s) over (order by x, i rows between 10 following and 40 following),"
                + " sum(d) over (order by d range between 3 preceding and 2 following), count(*) over (order by d desc nulls first),"
                + " count(distinct x) over (order by i rows between 200 preceding and current row), sum(x) over () from w order by i",
        "select i, sum(x) over (partition by i % 1 order by i rows between 2 preceding and 2 following),"
                + " row_number() over (partition by i % 1 order by x, i),"
                + " avg(d) over (partition by i % 1) from w order by i",
    })
    void sameAnswersWithoutPartitionBy(String sql) throws Exception {
        compare(sql, MODES);
    }

    private void compare(String sql, String... modes) throws Exception {
        List<String> expected = rows(duckdb, sql);
        assertEquals(40_000, expected.size());
        for (String mode : modes) {
            try (Statement s = blueshift.createStatement()) {
                s.execute(mode);
            }
            try {
                List<String> actual = rows(blueshift, sql);
                for (int r = 0; r < expected.size(); r++) {
                    assertEquals(expected.get(r), actual.get(r), mode + ": row " + r + " of " + sql);
                }
                assertEquals(expected.size(), actual.size(), mode);
            } finally {
                try (Statement s = blueshift.createStatement()) {
                    s.execute("reset max_parallel_workers_per_gather");
                    s.execute("reset query_memory_limit");
                }
            }
        }
    }

    /**
     * Under a 2 MB limit the window spills its partitions, or without PARTITION BY its rows in
     * window order, says so in EXPLAIN ANALYZE, and leaves no file behind.
     */
    @Test
    void aWindowPastItsLimitSpillsAndLeavesNoFile() throws Exception {
        try (Statement s = blueshift.createStatement()) {
            s.execute("set query_memory_limit = '2MB'");
            String plan = String.join("\n", JdbcTestBase.rows(s.executeQuery(
                    "explain analyze select i, sum(x) over (partition by g order by i) from w")));
            String sorted = String.join("\n", JdbcTestBase.rows(s.executeQuery(
                    "explain analyze select i, sum(x) over (order by i) from w")));
            // a function that fails half-way through rows sorted on disk: 22014, and its files go too
            JdbcTestBase.sqlError("22014", () -> rows(blueshift, "select i, row_number() over (order by i),"
                    + " ntile(0) over (order by x, i) from w"));
            s.execute("reset query_memory_limit");
            assertTrue(plan.contains("(spilled: "), plan);
            assertTrue(sorted.contains("(spilled in window order: 40000 rows, "), sorted);
            assertEquals(List.of("40000"), rows(blueshift, "select count(*) from w"));
        }
        Path spill = dir.resolve("db").resolve("spill");
        try (Stream<Path> files = Files.list(spill)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
