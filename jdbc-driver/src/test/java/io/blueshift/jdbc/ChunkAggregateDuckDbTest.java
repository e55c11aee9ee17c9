package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A GROUP BY of the column a table was loaded in the order of (TPC-H's lineitem by order key)
 * aggregates each chunk on its own and merges only the groups at the chunks' edges: the same
 * answers as DuckDB in this JVM on two workers, on one thread and under a 2 MB query memory
 * limit, for keys of a few rows and keys over several chunks; and once rows out of order are
 * added, the plan no longer takes that path and the answers stay right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkAggregateDuckDbTest {
    private Connection blueshift;
    private Connection duckdb;

    /** 300,000 rows in order of k (three rows a key) and of g (70,000 rows a key). */
    private static String create(String table, String intDiv) {
        return "create table " + table + " as select i" + intDiv + "3 as k, i" + intDiv + "70000 as g,"
                + " (i * 37) % 1000 as x, case when i % 53 = 0 then null else cast(i % 1013 as numeric(10, 2)) end as d,"
                + " 'v' || (i % 311) as s from generate_series(1, 300000) as t(i)";
    }

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        blueshift = DriverManager.getConnection("jdbc:blueshift:" + dir.resolve("db"));
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        both(create("c", " / "), create("c", " // "));
    }

    @AfterAll
    void close() throws Exception {
        blueshift.close();
        duckdb.close();
    }

    private void both(String blueshiftSql, String duckdbSql) throws Exception {
        try (Statement s = blueshift.createStatement()) {
            s.execute(blueshiftSql);
        }
        try (Statement s = duckdb.createStatement()) {
            s.execute(duckdbSql);
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        return JdbcTestBase.roundedRows(c, sql);
    }

    private String plan(String sql) throws Exception {
        return String.join("\n", rows(blueshift, "explain " + sql));
    }

    private static final String[] MODES = {
        "reset max_parallel_workers_per_gather",
        "set max_parallel_workers_per_gather = 0",
        "set query_memory_limit = '2MB'",
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "select k, count(*), sum(x), avg(d), min(s), max(d), count(d) from c group by k order by k",
        "select g, count(*), sum(x), avg(x), min(d), max(s) from c group by g order by g",
        "select k, sum(x) from c group by k having sum(x) > 2500 order by k",
        "select count(*), sum(n), max(n) from (select k, count(*) as n from c group by k) as t",
    })
    void sameAnswersOnTwoWorkersOnOneAndUnderALimit(String sql) throws Exception {
        assertTrue(plan(sql).contains("HashAggregate per chunk"), plan(sql));
        List<String> expected = rows(duckdb, sql);
        for (String mode : MODES) {
            try (Statement s = blueshift.createStatement()) {
                s.execute(mode);
            }
            try {
                assertEquals(expected, rows(blueshift, sql), mode);
            } finally {
                try (Statement s = blueshift.createStatement()) {
                    s.execute("reset max_parallel_workers_per_gather");
                    s.execute("reset query_memory_limit");
                }
            }
        }
    }

    /** Deleted rows keep the chunks' order; a row of a low key appended after them ends it. */
    @Test
    void rowsDeletedOrAddedOutOfOrder() throws Exception {
        both(create("m", " / "), create("m", " // "));
        String sql = "select k, count(*), sum(x), min(d) from m group by k order by k";
        both("delete from m where k % 10 = 0", "delete from m where k % 10 = 0");
        assertTrue(plan(sql).contains("HashAggregate per chunk"), plan(sql));
        assertEquals(rows(duckdb, sql), rows(blueshift, sql));
        both("insert into m values (7, 0, 5, 1.5, 'w'), (99999, 0, 6, 2.5, 'w')",
                "insert into m values (7, 0, 5, 1.5, 'w'), (99999, 0, 6, 2.5, 'w')");
        assertFalse(plan(sql).contains("HashAggregate per chunk"), plan(sql));
        assertEquals(rows(duckdb, sql), rows(blueshift, sql));
    }
}
