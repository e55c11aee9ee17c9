package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database directory read through a buffer pool with no room (every column it reads is evicted
 * as soon as nothing holds it) answers as it does with room for everything: current rows, earlier
 * versions, the change feed, a transaction's snapshot while another session commits, and the
 * table after VACUUM rewrote it.
 */
class BufferPoolEvictionTest {
    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A table of several chunks and four versions: inserted, updated, deleted from, inserted into. */
    private static List<Long> build(String url) throws SQLException {
        List<Long> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table t (id int, v bigint, s text)");
            s.execute("insert into t select g, g * 3, 'k' || (g % 100) from generate_series(1, 300000) as x(g)");
            versions.add(scalar(s, "select max(version) from svv_table_history where \"table\" = 't'"));
            s.execute("update t set v = -v where id % 10 = 0");
            versions.add(scalar(s, "select max(version) from svv_table_history where \"table\" = 't'"));
            s.execute("delete from t where id % 7 = 0");
            versions.add(scalar(s, "select max(version) from svv_table_history where \"table\" = 't'"));
            s.execute("insert into t select g, g, 'late' from generate_series(300001, 310000) as x(g)");
            versions.add(scalar(s, "select max(version) from svv_table_history where \"table\" = 't'"));
        }
        return versions;
    }

    /** What the checks answer on a fresh open of {@code url}, with a second session committing mid-way. */
    private static Map<String, List<String>> answers(String url, List<Long> versions) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String summary = "select count(*), sum(v), min(s), max(s), count(distinct s) from t";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             Connection other = DriverManager.getConnection(url); Statement o = other.createStatement()) {
            out.put("now", rows(s, summary));
            for (long v : versions) {
                out.put("v" + v, rows(s, summary + " version as of " + v));
                out.put("changes " + v, rows(s, "select _change_type, count(*), sum(v) from table_changes('t', " + v + ", " + v
                        + ") group by 1 order by 1"));
            }
            out.put("join", rows(s, "select count(*), sum(n.v - o.v) from t version as of " + versions.get(0) + " o join t n on o.id = n.id"));
            // a snapshot read twice around another session's commit
            c.setAutoCommit(false);
            out.put("snapshot", rows(s, summary));
            o.execute("update t set v = 0 where id < 1000");
            out.put("snapshot again", rows(s, summary));
            c.commit();
            c.setAutoCommit(true);
            out.put("after commit", rows(s, summary));
            s.execute("vacuum t");
            out.put("after vacuum", rows(s, summary));
            out.put("earlier after vacuum", rows(s, summary + " version as of " + versions.get(1)));
            out.put("pool", rows(s, "select budget_bytes = 0, held_bytes, evictions > 0, used_bytes = 0 from svv_buffer_pool"));
        }
        return out;
    }

    @Test
    void aPoolWithNoRoomAnswersAsOneWithRoomForEverything(@TempDir Path dir) throws SQLException {
        String roomy = "jdbc:blueshift:" + dir.resolve("roomy");
        String tight = "jdbc:blueshift:" + dir.resolve("tight");
        List<Long> versions = build(roomy);
        assertEquals(versions, build(tight));
        Map<String, List<String>> expected = answers(roomy + "?buffer_pool_size=1GB", versions);
        Map<String, List<String>> actual = answers(tight + "?buffer_pool_size=0", versions);
        assertEquals(List.of("f|0|f|f"), expected.remove("pool"), "nothing evicted with room");
        assertEquals(List.of("t|0|t|t"), actual.remove("pool"),
                "columns evicted and read again, none held, none kept once the queries are done");
        assertEquals(expected, actual);
        assertEquals(expected.get("snapshot"), expected.get("snapshot again"), "the snapshot does not see the other commit");
        assertTrue(!expected.get("snapshot").equals(expected.get("after commit")));
        assertEquals(expected.get("after commit"), expected.get("after vacuum"));
    }
}
