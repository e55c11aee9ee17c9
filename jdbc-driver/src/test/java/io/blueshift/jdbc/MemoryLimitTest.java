package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database's {@code memory_limit}, the memory its queries hold together: a session's
 * {@code query_memory_limit} defaults to half of it; a query whose own limit is far above it
 * spills once it nears what the queries may hold together, and gives the rows a database without
 * that limit gives; what cannot spill fails with 53200 naming {@code memory_limit}, and the
 * database keeps serving; a {@code memory_limit} that is not a size of 16MB or more is 22023.
 */
class MemoryLimitTest {
    private static final String TABLE = "create table t as select g as id, (cast(g as bigint) * 7919) % 100003 as k, "
            + "'row ' || (g % 977) || repeat('x', g % 40) as label from generate_series(1, 1000000) as x(g)";
    private static final String SORTED = "select k, label, id from t order by label desc, k, id";

    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    @Test
    void queriesShareTheDatabasesMemoryLimit(@TempDir Path dir) throws Exception {
        List<String> expected;
        try (Connection unlimited = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = unlimited.createStatement()) {
            s.execute(TABLE);
            expected = rows(s, SORTED);
        }
        String url = "jdbc:blueshift:" + dir.resolve("db");
        try (Connection c = DriverManager.getConnection(url + "?memory_limit=64MB"); Statement s = c.createStatement()) {
            assertEquals(List.of("32MB"), rows(s, "show query_memory_limit"));
            s.execute(TABLE);
            // its own limit would hold the sort (60 MB of rows) in memory; the database's does not
            s.execute("set query_memory_limit = '8GB'");
            assertEquals(expected, rows(s, SORTED));
            String plan = String.join("\n", rows(s, "explain analyze " + SORTED));
            assertTrue(plan.contains("sorted runs"), plan);

            // a window without PARTITION BY spills its rows in window order
            assertEquals(List.of("1000000"), rows(s, "select max(r) from (select row_number() over (order by label, k, id) as r from t) x"));

            // a string_agg of a million labels holds them all on the heap: 53200, naming the limit the queries share
            SQLException e = JdbcTestBase.sqlError("53200",
                    () -> rows(s, "select length(listagg(label, ',')) from t"));
            assertTrue(e.getMessage().contains("memory_limit of 67108864 bytes"), e.getMessage());
            assertEquals(List.of("1000000"), rows(s, "select count(*) from t"));
        }
        for (String bad : List.of("lots", "1MB")) {
            SQLException refused = JdbcTestBase.sqlError("22023",
                    () -> DriverManager.getConnection("jdbc:blueshift:" + dir.resolve("other") + "?memory_limit=" + bad));
            assertTrue(refused.getMessage().contains("memory_limit"), refused.getMessage());
        }
    }
}
