package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** UNLOAD writes files other tools read: DuckDB reads them back here. */
class UnloadTest {
    @TempDir
    Path dir;

    private static List<String> rows(Statement s, String sql) throws SQLException {
        return TestRows.rows(s, sql);
    }


    /** The chunks the scans of an EXPLAIN ANALYZE skipped, over all of a parallel scan's workers. */
    private static int skipped(String plan) {
        Matcher m = Pattern.compile("chunks read=\\d+ skipped=(\\d+)").matcher(plan);
        int skipped = 0;
        while (m.find()) {
            skipped += Integer.parseInt(m.group(1));
        }
        return skipped;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> f = Files.walk(dir)) {
            return f.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void fill(Statement s) throws SQLException {
        s.execute("create table sales (id int, region varchar(10), amount decimal(10,2), day date, note text, ok boolean)");
        s.execute("insert into sales values (1, 'north', 10.50, '2024-01-01', 'plain', true), (2, 'south', -3.25, '2024-01-02', 'a, \"quoted\" note', false),"
                + " (3, 'north', 7.00, null, null, null), (4, null, 1.00, '2023-12-31', 'line\nbreak', true)");
    }

    @Test
    void csvWithHeaderAndGzipReadsBackInDuckDb() throws Exception {
        Path out = dir.resolve("csv");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            fill(s);
            s.execute("unload ('select id, region, amount, day, note, ok from sales where id > 0 order by id') to '" + out
                    + "' format as csv header gzip");
            assertEquals(4, s.getUpdateCount());
        }
        List<Path> written = files(out);
        assertEquals(1, written.size());
        assertTrue(written.getFirst().getFileName().toString().endsWith(".csv.gz"), written.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertEquals(List.of("1|north|10.50|2024-01-01|plain|true", "2|south|-3.25|2024-01-02|a, \"quoted\" note|false",
                    "3|north|7.00|null|null|null", "4|null|1.00|2023-12-31|line\nbreak|true"),
                    rows(s, "select id, region, amount::decimal(10,2), day, note, ok from read_csv('" + out + "/*.csv.gz', header = true)"
                            + " order by id"));
        }
    }

