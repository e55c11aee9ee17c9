package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.bzip2.BZip2HadoopStreams;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY table FROM files with Redshift's options; bulk results are checked against DuckDB's read_csv. */
class CopyFromFilesTest {
    @TempDir
    Path dir;

    private static List<String> rows(Statement s, String sql) throws SQLException {
        return TestRows.rows(s, sql);
    }


    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void csvWithHeaderQuotesAndNulls() throws Exception {
        Path csv = write("people.csv", "id,name,score,born\n1,\"Smith, Ann\",1.5,1990-01-31\n2,\"say \"\"hi\"\"\",,\n"
                + "3,\"two\nlines\",2.25,2000-02-29\n4,,3,\n5,\"\",4,1980-12-01\n");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table people (id int, name varchar(20), score decimal(6,2), born date)");
            s.execute("copy people from '" + csv + "' format csv ignoreheader 1");
            assertEquals(5, s.getUpdateCount());
            assertEquals(List.of("1|Smith, Ann|1.50|1990-01-31", "2|say \"hi\"|null|null", "3|two\nlines|2.25|2000-02-29",
                    "4||3.00|null", "5||4.00|1980-12-01"), rows(s, "select * from people order by id"));
            s.execute("truncate people");
            // EMPTYASNULL: an unquoted empty string field is NULL; a quoted one stays empty
            s.execute("copy people from '" + csv + "' csv ignoreheader as 1 emptyasnull");
            assertEquals(List.of("4|null", "5|"), rows(s, "select id, name from people where id >= 4 order by id"));
        }
    }

    @Test
    void delimitedCompressedFilesByGlobWithTrailingDelimiters() throws Exception {
        String a = "1|apple|2024-01-02 03:04:05|\n2|pear|2024-02-03 00:00:00|\n";
        String b = "3|fig|\\N|\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("part-1.tbl.gz")))) {
            out.write(a.getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(dir.resolve("part-2.tbl.zst")))) {
            out.write(b.getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = new BZip2HadoopStreams().createOutputStream(
                Files.newOutputStream(dir.resolve("part-3.tbl.bz2")))) {
            out.write("4|plum|2024-03-04 05:06:07.123456|\n".getBytes(StandardCharsets.UTF_8));
        }
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table fruit (id bigint, name text, picked timestamp)");
            s.execute("copy fruit from '" + dir.resolve("part-*") + "' delimiter '|'");
            assertEquals(List.of("1|apple|2024-01-02 03:04:05", "2|pear|2024-02-03 00:00:00", "3|fig|null",
                    "4|plum|2024-03-04 05:06:07.123456"), rows(s, "select id, name, picked from fruit order by id"));
            // a prefix, as with S3 keys, reads the same files
            s.execute("copy fruit from '" + dir.resolve("part-") + "'");
            assertEquals("8", rows(s, "select count(*) from fruit").getFirst());
        }
    }

    @Test
    void rejectedRowsGoToStlLoadErrorsAndMaxErrorDecides() throws Exception {
        Path f = write("bad.txt", "1|10|2020-01-01\n2|x|2020-01-02\n3|30|2020-02-30\n4|40|2020-01-04\n5|50\n");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table t (id int, n int, d date)");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("copy t from '" + f + "' maxerror 2"));
            assertEquals("22P04", e.getSQLState());
            assertTrue(e.getMessage().contains("stl_load_errors"), e.getMessage());
            assertEquals("0", rows(s, "select count(*) from t").getFirst());
            s.execute("copy t from '" + f + "' maxerror 3");
            assertEquals(List.of("1|10|2020-01-01", "4|40|2020-01-04"), rows(s, "select * from t order by id"));
            List<String> errors = rows(s, "select line_number, colname, raw_field_value, err_code from stl_load_errors"
                    + " where filename = '" + f + "' order by query, line_number");
            assertEquals(List.of("2|n|x|22P02", "3|d|2020-02-30|22008", "5|null|null|22P04",
                    "2|n|x|22P02", "3|d|2020-02-30|22008", "5|null|null|22P04"), errors);
        }
    }

    @Test
    void formatsTruncationAndInvalidCharacters() throws Exception {
        Path f = dir.resolve("misc.txt");
        byte[] bad = "1,03/15/2021,1700000000,abcdefghij,caf\u00e9\n2,12/31/1999,0,ok,x\n".getBytes(StandardCharsets.UTF_8);
        byte[] withInvalid = new byte[bad.length + 1];
        System.arraycopy(bad, 0, withInvalid, 0, bad.length - 2);
        withInvalid[bad.length - 2] = (byte) 0xFF; // not UTF-8
        withInvalid[bad.length - 1] = 'x';
        withInvalid[bad.length] = '\n';
        Files.write(f, withInvalid);
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table m (id int, d date, t timestamp, short varchar(4), word text)");
            // with no MAXERROR the first rejected row fails the COPY with its own SQLSTATE, as in Postgres
            SQLException e = assertThrows(SQLException.class, () -> s.execute("copy m from '" + f + "' delimiter ','"
                    + " dateformat 'MM/DD/YYYY' timeformat 'epochsecs'"));
            assertEquals("22001", e.getSQLState());
            assertTrue(e.getMessage().contains("line 1, column short"), e.getMessage());
            s.execute("copy m from '" + f + "' delimiter ',' dateformat 'MM/DD/YYYY' timeformat 'epochsecs'"
                    + " truncatecolumns acceptinvchars '?'");
            assertEquals(List.of("1|2021-03-15|2023-11-14 22:13:20|abcd|caf\u00e9", "2|1999-12-31|1970-01-01 00:00:00|ok|?x"),
                    rows(s, "select * from m order by id"));
        }
    }

    @Test
    void copyIsOneTransaction() throws Exception {
        Path f = write("one.txt", "1\n2\n3\n");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table k (id int primary key)");
            c.setAutoCommit(false);
            s.execute("copy k from '" + f + "'");
            assertEquals("3", rows(s, "select count(*) from k").getFirst());
            c.rollback();
            assertEquals("0", rows(s, "select count(*) from k").getFirst());
            c.setAutoCommit(true);
            s.execute("copy k from '" + f + "'");
            assertEquals("23505", assertThrows(SQLException.class, () -> s.execute("copy k from '" + f + "'")).getSQLState());
            assertEquals("3", rows(s, "select count(*) from k").getFirst());
            assertEquals("58P01", assertThrows(SQLException.class, () -> s.execute("copy k from '" + dir.resolve("nothing*")
                    + "'")).getSQLState());
        }
    }

    /** A UNIQUE constraint of CREATE or ALTER TABLE holds for COPY as for INSERT: the whole COPY fails with 23505. */
    @Test
    void copyChecksUniqueConstraints() throws Exception {
        Path f = write("pairs.txt", "1,a\n2,b\n3,a\n");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table uq (id int unique, code varchar(5))");
            s.execute("copy uq from '" + f + "' delimiter ','");
            SQLException again = assertThrows(SQLException.class, () -> s.execute("copy uq from '" + f + "' delimiter ','"));
            assertEquals("23505", again.getSQLState());
            assertTrue(again.getMessage().startsWith("duplicate key value violates unique constraint \"uq_id_key\"\n"
                    + "  Detail: Key (id)=("), again.getMessage());
            s.execute("delete from uq");
            s.execute("alter table uq add constraint uq_code unique (code)");
            assertEquals("23505", assertThrows(SQLException.class,
                    () -> s.execute("copy uq from '" + f + "' delimiter ','")).getSQLState());
            assertEquals("0", rows(s, "select count(*) from uq").getFirst());
        }
    }

    /** A file of many ranges, parsed in parallel: the same rows as DuckDB's read_csv of the same file. */
    @Test
    void largeFileMatchesDuckDb() throws Exception {
        Path f = dir.resolve("big.csv");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400_000; i++) {
            sb.append(i).append(',').append(i % 977).append('.').append(String.format(Locale.ROOT, "%02d", i % 100)).append(',')
                    .append(i % 3 == 0 ? "\"q, " + i + "\"" : "w" + i).append(',').append(1 + i % 28 < 10 ? "2020-01-0" : "2020-01-")
                    .append(1 + i % 28).append('\n');
        }
        Files.writeString(f, sb);
        assertTrue(Files.size(f) > 8 << 20, "more than one range");
        String check = "select count(*), sum(id), sum(amount), count(distinct label), min(day), max(day), sum(length(label)) from big";
        List<String> mine;
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table big (id bigint, amount decimal(12,2), label varchar(30), day date)");
            s.execute("copy big from '" + f + "' csv");
            mine = rows(s, check);
        }
        List<String> duck;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("create table big as select * from read_csv('" + f + "', header = false,"
                    + " columns = {'id': 'BIGINT', 'amount': 'DECIMAL(12,2)', 'label': 'VARCHAR', 'day': 'DATE'})");
            duck = rows(s, check);
        }
        assertEquals(duck, mine);
    }

    @Test
    void jsonAutoMatchesKeysToColumns() throws Exception {
        Path f = write("events.json", "{\"ID\": 1, \"kind\": \"click\", \"at\": \"2024-05-01 10:00:00\", \"meta\": {\"x\": [1, 2]}}\n"
                + "{\"id\": 2, \"kind\": null, \"extra\": true}\n"
                + "{\"id\": \"three\", \"kind\": \"bad\"}\n"
                + "{\"id\": 4,\n \"kind\": \"multi-line\", \"at\": \"2024-05-02 11:30:00\"}\n");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table events (id int, kind varchar(20), at timestamp, meta text)");
            s.execute("copy events from '" + f + "' format as json 'auto' maxerror 1");
            assertEquals(List.of("1|click|2024-05-01 10:00:00|{\"x\":[1,2]}", "2|null|null|null", "4|multi-line|2024-05-02 11:30:00|null"),
                    rows(s, "select * from events order by id"));
            assertEquals(List.of("3|id|three|22P02"), rows(s, "select line_number, colname, raw_field_value, err_code from stl_load_errors"
                    + " where filename = '" + f + "'"));
        }
    }

    /** A cancel stops a COPY with 57014 and the table keeps none of its rows. */
    @Test
    void cancelledCopyLoadsNothing() throws Exception {
        Path f = dir.resolve("long.txt");
        try (var out = Files.newBufferedWriter(f)) {
            for (int i = 0; i < 3_000_000; i++) {
                out.write(i + "|row " + i + "|2024-01-01\n");
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table long_load (id int, label text, d date)");
            assertEquals("57014", cancelledWhileRunning(s, "copy long_load from '" + f + "'"));
            assertEquals("0", rows(s, "select count(*) from long_load").getFirst());
        }
    }

    /** Every bad option value gives its SQLSTATE and names the option, before the file is looked at. */
    @Test
    void badOptionsNameTheOption() throws Exception {
        Path f = write("ok.csv", "1,a\n");
        String[][] cases = {
                {"ignoreheader 'x'", "22023", "IGNOREHEADER"},
                {"ignoreheader -1", "22023", "IGNOREHEADER"},
                {"maxerror 'lots'", "22023", "MAXERROR"},
                {"maxerror -5", "22023", "MAXERROR"},
                {"delimiter 'ab'", "22023", "DELIMITER"},
                {"csv quote 'ab'", "22023", "QUOTE"},
                {"format as xml", "22023", "FORMAT"},
                {"csv format as json", "22023", "JSON"},
                {"gzip zstd", "22023", "ZSTD"},
                {"csv escape", "22023", "ESCAPE"},
                {"acceptinvchars 'ab'", "22023", "ACCEPTINVCHARS"},
                {"dateformat '{x}'", "22023", "DATEFORMAT"},
                {"with (format csv, header maybe)", "22023", "HEADER"},
                {"with (format csv, delimiter ',', quote ',')", "22023", "QUOTE"},
                {"nosuchoption", "42601", "nosuchoption"},
                {"with (format csv, nosuchoption 1)", "42601", "nosuchoption"},
                {"delimiter ',' delimiter ','", "42601", "DELIMITER"},
                {"ignoreheader", "42601", "end of input"},
        };
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table o (id int, name text)");
            for (String[] bad : cases) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("copy o from '" + f + "' " + bad[0]), bad[0]);
                assertEquals(bad[1], e.getSQLState(), bad[0] + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(bad[2]), bad[0] + ": " + e.getMessage());
            }
            // read_csv's named arguments are COPY's options, checked the same way
            String[][] readCsv = {
                    {"delim = 'ab'", "22023", "DELIMITER"},
                    {"header = 'perhaps'", "22023", "HEADER"},
                    {"no_such_option = 1", "42601", "no_such_option"},
            };
            for (String[] bad : readCsv) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from read_csv('" + f + "', " + bad[0] + ")"));
                assertEquals(bad[1], e.getSQLState(), bad[0] + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(bad[2]), bad[0] + ": " + e.getMessage());
            }
            s.execute("copy o from '" + f + "' with (format csv, header false, delimiter ',', null 'NULL')");
            assertEquals(List.of("1|a"), rows(s, "select * from o"));
        }
    }

    /** CSV whose ESCAPE is not its quote, in Postgres' form, through the same loader. */
    @Test
    void csvWithAnEscapeCharacter() throws Exception {
        Path f = write("escaped.csv", "id;name\n1;'it\\'s'\n2;'back\\\\slash'\n3;''\n4;\n5;'two\nlines'\n");
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table e (id int, name text)");
            s.execute("copy e from '" + f + "' with (format csv, header, delimiter ';', quote '''', escape '\\', null '')");
            assertEquals(List.of("1|it's", "2|back\\slash", "3|", "4|null", "5|two\nlines"), rows(s, "select * from e order by id"));
        }
    }

    /** Postgres' binary COPY format from a file: every type family decoded by its column's type, NULLs, and a bad file. */
    @Test
    void binaryFilesLoadThroughTheSameLoader() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(8);
        out.writeInt(4);
        out.writeInt(1);
        byte[] name = "h\u00e9".getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.writeInt(12); // numeric 12.50: digits 12 and 5000, weight 0, scale 2
        out.writeShort(2);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(2);
        out.writeShort(12);
        out.writeShort(5000);
        out.writeInt(4);
        out.writeInt((int) (LocalDate.of(2024, 2, 29).toEpochDay() - 10_957));
        out.writeInt(8);
        out.writeLong(LocalDateTime.of(2024, 2, 29, 12, 34, 56).toEpochSecond(ZoneOffset.UTC) * 1_000_000L
                + 500_000 - 946_684_800_000_000L);
        out.writeInt(1);
        out.writeByte(1);
        out.writeInt(8);
        out.writeLong(9_000_000_000L);
        out.writeInt(8);
        out.writeDouble(-0.25);
        out.writeShort(8);
        out.writeInt(4);
        out.writeInt(2);
        for (int i = 0; i < 7; i++) {
            out.writeInt(-1);
        }
        out.writeShort(-1);
        Path f = dir.resolve("rows.bin");
        Files.write(f, bytes.toByteArray());
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, Arrays.copyOf(bytes.toByteArray(), 40));
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table b (id int, name varchar(5), amount decimal(8,2), day date, at timestamp, ok boolean, big bigint,"
                    + " ratio double precision)");
            assertEquals(2, s.executeUpdate("copy b from '" + f + "' with (format binary)"));
            assertEquals(List.of("1|h\u00e9|12.50|2024-02-29|t|t|9000000000|-0.25", "2|null|null|null|null|null|null|null"),
                    rows(s, "select id, name, amount, day, at = timestamp '2024-02-29 12:34:56.5', ok, big, ratio from b order by id"));
            assertEquals("22P04", assertThrows(SQLException.class, () -> s.execute("copy b from '" + bad + "' format binary"))
                    .getSQLState());
            assertEquals("2", rows(s, "select count(*) from b").getFirst());
        }
    }

    private Path writeBytes(String name, byte[]... parts) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            b.writeBytes(part);
        }
        Path p = dir.resolve(name);
        Files.write(p, b.toByteArray());
        return p;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The message of the 22021 that {@code sql} fails with. */
    private static String invalidText(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql));
        assertEquals("22021", e.getSQLState(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void nulAndBytesThatAreNotUtf8Are22021InEveryFormatAndNothingLoads() throws Exception {
        byte[] ff = {(byte) 0xFF};
        Path rawNul = writeBytes("nul.txt", utf8("1|ok\n2|a"), new byte[] {0}, utf8("b\n"));
        Path escapedNul = write("escaped.txt", "1|a\\000b\n");
        Path csv = writeBytes("truncated.csv", utf8("1,ok\n2,\"日"), new byte[] {(byte) 0xE6, (byte) 0x97}, utf8("\"\n"));
        Path json = write("nul.json", "{\"id\": 1, \"w\": \"a\\u0000b\"}\n");
        Path badJson = writeBytes("bad.json", utf8("{\"id\": 1, \"w\": \"ok\"}\n{\"id\": 2, \"w\": \"a"), ff, utf8("\"}\n"));
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bin);
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(2);
        out.writeInt(4);
        out.writeInt(1);
        out.writeInt(3);
        out.write(new byte[] {'a', 0, 'b'});
        out.writeShort(-1);
        Path binary = writeBytes("nul.bin", bin.toByteArray());
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table t (id int, w varchar(10))");
            String nul = "invalid byte sequence for encoding \"UTF8\": 0x00";
            assertTrue(invalidText(s, "copy t from '" + rawNul + "'").contains(nul + " (COPY t, line 2, column w)"));
            assertTrue(invalidText(s, "copy t from '" + escapedNul + "' escape").contains(nul + " (COPY t, line 1, column w)"));
            assertTrue(invalidText(s, "copy t from '" + csv + "' csv").contains("0xe6 0x97 (COPY t, line 2, column w)"));
            assertTrue(invalidText(s, "copy t from '" + json + "' format json 'auto'").contains(nul));
            assertTrue(invalidText(s, "copy t from '" + badJson + "' format json 'auto'")
                    .contains("invalid byte sequence for encoding \"UTF8\": 0xff (COPY t, line 2)"));
            assertTrue(invalidText(s, "copy t from '" + binary + "' format binary").contains(nul));
            assertTrue(invalidText(s, "select * from read_csv('" + csv + "')").contains("0xe6 0x97"));
            assertEquals(List.of("0"), rows(s, "select count(*) from t"));
        }
    }

    @Test
    void acceptInvCharsReplacesEachBadByteAndKeepsTheLength() throws Exception {
        Path f = writeBytes("bad.txt", utf8("1|Ω"), new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("x\n2|a"), new byte[] {0},
                utf8("b\n3|日"), new byte[] {(byte) 0xE6, (byte) 0x97}, utf8("\n"));
        Path json = writeBytes("bad.json", utf8("{\"id\": 4, \"w\": \"a"), new byte[] {(byte) 0xC3}, utf8("\"}\n"));
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bin);
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(2);
        out.writeInt(4);
        out.writeInt(5);
        out.writeInt(4);
        out.write(new byte[] {'a', 0, (byte) 0xFF, 'b'});
        out.writeShort(-1);
        Path binary = writeBytes("bad.bin", bin.toByteArray());
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:mem:"); Statement s = c.createStatement()) {
            s.execute("create table t (id int, w varchar(10))");
            assertEquals(3, s.executeUpdate("copy t from '" + f + "' acceptinvchars"));
            assertEquals(1, s.executeUpdate("copy t from '" + json + "' format json 'auto' acceptinvchars as '^'"));
            // binary COPY and Parquet take ACCEPTINVCHARS too (Redshift documents it for every format that reads text)
            assertEquals(1, s.executeUpdate("copy t from '" + binary + "' format binary acceptinvchars as '#'"));
            s.execute("create table pq (id int, w varchar(10))");
            s.execute("insert into pq values (6, 'ok')");
            Path parquet = dir.resolve("pq");
            s.execute("unload ('select * from pq') to '" + parquet + "/' format parquet");
            assertEquals(1, s.executeUpdate("copy t from '" + parquet + "/' format parquet acceptinvchars"));
            assertEquals(List.of("1|Ω??x|4", "2|a?b|3", "3|日??|3", "4|a^|2", "5|a##b|4", "6|ok|2"),
                    rows(s, "select id, w, length(w) from t order by id"));
        }
    }

    /**
     * On a database directory a COPY writes its chunks to one segment file as it parses them (so
     * its memory does not grow with the file), and that file is what the commit references: one new
     * segment per COPY, none left behind by a COPY that fails, is rolled back or is cancelled, and
     * the rows (split by slice for DISTSTYLE KEY) read back the same after reopening.
     */
    @Test
    void copyIntoADatabaseDirectoryStreamsToOneSegmentAndLeavesNothingWhenItFails() throws Exception {
        Path f = dir.resolve("many.txt");
        try (var out = Files.newBufferedWriter(f)) {
            for (int i = 0; i < 1_200_000; i++) {
                out.write(i + "|row " + (i % 1000) + "|2024-01-" + String.format(Locale.ROOT, "%02d", 1 + i % 28) + "\n");
            }
        }
        Path bad = write("bad.txt", "1|a|2024-01-01\n2|b|not a date\n");
        Path db = dir.resolve("db");
        Path segments = db.resolve("segments");
        String expected = "1200000|719999400000|1000|2024-01-01|2024-01-28";
        String check = "select count(*), sum(id), count(distinct label), min(d), max(d) from ";
        long before;
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:" + db); Statement s = c.createStatement()) {
            s.execute("create table even_t (id bigint, label text, d date)");
            s.execute("create table key_t (id bigint, label text, d date) diststyle key distkey (id)");
            before = segmentFiles(segments);
            assertEquals("1200000", s.executeUpdate("copy even_t from '" + f + "'") + "");
            assertEquals(before + 1, segmentFiles(segments), "one segment file, written as the COPY loads");
            long held = ((BlueshiftConnection) c).session().database().memoryPool().used();
            assertTrue(held < 4 << 20, "the loaded rows are on disk, not held in memory: " + held + " bytes held");
            assertEquals(1_200_000, s.executeUpdate("copy key_t from '" + f + "'"));
            assertEquals(before + 2, segmentFiles(segments));
            assertEquals(List.of(expected), rows(s, check + "even_t"));
            assertEquals(List.of(expected), rows(s, check + "key_t"));
            assertEquals(List.of("1200000"), rows(s, "select count(*) from even_t e join key_t k on e.id = k.id and e.d = k.d"));

            assertEquals("22007", assertThrows(SQLException.class, () -> s.execute("copy even_t from '" + bad + "'")).getSQLState());
            assertEquals(before + 2, segmentFiles(segments), "a failed COPY leaves no file behind");
            c.setAutoCommit(false);
            s.execute("copy key_t from '" + f + "'");
            assertEquals(List.of("2400000"), rows(s, "select count(*) from key_t"));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(List.of("1200000"), rows(s, "select count(*) from key_t"));
            assertEquals(before + 2, segmentFiles(segments), "the rolled-back COPY's file is deleted with the rollback");

            // a COPY of no rows writes no file and leaves no statistics that would say "no distinct values"
            Path empty = write("empty.txt", "");
            s.execute("create table later_t (id bigint, label text, d date)");
            assertEquals(0, s.executeUpdate("copy later_t from '" + empty + "'"));
            assertEquals(before + 2, segmentFiles(segments));
            s.executeUpdate("copy later_t from '" + f + "'");
            long labels = ((BlueshiftConnection) c).session().catalog().findSchema("public").table("later_t").data().distinctCount(1);
            assertTrue(Math.abs(labels - 1000) <= 20, "distinct labels " + labels);
            s.execute("drop table later_t");

            assertEquals("57014", cancelledWhileRunning(s, "copy even_t from '" + f + "'"));
            assertEquals(List.of(expected), rows(s, check + "even_t"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:blueshift:" + db); Statement s = c.createStatement()) {
            // the COPY into the empty table left its statistics (kept with the commit), so the planner reads no column to estimate
            Map<Integer, Long> ndv = ((BlueshiftConnection) c).session().catalog().findSchema("public").table("even_t").data()
                    .knownStatistics().distinctCounts();
            assertEquals(3, ndv.size(), ndv.toString());
            assertTrue(Math.abs(ndv.get(1) - 1000) <= 20 && ndv.get(2) == 28 && Math.abs(ndv.get(0) - 1_200_000) <= 24_000, ndv.toString());
            assertEquals(List.of(expected), rows(s, check + "even_t"));
            assertEquals(List.of(expected), rows(s, check + "key_t"));
            assertEquals(List.of("1200000"), rows(s, "select count(*) from even_t e join key_t k on e.id = k.id and e.d = k.d"));
        }
        assertTrue(segmentFiles(segments) <= before + 3, "only the committed segments are left");
    }

    /** Runs {@code sql} on another thread and cancels it until it ends: its SQLSTATE, or "finished". */
    private static String cancelledWhileRunning(Statement s, String sql) throws Exception {
        CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
            try {
                s.execute(sql);
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        while (!run.isDone()) {
            s.cancel();
            Thread.sleep(5);
        }
        SQLException e = run.get();
        return e == null ? "finished" : e.getSQLState();
    }

    private static long segmentFiles(Path segments) throws Exception {
        try (var files = Files.list(segments)) {
            return files.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }
}
