package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SET query_memory_limit}: an ORDER BY bigger than a quarter of it spills sorted runs, and a
 * GROUP BY past a third of it spills rows to partitions, and a hash join whose build passes a
 * quarter of it joins partition by partition, to {@code spill/} in the database directory,
 * returning what they return in memory, the files gone when the query ends, as does a window
 * without PARTITION BY (its rows sorted on disk); a query that cannot spill (a median holds every
 * value of its group) fails with 53200 naming the limit, and the session keeps serving; values
 * that are not a size are 22023.
 */
class QueryMemoryLimitTest {
    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    private static long spillFiles(Path db) throws Exception {
        Path spill = db.resolve("spill");
        if (!Files.isDirectory(spill)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spill)) {
            return files.count();
        }
    }

    @Test
    void anOrderByPastTheLimitSpillsAndGivesTheSameRows(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:" + db); Statement s = c.createStatement()) {
            s.execute("create table t as select g as id, (cast(g as bigint) * 7919) % 100003 as k, 'row ' || (g % 977) || repeat('x', g % 40) as label "
                    + "from generate_series(1, 400000) as x(g)");
            String query = "select k, label, id from t order by label desc, k, id";
            List<String> inMemory = rows(s, query);
            s.execute("set query_memory_limit = '16MB'");
            assertEquals(List.of("16MB"), rows(s, "show query_memory_limit"));
            assertEquals(inMemory, rows(s, query));
            String plan = String.join("\n", rows(s, "explain analyze " + query));
            assertTrue(plan.contains("sorted runs"), plan);
            assertEquals(0, spillFiles(db), "the spill files go when the query ends");

            // a GROUP BY over 100,003 groups spills the rows of groups past its share to partitions
            s.execute("reset query_memory_limit");
            String grouped = "select k, count(*), sum(id), min(label), count(distinct label) from t group by k order by k";
            List<String> groupedInMemory = rows(s, grouped);
            s.execute("set query_memory_limit = '4MB'");
            assertEquals(groupedInMemory, rows(s, grouped));
            String aggPlan = String.join("\n", rows(s, "explain analyze " + grouped));
            assertTrue(aggPlan.contains("HashAggregate") && aggPlan.contains("spilled: "), aggPlan);
            assertEquals(0, spillFiles(db));

            // a hash join whose build passes its share joins partition by partition (a grace hash join)
            String joined = "select a.k, count(*), sum(b.id) from t a join t b on a.label = b.label and a.id = b.id "
                    + "group by a.k order by a.k";
            s.execute("reset query_memory_limit");
            List<String> joinedInMemory = rows(s, joined);
            // (each of two workers scanning t holds a 64 K-row chunk of it, about 2.5 MB, and its copy)
            s.execute("set query_memory_limit = '16MB'");
            assertEquals(joinedInMemory, rows(s, joined));
            String joinPlan = String.join("\n", rows(s, "explain analyze " + joined));
            assertTrue(joinPlan.contains("HashJoin INNER") && joinPlan.contains("spilled: "), joinPlan);
            assertEquals(0, spillFiles(db));

            // a window without PARTITION BY computes over its rows sorted on disk
            String ranked = "select max(r), sum(r * k) from (select row_number() over (order by label, k, id) as r, k from t) x";
            List<String> rankedInMemory = rows(s, ranked);
            String median = "select median(k) from t";
            List<String> medianInMemory = rows(s, median);
            s.execute("set query_memory_limit = '4MB'");
            assertEquals(rankedInMemory, rows(s, ranked));
            String windowPlan = String.join("\n", rows(s, "explain analyze " + ranked));
            assertTrue(windowPlan.contains("(spilled in window order: 400000 rows"), windowPlan);
            assertEquals(0, spillFiles(db));

            // a median holds every value of its group: 53200 naming the limit, and the session goes on
            // ... while another session keeps answering
            try (Connection other = DriverManager.getConnection("jdbc:blueshift:" + db);
                    Statement o = other.createStatement()) {
                String counts = "select count(*), count(distinct label), sum(k) from t";
                List<String> answer = rows(o, counts);
                CompletableFuture<SQLException> failing = CompletableFuture.supplyAsync(
                        () -> JdbcTestBase.sqlError("53200", () -> rows(s, median)));
                for (int i = 0; i < 5; i++) {
                    assertEquals(answer, rows(o, counts));
                }
                SQLException e = failing.join();
                assertTrue(e.getMessage().contains("limit of 4194304 bytes (query_memory_limit"), e.getMessage());
            }
            assertEquals(0, spillFiles(db));
            s.execute("reset query_memory_limit");
            assertEquals(medianInMemory, rows(s, median));

            JdbcTestBase.sqlError("22023", () -> s.execute("set query_memory_limit = 'plenty'"));
            JdbcTestBase.sqlError("22023", () -> s.execute("set query_memory_limit = '512kB'"));
        }
    }
}