    @Test
    void partitionByWritesHiveFolders() throws Exception {
        Path out = dir.resolve("parts");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            fill(s);
            s.execute("unload ('select id, amount, region from sales') to '" + out + "' csv header partition by (region)");
        }
        List<String> folders = files(out).stream().map(p -> out.relativize(p).getParent().toString()).distinct().toList();
        assertEquals(List.of("region=__HIVE_DEFAULT_PARTITION__", "region=north", "region=south"), folders);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertEquals(List.of("north|2|17.50", "south|1|-3.25"), rows(s, "select region, count(*), sum(amount)::decimal(10,2) from read_csv('"
                    + out + "/*/*.csv', header = true, hive_partitioning = true) where region <> '__HIVE_DEFAULT_PARTITION__'"
                    + " group by region order by region"));
        }
        // the partition column is in the folder names, not in the files
        for (Path f : files(out)) {
            assertEquals("id,amount", Files.readAllLines(f).getFirst());
        }
    }

    @Test
    void aFullTargetNeedsAllowOverwriteAndAFailedQueryWritesNothing() throws Exception {
        Path out = dir.resolve("full");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            fill(s);
            s.execute("unload ('select id from sales') to '" + out + "'");
            assertEquals("58P02", assertThrows(SQLException.class,
                    () -> s.execute("unload ('select id from sales') to '" + out + "'")).getSQLState());
            s.execute("unload ('select id * 10 from sales where id < 3') to '" + out + "' allowoverwrite");
            List<Path> written = files(out);
            assertEquals(1, written.size());
            assertEquals("10\n20\n", Files.readString(written.getFirst()));
            Path failed = dir.resolve("failed");
            assertEquals("22012", assertThrows(SQLException.class,
                    () -> s.execute("unload ('select 10 / (id - 3) from sales') to '" + failed + "'")).getSQLState());
            assertFalse(files(failed).stream().findAny().isPresent(), "no file of a failed UNLOAD is left");
        }
    }

    /** Parquet both ways: DuckDB reads what UNLOAD wrote (partitioned), and COPY loads what DuckDB wrote. */
    @Test
    void parquetUnloadAndCopyAgreeWithDuckDb() throws Exception {
        Path out = dir.resolve("pq");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            fill(s);
            s.execute("unload ('select * from sales') to '" + out + "' format parquet partition by (region) include");
        }
        assertTrue(files(out).stream().allMatch(p -> p.toString().endsWith(".parquet")), files(out).toString());
        Path fromDuck = dir.resolve("duck.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertEquals(List.of("1|north|10.50|2024-01-01|plain|true", "2|south|-3.25|2024-01-02|a, \"quoted\" note|false",
                    "3|north|7.00|null|null|null", "4|null|1.00|2023-12-31|line\nbreak|true"),
                    rows(s, "select id, region, amount, day, note, ok from read_parquet('" + out + "/*/*.parquet', hive_partitioning = false)"
                            + " order by id"));
            s.execute("copy (select i as id, 'r' || (i % 3) as region, (i * 1.25)::decimal(10,2) as amount, date '2024-01-01' + i::integer as day,"
                    + " case when i % 5 = 0 then null else 'n' || i end as note, i % 2 = 0 as ok from range(1000) t(i))"
                    + " to '" + fromDuck + "' (format parquet)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table sales (id int, region varchar(10), amount decimal(10,2), day date, note text, ok boolean)");
            s.execute("copy sales from '" + fromDuck + "' format as parquet");
            assertEquals(1000, s.getUpdateCount());
            assertEquals(List.of("1000|624375.00|200|2026-09-26|500"), rows(s,
                    "select count(*), sum(amount), count(*) - count(note), max(day), sum(case when ok then 1 else 0 end) from sales"));
        }
    }

    /**
     * read_parquet queries files in place: the same rows DuckDB reads, joined with a table, and a
     * filter on a Hive partition column skips the other partitions' files without opening them.
     */
    @Test
    void readParquetQueriesFilesInPlace() throws Exception {
        Path out = dir.resolve("lake");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("copy (select i as id, 2020 + i % 3 as year, 'item ' || i as label, (i * 0.5)::decimal(10,2) as price"
                    + " from range(3000) t(i)) to '" + out + "' (format parquet, partition_by (year))");
            s.execute("copy (select i as id from range(20000) t(i) order by i) to '" + dir.resolve("ids.parquet")
                    + "' (format parquet, row_group_size 2048)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table wanted (id bigint)");
            s.execute("insert into wanted values (3), (4), (2999)");
            assertEquals(List.of("3000|2249250.00|2022"), rows(s, "select count(*), sum(price), max(year) from read_parquet('" + out + "/*/*.parquet')"));
            assertEquals(List.of("3|item 3|2020", "4|item 4|2021", "2999|item 2999|2022"), rows(s, "select p.id, p.label, p.year"
                    + " from read_parquet('" + out + "/*/*.parquet') p join wanted w on p.id = w.id order by p.id"));
            String plan = String.join("\n", rows(s, "explain analyze select count(*) from read_parquet('" + out + "/*/*.parquet')"
                    + " where year = 2021"));
            assertEquals(2, skipped(plan), plan);
            assertEquals(List.of("1000"), rows(s, "select count(*) from read_parquet('" + out + "/*/*.parquet') where year = 2021"));
            // a filter on a file column skips the files whose footer statistics rule it out
            String byId = String.join("\n", rows(s, "explain analyze select count(*) from read_parquet('" + out + "/*/*.parquet')"
                    + " where id > 5000"));
            assertEquals(3, skipped(byId), byId);
            // inside a file, row groups are skipped by their own statistics
            String inFile = String.join("\n", rows(s, "explain analyze select count(*) from read_parquet('" + dir.resolve("ids.parquet")
                    + "') where id >= 18000"));
            assertTrue(skipped(inFile) >= 7, inFile);
            assertEquals(List.of("2000"), rows(s, "select count(*) from read_parquet('" + dir.resolve("ids.parquet") + "') where id >= 18000"));
            assertEquals(List.of("0"), rows(s, "select count(*) from read_parquet('" + out + "/*/*.parquet') where id > 5000"));
            // the same files as a Spectrum external table, joined with a local table and pruned by partition
            s.execute("create external schema spectrum from data catalog database 'lake' iam_role 'arn:aws:iam::1:role/x'");
            s.execute("create external table spectrum.items (id bigint, label varchar(20), price decimal(10,2))"
                    + " partitioned by (year int) stored as parquet location '" + out + "/'");
            assertEquals(List.of("4|item 4|2021|2.00"), rows(s, "select i.id, i.label, i.year, i.price from spectrum.items i"
                    + " join wanted w on i.id = w.id where i.year = 2021"));
            String pruned = String.join("\n", rows(s, "explain analyze select count(*) from spectrum.items where year = 2022"));
            assertEquals(2, skipped(pruned), pruned);
            assertEquals(List.of("spectrum|items|" + out + "|org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"),
                    rows(s, "select schemaname, tablename, location, input_format from svv_external_tables"));
            assertEquals(List.of("id|bigint", "label|character varying(20)", "price|numeric(10,2)", "year|bigint"),
                    rows(s, "select columnname, external_type from svv_external_columns where tablename = 'items' order by columnnum"));
            assertEquals(List.of("spectrum"), rows(s, "select schemaname from svv_external_schemas"));
        }
    }

    /** read_csv and TEXTFILE external tables read delimited files in place, Hive partitions included. */
    @Test
    void readCsvAndTextfileExternalTables() throws Exception {
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "id,name,city\n1,\"Smith, Ann\",Oslo\n2,Bo,\n3,Cy,Rome\n");
        Path lake = dir.resolve("logs");
        Files.createDirectories(lake.resolve("day=1"));
        Files.createDirectories(lake.resolve("day=2"));
        Files.writeString(lake.resolve("day=1/part-0.txt"), "1|open|0.5\n2|close|1.5\n");
        Files.writeString(lake.resolve("day=2/part-0.txt"), "3|open|2.5\n");
        Files.writeString(lake.resolve("day=2/_SUCCESS"), "");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            assertEquals(List.of("1|Smith, Ann|Oslo", "2|Bo|", "3|Cy|Rome"), rows(s, "select id, name, city from read_csv('" + csv
                    + "', header => true) order by id"));
            assertEquals(List.of("6"), rows(s, "select sum(cast(id as int)) from read_csv('" + csv + "', header = true)"));
            s.execute("create external schema lake from data catalog database 'x'");
            s.execute("create external table lake.events (id int, action varchar(10), cost decimal(6,2)) partitioned by (day int)"
                    + " row format delimited fields terminated by '|' stored as textfile location '" + lake + "'");
            assertEquals(List.of("1|open|0.50|1", "2|close|1.50|1", "3|open|2.50|2"), rows(s, "select * from lake.events order by id"));
            assertEquals(List.of("1|2.50"), rows(s, "select count(*), sum(cost) from lake.events where day = 2"));
            String plan = String.join("\n", rows(s, "explain analyze select count(*) from lake.events where day = 2"));
            assertEquals(1, skipped(plan), plan);
        }
    }
}
