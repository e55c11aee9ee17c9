package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a table as of a version or a time, its history, its change feed, and RESTORE. */
class TimeTravelTest {
    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    private static long version(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select max(version) from svv_table_history where \"table\" = 't'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyKeptVersionReadsAsItWasCommitted(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        long created;
        long inserted;
        long updated;
        long deleted;
        String before;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table t (id int, v text)");
            created = version(s);
            s.execute("insert into t values (1, 'a'), (2, 'b'), (3, 'c')");
            inserted = version(s);
            try (ResultSet rs = s.executeQuery("select max(committed_at) from svv_table_history where \"table\" = 't'")) {
                rs.next();
                before = rs.getString(1);
            }
            Thread.sleep(5);
            s.execute("update t set v = 'B' where id = 2");
            updated = version(s);
            s.execute("delete from t where id = 1");
            deleted = version(s);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(List.of("2|B", "3|c"), rows(s, "select * from t order by id"));
            assertEquals(List.of(), rows(s, "select * from t version as of " + created));
            assertEquals(List.of("1|a", "2|b", "3|c"), rows(s, "select * from t version as of " + inserted + " order by id"));
            assertEquals(List.of("1|a", "2|B", "3|c"), rows(s, "select * from \"t@v" + updated + "\" order by id"));
            assertEquals(List.of("1|a", "2|b", "3|c"), rows(s, "select * from t timestamp as of '" + before + "' order by id"));
            // a join of two versions: what the update changed
            assertEquals(List.of("2|b|B"), rows(s, "select o.id, o.v, n.v from t version as of " + inserted + " o join t version as of "
                    + updated + " n on o.id = n.id where o.v <> n.v"));
            assertEquals(List.of(created + "|CREATE TABLE|0|0|0", inserted + "|INSERT|3|0|3", updated + "|UPDATE|1|1|3",
                    deleted + "|DELETE|0|1|2"), rows(s, "select version, operation, rows_added, rows_removed, tbl_rows "
                    + "from svv_table_history where \"table\" = 't' order by version"));
            assertEquals(List.of("1|a|insert|" + inserted, "2|b|insert|" + inserted, "3|c|insert|" + inserted,
                            "2|b|update_preimage|" + updated, "2|B|update_postimage|" + updated, "1|a|delete|" + deleted),
                    rows(s, "select id, v, _change_type, _commit_version from table_changes('t', " + inserted + ") "
                            + "order by _commit_version, _change_type = 'update_postimage', id"));
            assertEquals(List.of("1"), rows(s, "select count(*) from table_changes('public.t', " + deleted + ", " + deleted + ")"));
            JdbcTestBase.sqlError("22023", () -> rows(s, "select * from t version as of 999"));
            JdbcTestBase.sqlError("22023", () -> rows(s, "select * from t timestamp as of '1999-01-01 00:00:00'"));
            JdbcTestBase.sqlError("42P01", () -> rows(s, "select * from \"nosuch@v" + inserted + "\""));
            JdbcTestBase.sqlError("22023", () -> rows(s, "select * from table_changes('t', 5, 2)"));

            s.execute("restore table t to version " + updated);
            assertEquals(List.of("1|a", "2|B", "3|c"), rows(s, "select * from t order by id"));
            assertEquals(List.of("RESTORE|1|0|3"), rows(s, "select operation, rows_added, rows_removed, tbl_rows from svv_table_history "
                    + "where \"table\" = 't' order by version desc limit 1"));
            s.execute("restore table t to timestamp '" + before + "'");
            assertEquals(List.of("1|a", "2|b", "3|c"), rows(s, "select * from t order by id"));
            s.execute("alter table t add column w int");
            JdbcTestBase.sqlError("0A000", () -> s.execute("restore table t to version " + inserted));
            JdbcTestBase.sqlError("42601", () -> s.execute("restore table t version 3"));

            // VACUUM with no retention forgets every earlier version
            s.execute("set history_retention = '0 seconds'");
            s.execute("vacuum t");
            JdbcTestBase.sqlError("22023", () -> rows(s, "select * from t version as of " + inserted));
            assertEquals(List.of("1|a|null", "2|b|null", "3|c|null"), rows(s, "select * from t order by id"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table t (a int)");
            JdbcTestBase.sqlError("0A000", () -> rows(s, "select * from t version as of 1"));
        }
    }
}
