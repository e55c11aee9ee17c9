package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database directory keeps its committed schemas, tables, views and rows across closing and reopening. */
class PersistenceTest extends JdbcTestBase {
    private static final List<String> CHECKS = List.of(
            "select * from public.all_types order by id",
            "select count(*), sum(n), min(s), max(s), count(distinct s) from big",
            "select * from sales.v order by 1",
            "select * from sales.renamed order by 1",
            "select * from emptied",
            "select conname, contype from pg_constraint where conrelid in ('uq'::regclass, 'pkn'::regclass) order by 1");

    private static Map<String, List<String>> answers(String url) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : CHECKS) {
                out.put(q, rows(s.executeQuery(q)));
            }
            out.put("tables", rows(c.getMetaData().getTables(null, null, "%", null)));
            out.put("columns", rows(c.getMetaData().getColumns(null, "sales", "renamed", "%")));
        }
        return out;
    }

    private static void build(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table all_types (id int primary key, b boolean, si smallint, i int, bi bigint, r real, d double precision, "
                    + "n numeric(12,2), w numeric(30,5), c char(3), vc varchar(10), t text, dt date, tm time, ts timestamp, "
                    + "tz timestamptz, iv interval)");
            s.execute("insert into all_types values (1, true, 1, 2, 3, 1.5, 2.25, 12.34, 123456789012345678901.12345, 'ab', 'xyz', 'text é', "
                    + "'2024-02-29', '12:34:56.789', '2024-01-01 10:00:00.123456', '2024-01-01 10:00:00+02', '1 year 2 days 3 hours')");
            s.execute("insert into all_types (id) values (2)");
            s.execute("insert into all_types values (3, false, -1, -2, -3, -1.5, -2.25, -12.34, -1.5, '', '', '', '0001-01-01', "
                    + "'00:00:00', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00', '-1 day')");
            s.execute("create table big (n bigint not null, s text)");
            try (PreparedStatement p = c.prepareStatement("insert into big values (?, ?)")) {
                for (int i = 0; i < 50_000; i++) {
                    p.setLong(1, i * 7L % 1000);
                    p.setString(2, i % 3 == 0 ? null : "s" + i % 500);
                    p.addBatch();
                }
                p.executeBatch();
            }
            s.execute("insert into big select n + 1, s from big where n < 10");
            s.execute("create schema sales");
            s.execute("create table sales.orders (id int, amount numeric(10,2) default 0, note text)");
            s.execute("insert into sales.orders (id, note) values (1, 'first'), (2, null)");
            s.execute("alter table sales.orders add column region text default 'eu'");
            s.execute("alter table sales.orders drop column note");
            s.execute("alter table sales.orders rename column amount to total");
            s.execute("alter table sales.orders rename to renamed");
            s.execute("create view sales.v as select id, region from sales.renamed where id > 1");
            s.execute("create table uq (a int unique, b int, constraint uq_b unique (b))");
            s.execute("insert into uq values (1, 1)");
            s.execute("create table pkn (a int constraint pkn_named primary key)");
            s.execute("create table emptied as select * from big");
            s.execute("truncate emptied");
            s.execute("create table dropped (a int)");
            s.execute("insert into dropped values (1)");
            s.execute("drop table dropped");
        }
    }

    @Test
    void everyCommittedStatementSurvivesReopening(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        Map<String, List<String>> before;
        try (Connection c = DriverManager.getConnection(url)) {
            build(c);
            before = answers(url);
        }
        assertEquals(List.of("1|t|1|2|3|1.5|2.25|12.34|123456789012345678901.12345|ab |xyz|text é|2024-02-29|12:34:56.789|"
                        + "2024-01-01 10:00:00.123456|2024-01-01 08:00:00+00|1 year 2 days 03:00:00",
                "2|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null",
                "3|f|-1|-2|-3|-1.5|-2.25|-12.34|-1.50000|   |||0001-01-01|00:00:00|1970-01-01 00:00:00|1970-01-01 00:00:00+00|-1 days"),
                before.get(CHECKS.get(0)));
        assertEquals(List.of("2|eu"), before.get(CHECKS.get(2)));
        assertEquals(List.of("pkn_named|p", "uq_a_key|u", "uq_b|u"), before.get(CHECKS.get(5)));
        for (int reopen = 0; reopen < 2; reopen++) {
            assertEquals(before, answers(url));
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            sqlError("42P01", () -> s.executeQuery("select * from dropped"));
            sqlError("42P01", () -> s.execute("analyze nosuch"));
            sqlError("42P01", () -> s.execute("analyze sales.v"));
            s.execute("analyze verbose sales.renamed");
            s.execute("analyze");
            sqlError("23505", () -> s.execute("insert into all_types (id) values (1)"));
            sqlError("23505", () -> s.execute("insert into uq values (1, 2)"));
            sqlError("2BP01", () -> s.execute("drop index uq_b"));
            s.execute("insert into sales.renamed (id) values (3)");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(List.of("3|0.00|eu"), rows(s.executeQuery("select * from sales.renamed where id = 3")));
        }
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void aCorruptSegmentFailsItsQueriesWithXx001AndTheRestKeepsWorking(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table good (a int)");
            s.execute("insert into good values (1), (2)");
        }
        List<Path> existing = segments(dir);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table bad (a int, b text)");
            s.execute("insert into bad values (1, 'one'), (2, 'two')");
        }
        List<Path> added = new ArrayList<>(segments(dir));
        added.removeAll(existing);
        assertEquals(1, added.size());
        try (FileChannel f = FileChannel.open(added.getFirst(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            f.read(one, 12);
            one.put(0, (byte) ~one.get(0)).rewind();
            f.write(one, 12);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            SQLException e = sqlError("XX001", () -> rows(s.executeQuery("select sum(a) from bad")));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            assertEquals(List.of("3"), rows(s.executeQuery("select sum(a) from good")));
            s.execute("insert into good values (3)");
            assertEquals(List.of("6"), rows(s.executeQuery("select sum(a) from good")));
        }
    }

    @Test
    void aSecondProcessCannotOpenADirectoryInUse(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table t (a int)");
            assertEquals("55006", otherProcessOpens(url));
        }
        assertEquals("ok", otherProcessOpens(url));
    }

    /** Opens the URL in a child JVM and returns what it printed: "ok" or the SQLSTATE it failed with. */
    private static String otherProcessOpens(String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--") || a.startsWith("-Darrow") || a.startsWith("-XX:+Enable")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenDatabase.class.getName(), url));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String[] lines = out.split("\n");
        return lines[lines.length - 1].strip();
    }

    /** The child process of {@link #aSecondProcessCannotOpenADirectoryInUse}. */
    public static final class OpenDatabase {
        public static void main(String[] args) {
            try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
                s.executeQuery("select count(*) from t").close();
                System.out.println("ok");
            } catch (SQLException e) {
                System.out.println(e.getSQLState());
            }
        }
    }
}
