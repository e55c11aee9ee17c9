package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UPDATE and DELETE through JDBC: parameters, update counts, deletion vectors on disk, VACUUM, concurrent readers. */
class UpdateDeleteTest {
    private static List<String> rows(Statement s, String sql) throws Exception {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    @Test
    void changesPersistAndVacuumDropsDeletedRows(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table acct (id int, owner text, balance numeric(12,2))");
            try (PreparedStatement p = c.prepareStatement("insert into acct values (?, ?, ?)")) {
                for (int i = 0; i < 10_000; i++) {
                    p.setInt(1, i);
                    p.setString(2, "o" + i % 100);
                    p.setBigDecimal(3, BigDecimal.valueOf(i, 2));
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("update acct set balance = balance + ? where owner = ?")) {
                p.setBigDecimal(1, new BigDecimal("1000.00"));
                p.setString(2, "o7");
                assertEquals(100, p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("delete from acct where id % 10 = ?")) {
                p.setInt(1, 0);
                assertEquals(1000, p.executeUpdate());
            }
            assertEquals(0, s.executeUpdate("delete from acct where id < 0"));
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            // the 100 rows of o7 (ids ending in 7, none deleted) gained 1000 each
            assertEquals(List.of("9000"), rows(s, "select count(*) from acct"));
            assertEquals(List.of("100|10000000.00"), rows(s, "select count(*), sum(balance) * 100 - sum(id) from acct where owner = 'o7'"));
            String before = String.join(",", rows(s, "select count(*), sum(id), sum(balance) from acct"));
            s.execute("set history_retention = '0 seconds'");
            s.execute("vacuum acct");
            assertEquals(before, String.join(",", rows(s, "select count(*), sum(id), sum(balance) from acct")));
            assertEquals(List.of("1"), rows(s, "select chunks from svv_table_info where \"table\" = 'acct'"));
            try (var files = Files.list(dir.resolve("segments"))) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".del")), "deletion vectors left after VACUUM");
            }
        }
    }

    @Test
    void aReaderKeepsTheVersionItStartedWith() throws Exception {
        try (Connection a = DriverManager.getConnection("jdbc:blueshift:mem:readers");
             Connection b = DriverManager.getConnection("jdbc:blueshift:mem:readers");
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("create table t (x bigint)");
            try (PreparedStatement p = a.prepareStatement("insert into t values (?)")) {
                for (int i = 1; i <= 50_000; i++) {
                    p.setLong(1, i);
                    p.addBatch();
                    if (i % 4096 == 0) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            sb.setFetchSize(100);
            try (ResultSet rs = sb.executeQuery("select x from t")) {
                long seen = 0;
                long sum = 0;
                boolean changed = false;
                while (rs.next()) {
                    seen++;
                    sum += rs.getLong(1);
                    if (!changed) {
                        assertEquals(50000, sa.executeUpdate("update t set x = -x"));
                        sa.executeUpdate("delete from t where x < -10");
                        changed = true;
                    }
                }
                assertEquals(50000, seen);
                assertEquals(50000L * 50001 / 2, sum);
            }
            assertEquals(List.of("10|-55"), rows(sb, "select count(*), sum(x) from t"));
        }
    }
}
