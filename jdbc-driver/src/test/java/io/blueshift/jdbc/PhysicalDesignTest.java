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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redshift's DISTSTYLE, DISTKEY, SORTKEY and ENCODE: kept, reported, and acted on by VACUUM and storage. */
class PhysicalDesignTest {
    private static final Pattern SKIPPED = Pattern.compile("chunks read=(\\d+) skipped=(\\d+)");

    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestBase.rows(s.executeQuery(sql));
    }

    private static int[] chunks(Statement s, String sql) throws SQLException {
        Matcher m = SKIPPED.matcher(String.join("\n", rows(s, "explain analyze " + sql)));
        int[] out = new int[2];
        while (m.find()) {
            out[0] += Integer.parseInt(m.group(1));
            out[1] += Integer.parseInt(m.group(2));
        }
        return out;
    }

    private static long files(Path dir, String sub) throws Exception {
        try (Stream<Path> f = Files.list(dir.resolve(sub))) {
            return f.count();
        }
    }

    @Test
    void designIsKeptReportedAndCheckedAcrossReopening(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table sales (id bigint encode delta, region varchar(10) encode bytedict distkey, "
                    + "day date encode az64, amount numeric(12,2) encode raw, note text encode zstd) "
                    + "compound sortkey (day, id)");
            s.execute("create table lookup (k int sortkey, v text) diststyle all");
            s.execute("create table plain (k int)");
            JdbcTestBase.sqlError("22023", () -> s.execute("create table bad (a int encode text255)"));
            JdbcTestBase.sqlError("22023", () -> s.execute("create table bad (a text encode delta)"));
            JdbcTestBase.sqlError("22023", () -> s.execute("create table bad (a int encode nosuch)"));
            JdbcTestBase.sqlError("42703", () -> s.execute("create table bad (a int) sortkey (b)"));
            JdbcTestBase.sqlError("42703", () -> s.execute("create table bad (a int) distkey (b)"));
            JdbcTestBase.sqlError("22023", () -> s.execute("create table bad (a int) diststyle even distkey (a)"));
            JdbcTestBase.sqlError("22023", () -> s.execute("create table bad (a int) diststyle key"));
            JdbcTestBase.sqlError("42601", () -> s.execute("create table bad (a int) diststyle sideways"));
            JdbcTestBase.sqlError("2BP01", () -> s.execute("alter table sales drop column day"));
            JdbcTestBase.sqlError("2BP01", () -> s.execute("alter table sales drop column region"));
            s.execute("alter table plain alter diststyle key distkey k");
            s.execute("alter table plain alter interleaved sortkey (k)");
            s.execute("alter table lookup alter column v encode text255");
            s.execute("alter table sales rename column id to sale_id");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(List.of("lookup|ALL|k|1", "plain|KEY(k)|INTERLEAVED(k)|1", "sales|KEY(region)|day|2"),
                    rows(s, "select \"table\", diststyle, sortkey1, sortkey_num from svv_table_info order by 1"));
            assertEquals(List.of("sale_id|bigint|delta|f|2|f", "region|character varying(10)|bytedict|t|0|f",
                            "day|date|az64|f|1|f", "amount|numeric(12,2)|raw|f|0|f", "note|text|zstd|f|0|f"),
                    rows(s, "select \"column\", type, encoding, distkey, sortkey, notnull from pg_table_def where tablename = 'sales'"));
            assertEquals(List.of("k|-1", "v|0"), rows(s, "select \"column\", sortkey from pg_catalog.pg_table_def where tablename in ('plain', 'lookup') "
                    + "and (tablename = 'plain' or \"column\" = 'v') order by 1"));
            assertEquals(List.of("text255"), rows(s, "select encoding from pg_table_def where tablename = 'lookup' and \"column\" = 'v'"));
        }
    }

    @Test
    void vacuumSortsByTheSortKeySoZoneMapsPrune(@TempDir Path dir) throws Exception {
        String url = "jdbc:blueshift:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table events (id bigint encode delta, day date, kind text encode bytedict, v int encode raw) sortkey (day)");
            // ten inserts whose days interleave: every chunk spans the whole range until VACUUM sorts
            for (int k = 0; k < 10; k++) {
                s.execute("insert into events select g * 10 + " + k + ", date '2024-01-01' + ((g * 7 + " + k + ") % 365), "
                        + "'k' || (g % 3), g from (select row_number() over () as g from (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) a, "
                        + "(values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) b, (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) c) t");
            }
            String q = "select count(*), sum(v) from events where day between date '2024-03-01' and date '2024-03-07'";
            List<String> answer = rows(s, q);
            assertEquals(0, chunks(s, q)[1]);
            assertEquals(List.of("100.00|10"), rows(s, "select unsorted, chunks from svv_table_info where \"table\" = 'events'"));
            long segmentsBefore = files(dir, "segments");
            s.execute("set history_retention = '0 seconds'");
            s.execute("vacuum events");
            assertEquals(List.of("0.00|1"), rows(s, "select unsorted, chunks from svv_table_info where \"table\" = 'events'"));
            assertEquals(answer, rows(s, q));
            assertEquals(List.of("delta|delta", "auto|rle", "bytedict|dict", "raw|plain"),
                    rows(s, "select encoding, stored_encodings from svv_column_storage where \"table\" = 'events'"));
            // the old versions and the ten segments only they used are gone
            assertEquals(1, files(dir, "log"));
            assertTrue(files(dir, "segments") < segmentsBefore, "segments " + files(dir, "segments") + " of " + segmentsBefore);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table big sortkey (day) as select id, day, v from events union all select id + 10000, day, v from events "
                    + "union all select id + 20000, day, v from events union all select id + 30000, day, v from events "
                    + "union all select id + 40000, day, v from events union all select id + 50000, day, v from events "
                    + "union all select id + 60000, day, v from events union all select id + 70000, day, v from events");
            String q = "select count(*) from big where day >= date '2024-12-20'";
            int[] read = chunks(s, q);
            assertEquals(List.of("2", "0.00"), rows(s, "select chunks, unsorted from svv_table_info where \"table\" = 'big'")
                    .getFirst().lines().flatMap(l -> Stream.of(l.split("\\|"))).toList());
            assertEquals(1, read[0], "chunks read");
            assertEquals(1, read[1], "chunks skipped");
            assertEquals(rows(s, "select count(*) from big where day + 0 >= date '2024-12-20'"), rows(s, q));
            s.execute("insert into big select * from big where day < date '2024-01-05'");
            assertEquals(List.of("33.33"), rows(s, "select unsorted from svv_table_info where \"table\" = 'big'"));
            // DELETE ONLY compacts without sorting; SORT ONLY sorts
            s.execute("vacuum delete only big");
            assertEquals(List.of("100.00|2"), rows(s, "select unsorted, chunks from svv_table_info where \"table\" = 'big'"));
            s.execute("vacuum sort only");
            assertEquals(List.of("0.00|2"), rows(s, "select unsorted, chunks from svv_table_info where \"table\" = 'big'"));
            JdbcTestBase.sqlError("42P01", () -> s.execute("vacuum nosuch"));
            JdbcTestBase.sqlError("42601", () -> s.execute("vacuum sort events"));
        }
    }
}
