package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/** The server as pgJDBC, the driver of most JVM BI tools, uses it. */
class PgJdbcTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(PgServer.Auth.SCRAM);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create user bob2 password 'pw'");
            s.execute("create user carl password 'pw'");
            s.execute("create table items (id int primary key, name varchar(20), price decimal(10,2), qty bigint,"
                    + " ratio double precision, ok boolean, day date, at timestamp, note text)");
            s.execute("insert into items values (1, 'apple', 1.25, 10, 0.5, true, '2024-01-02', '2024-01-02 03:04:05.5', 'red'),"
                    + " (2, 'pear', 2.50, 20, 1e-7, false, '1999-12-31', '1999-12-31 23:59:59', null),"
                    + " (3, 'fig', -0.75, -3, 1e20, null, null, null, 'tab\there')");
        }
    }

    /** Every test leaves no connection and no query memory behind. */
    @AfterEach
    void nothingLeaks() throws Exception {
        server.awaitNoConnections();
        assertEquals(0, server.server.connectionCount());
        assertEquals(0, server.queryMemory());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server.log().contains("WARNING")) {
            System.err.println(server.log());
        }
        server.close();
    }

    private static String sqlState(SQLException e) {
        return e.getSQLState();
    }

    @Test
    void explainReturnsThePlanAsRowsOfOneTextColumnNamingColumns() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set max_parallel_workers_per_gather = 0");
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("explain select name, sum(price * qty) from items"
                    + " where day >= date '2000-01-01' group by name order by name desc")) {
                assertEquals("QUERY PLAN", rs.getMetaData().getColumnName(1));
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            assertEquals(List.of("Sort  Key: name DESC NULLS FIRST",
                    "  -> HashAggregate  Group Key: name  Aggregates: sum(price * qty::numeric(18,0))",
                    "    -> Project  name, price * qty::numeric(18,0)",
                    "      -> Filter  day >= DATE '2000-01-01'  Output: name, price, qty",
                    "        -> Scan items  columns: name, price, qty, day  zone filter: day >= DATE '2000-01-01'"), lines);
            List<String> analyzed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("explain analyze select count(*) from items")) {
                while (rs.next()) {
                    analyzed.add(rs.getString(1));
                }
            }
            assertTrue(analyzed.get(0).matches("HashAggregate  Aggregates: count\\(\\*\\)  \\(actual rows=1 batches=1 time=.* ms\\)"),
                    analyzed.toString());
            assertTrue(analyzed.get(analyzed.size() - 1).startsWith("Execution time: "), analyzed.toString());
        }
    }

    @Test
    void simpleQueriesReturnValuesAsPostgresPrintsThem() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, name, price, qty, ratio, ok, day, at, note from items order by id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 9; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            assertEquals(List.of("1|apple|1.25|10|0.5|t|2024-01-02|2024-01-02 03:04:05.5|red",
                    "2|pear|2.50|20|1e-07|f|1999-12-31|1999-12-31 23:59:59|null",
                    "3|fig|-0.75|-3|1e+20|null|null|null|tab\there"), rows);
            assertEquals("int4", rs.getMetaData().getColumnTypeName(1));
            assertEquals("varchar", rs.getMetaData().getColumnTypeName(2));
            assertEquals("numeric", rs.getMetaData().getColumnTypeName(3));
            assertEquals(10, rs.getMetaData().getPrecision(3));
            assertEquals(2, rs.getMetaData().getScale(3));
            assertEquals("timestamp", rs.getMetaData().getColumnTypeName(8));
        }
    }

    /** RowDescription names each column's table and position, so pgJDBC finds them in pg_class and pg_attribute. */
    @Test
    void resultColumnsKnowTheirTable() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select i.id, i.name, i.price * 2 as doubled from items i where id > 0")) {
            PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
            assertEquals("items", md.getBaseTableName(1));
            assertEquals("name", md.getBaseColumnName(2));
            assertEquals("public", md.getBaseSchemaName(2));
            assertEquals("", md.getBaseTableName(3));
            assertEquals(ResultSetMetaData.columnNoNulls, rs.getMetaData().isNullable(1));
            assertEquals(ResultSetMetaData.columnNullable, rs.getMetaData().isNullable(2));
        }
    }

    /** pgJDBC switches a prepared statement to a named server statement with binary results from its 5th run. */
    @Test
    void preparedStatementsGiveTheSameValuesInTextAndBinary() throws Exception {
        try (Connection c = server.connect();
             PreparedStatement p = c.prepareStatement("select id, name, price, qty, ratio, ok, day, at, note from items"
                     + " where id >= ? and name <> ? order by id")) {
            List<List<Object>> first = null;
            for (int run = 0; run < 8; run++) {
                p.setInt(1, 1);
                p.setString(2, "none");
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= 9; i++) {
                            row.add(rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                if (first == null) {
                    first = rows;
                } else {
                    assertEquals(first, rows, "run " + run);
                }
            }
            assertEquals(3, first.size());
            assertEquals(new BigDecimal("1.25"), first.get(0).get(2));
            assertEquals(Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000)), first.get(0).get(7));
            assertEquals(Date.valueOf(LocalDate.of(1999, 12, 31)), first.get(1).get(6));
            assertEquals(1e20, first.get(2).get(4));
        }
    }

    @Test
    void binaryParametersOfEveryTypeBind() throws Exception {
        try (Connection c = server.connect();
             PreparedStatement p = c.prepareStatement("select ? + 1, ? * 2, ? || 'x', ?, ?, ?")) {
            for (int run = 0; run < 7; run++) {
                p.setLong(1, 41L);
                p.setDouble(2, 1.25);
                p.setString(3, "ab");
                p.setBigDecimal(4, new BigDecimal("-12345.678"));
                p.setDate(5, Date.valueOf("2020-02-29"));
                p.setBoolean(6, true);
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42L, rs.getLong(1));
                    assertEquals(2.5, rs.getDouble(2));
                    assertEquals("abx", rs.getString(3));
                    assertEquals(0, new BigDecimal("-12345.678").compareTo(rs.getBigDecimal(4)));
                    assertEquals(Date.valueOf("2020-02-29"), rs.getDate(5));
                    assertTrue(rs.getBoolean(6));
                }
            }
        }
    }

    /** Parameters sent untyped (as node-pg and pgJDBC's stringtype=unspecified do) take their type from where they stand. */
    @Test
    void untypedParametersAreInferred() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "admin");
        p.setProperty("password", "secret");
        p.setProperty("stringtype", "unspecified");
        try (Connection c = DriverManager.getConnection(server.url(), p)) {
            String[][] cases = {{"select count(*) from items where id % ? = 0", "2", "1"},
                {"select count(*) from items where day > ?", "2000-01-01", "1"},
                {"select count(*) from items where ratio between ? and 1", "0.1", "1"},
                {"select id from items order by id limit ?", "2", "2"},
                {"select count(*) from items where name like ?", "%p%", "2"}};
            for (String[] k : cases) {
                try (PreparedStatement ps = c.prepareStatement(k[0])) {
                    ps.setString(1, k[1]);
                    int rows = 0;
                    long last = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            last = rs.getLong(1);
                        }
                    }
                    assertEquals(Long.parseLong(k[2]), k[0].contains("limit") ? rows : last, k[0]);
                }
            }
        }
    }

    @Test
    void fetchSizeWithAutocommitOffReadsInPortions() throws Exception {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                long rows = 0;
                long sum = 0;
                try (ResultSet rs = s.executeQuery("select a.id * 10000 + b.x as v from items a cross join"
                        + " (select row_number() over () as x from items i1, items i2, items i3, items i4, items i5, items i6,"
                        + " items i7, items i8) b")) {
                    while (rs.next()) {
                        rows++;
                        sum += rs.getLong(1);
                    }
                }
                assertEquals(3 * 6561, rows);
                assertEquals(6561L * (10000 + 20000 + 30000) + 3L * 6561 * 6562 / 2, sum);
            }
            c.commit();
        }
    }

    @Test
    void errorsCarrySqlstateAndPositionAndTheConnectionGoesOn() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery("select nosuch from items"));
            assertEquals("42703", sqlState(e));
            assertEquals(8, e.getServerErrorMessage().getPosition());
            assertEquals("22012", sqlState(assertThrows(SQLException.class, () -> s.executeQuery("select 1 / 0"))));
            try (ResultSet rs = s.executeQuery("select count(*) from items")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
        }
    }

    @Test
    void failedTransactionBlocksUntilRollback() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into items values (100, 'tmp', 0, 0, 0, true, null, null, null)");
            assertThrows(SQLException.class, () -> s.execute("select 1 / 0"));
            assertEquals("25P02", sqlState(assertThrows(SQLException.class, () -> s.executeQuery("select 1"))));
            c.rollback();
            try (ResultSet rs = s.executeQuery("select count(*) from items where id = 100")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            c.commit();
        }
    }

    @Test
    void batchedPreparedInsertsAndUpdateCounts() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table batch_target (k int, v varchar(10))");
            try (PreparedStatement p = c.prepareStatement("insert into batch_target values (?, ?)")) {
                for (int i = 0; i < 500; i++) {
                    p.setInt(1, i);
                    p.setString(2, "v" + i);
                    p.addBatch();
                }
                int[] counts = p.executeBatch();
                assertEquals(500, counts.length);
            }
            assertEquals(250, s.executeUpdate("update batch_target set v = 'even' where k % 2 = 0"));
            try (ResultSet rs = s.executeQuery("select count(*), sum(k) from batch_target where v = 'even'")) {
                rs.next();
                assertEquals(250, rs.getInt(1));
                assertEquals(62250, rs.getLong(2));
            }
        }
    }

    @Test
    void cancelStopsARunningQueryWith57014() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table many as select row_number() over () as r from items a, items b, items c, items d, items e,"
                    + " items f");
            CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("select count(*) from many x, many y, many z where x.r + y.r + z.r < 0");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(500);
            s.cancel();
            SQLException e = failure.get(30, TimeUnit.SECONDS);
            assertEquals("57014", e == null ? "finished" : sqlState(e));
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        }
    }

    /** pg_cancel_backend and pg_terminate_backend reach other connections, within Postgres' permissions. */
    @Test
    void backendsCanBeCancelledAndTerminated() throws Exception {
        try (Connection victim = server.connect("carl", "pw"); Connection admin = server.connect();
             Connection other = server.connect("bob2", "pw")) {
            int pid;
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Statement s = other.createStatement()) {
                assertEquals("42501", sqlState(assertThrows(SQLException.class, () -> s.executeQuery("select pg_terminate_backend(" + pid + ")"))));
            }
            try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("select pg_terminate_backend(" + pid + "),"
                    + " pg_cancel_backend(99999999)")) {
                rs.next();
                assertTrue(rs.getBoolean(1));
                assertFalse(rs.getBoolean(2));
            }
            SQLException e = assertThrows(SQLException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    try (Statement s = victim.createStatement()) {
                        s.executeQuery("select 1").close();
                    }
                    Thread.sleep(20);
                }
            });
            assertTrue(e.getSQLState().equals("57P01") || e.getSQLState().startsWith("08"), e.getSQLState());
        }
    }

    /** Only superusers read and write files on the server (COPY from a file, UNLOAD, files in place); COPY FROM STDIN is anyone's. */
    @Test
    void serverFilesNeedASuperuser(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("rows.txt");
        Files.writeString(data, "1|a\n2|b\n");
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table filed (id int, label text)");
        }
        try (Connection c = server.connect("bob2", "pw"); Statement s = c.createStatement()) {
            assertEquals("42501", sqlState(assertThrows(SQLException.class, () -> s.execute("copy filed from '" + data + "'"))));
            assertEquals("42501", sqlState(assertThrows(SQLException.class,
                    () -> s.execute("unload ('select 1') to '" + dir.resolve("out") + "'"))));
            assertEquals("42501", sqlState(assertThrows(SQLException.class,
                    () -> s.executeQuery("select * from read_csv('" + data + "')"))));
            CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
            assertEquals(2, copy.copyIn("COPY filed FROM STDIN WITH (DELIMITER '|')", new StringReader("3|c\n4|d\n")));
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            assertEquals(2, s.executeUpdate("copy filed from '" + data + "'"));
            try (ResultSet rs = s.executeQuery("select count(*) from filed")) {
                rs.next();
                assertEquals(4, rs.getInt(1));
            }
        }
    }

    /** A COPY or UNLOAD cancelled through the wire stops with 57014 and leaves no rows and no files. */
    @Test
    void cancelledCopyAndUnloadLeaveNothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("big.txt");
        try (var out = Files.newBufferedWriter(data)) {
            for (int i = 0; i < 3_000_000; i++) {
                out.write(i + "|row " + i + "\n");
            }
        }
        Path target = dir.resolve("out");
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table big_load (id int, label text)");
            assertEquals("57014", cancelWhileRunning(s, "copy big_load from '" + data + "'"));
            try (ResultSet rs = s.executeQuery("select count(*) from big_load")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
            s.execute("insert into big_load values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g'), (8, 'h')");
            assertEquals("57014", cancelWhileRunning(s, "unload ('select a.id, b.label, c.id as x from big_load a, big_load b,"
                    + " big_load c, big_load d, big_load e, big_load f, big_load g') to '" + target + "'"));
            try (var files = Files.walk(target)) {
                assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
            }
        }
    }

    /** Runs the statement and cancels it until it ends; returns its SQLSTATE ("finished" when it ended first). */
    private static String cancelWhileRunning(Statement s, String sql) throws Exception {
        CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
            try {
                s.execute(sql);
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        while (!run.isDone()) {
            Thread.sleep(20);
            s.cancel();
        }
        SQLException e = run.get();
        return e == null ? "finished" : sqlState(e);
    }

    @Test
    void copyInAndOutThroughCopyManager() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table copied (id int, name text, amount decimal(8,2))");
            CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
            long n = copy.copyIn("COPY copied FROM STDIN WITH (FORMAT csv, HEADER)",
                    new StringReader("id,name,amount\n1,\"a, b\",1.50\n2,,2\n3,\"say \"\"hi\"\"\",\n"));
            assertEquals(3, n);
            n = copy.copyIn("COPY copied (id, name) FROM STDIN", new StringReader("4\ttab\\there\n5\t\\N\n"));
            assertEquals(2, n);
            StringWriter csv = new StringWriter();
            copy.copyOut("COPY (select id, name, amount from copied order by id) TO STDOUT WITH (FORMAT csv)", csv);
            assertEquals("1,\"a, b\",1.50\n2,,2.00\n3,\"say \"\"hi\"\"\",\n4,tab\there,\n5,,\n", csv.toString());
            StringWriter text = new StringWriter();
            copy.copyOut("COPY copied TO STDOUT", text);
            assertTrue(text.toString().contains("4\ttab\\there\t\\N\n"), text.toString());
            // a bad row fails the whole COPY and leaves the table as it was
            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy.copyIn("COPY copied FROM STDIN (FORMAT csv)", new StringReader("6,x,1\n7,y,notanumber\n")));
            assertEquals("22P02", sqlState(e));
            try (ResultSet rs = s.executeQuery("select count(*) from copied")) {
                rs.next();
                assertEquals(5, rs.getInt(1));
            }
        }
    }

    /** COPY's options over the wire: the same checks as COPY from files, and the loader for every format. */
    @Test
    void copyOptionsOverTheWire() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table wire_opts (id int, name text)");
            CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
            String[][] cases = {
                    {"COPY wire_opts FROM STDIN WITH (DELIMITER 'ab')", "22023", "DELIMITER"},
                    {"COPY wire_opts FROM STDIN WITH (FORMAT bogus)", "22023", "FORMAT"},
                    {"COPY wire_opts FROM STDIN WITH (FORMAT csv, HEADER maybe)", "22023", "HEADER"},
                    {"COPY wire_opts FROM STDIN WITH (FORMAT csv, QUOTE ',')", "22023", "QUOTE"},
                    {"COPY wire_opts FROM STDIN WITH (FORMAT text, ESCAPE '!')", "22023", "ESCAPE"},
                    {"COPY wire_opts FROM STDIN WITH (FORMAT binary, DELIMITER ',')", "22023", "DELIMITER"},
                    {"COPY wire_opts FROM STDIN WITH (NOSUCH 1)", "42601", "nosuch"},
                    {"COPY wire_opts FROM STDIN IGNOREHEADER 'x'", "22023", "IGNOREHEADER"},
                    {"COPY wire_opts FROM STDIN MAXERROR -1", "22023", "MAXERROR"},
                    {"COPY wire_opts FROM STDIN CSV DELIMITER ';' DELIMITER ','", "42601", "DELIMITER"},
            };
            for (String[] bad : cases) {
                PSQLException e = assertThrows(PSQLException.class, () -> copy.copyIn(bad[0], new StringReader("1,a\n")), bad[0]);
                assertEquals(bad[1], sqlState(e), bad[0] + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(bad[2]), bad[0] + ": " + e.getMessage());
            }
            PSQLException out = assertThrows(PSQLException.class,
                    () -> copy.copyOut("COPY wire_opts TO STDOUT WITH (FORMAT csv, NULL 'a\nb')", new StringWriter()));
            assertEquals("22023", sqlState(out));
            assertTrue(out.getMessage().contains("NULL"), out.getMessage());
            // the old syntax, an ESCAPE other than the quote, an E'' delimiter
            assertEquals(3, copy.copyIn("COPY wire_opts FROM STDIN WITH CSV HEADER QUOTE AS '''' ESCAPE AS '\\'",
                    new StringReader("id,name\n1,'it\\'s'\n2,''\n3,\n")));
            assertEquals(1, copy.copyIn("COPY wire_opts (id, name) FROM STDIN WITH (DELIMITER E'\\t', NULL 'none')",
                    new StringReader("4\tnone\n")));
            try (ResultSet rs = s.executeQuery("select count(*), count(name), min(name), max(name) from wire_opts")) {
                rs.next();
                assertEquals(4, rs.getInt(1));
                assertEquals(2, rs.getInt(2));
                assertEquals("", rs.getString(3));
                assertEquals("it's", rs.getString(4));
            }
            StringWriter csv = new StringWriter();
            copy.copyOut("COPY (select id, name from wire_opts order by id) TO STDOUT WITH (FORMAT csv, HEADER, NULL 'none',"
                    + " QUOTE '''', ESCAPE '\\')", csv);
            assertEquals("id,name\n1,'it\\'s'\n2,\n3,none\n4,none\n", csv.toString());
            StringWriter text = new StringWriter();
            copy.copyOut("COPY wire_opts (id, name) TO STDOUT WITH DELIMITER '|' NULL AS ''", text);
            assertTrue(text.toString().contains("1|it's\n"), text.toString());
            assertTrue(text.toString().contains("3|\n"), text.toString());
        }
    }

    @Test
    void usersAuthenticateAndOnlySuperusersManageThem() throws Exception {
        assertEquals("28P01", sqlState(assertThrows(SQLException.class, () -> server.connect("admin", "wrong"))));
        assertEquals("28P01", sqlState(assertThrows(SQLException.class, () -> server.connect("nobody", "x"))));
        try (Connection c = server.connect("alice", "wonderland"); Statement s = c.createStatement()) {
            assertEquals("42501", sqlState(assertThrows(SQLException.class, () -> s.execute("create user bob password 'x'"))));
            s.execute("alter user alice password 'looking-glass'");
        }
        assertThrows(SQLException.class, () -> server.connect("alice", "wonderland"));
        try (Connection c = server.connect("alice", "looking-glass"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create user bob password 'builder'");
            assertEquals("42710", sqlState(assertThrows(SQLException.class, () -> s.execute("create user bob password 'y'"))));
        }
        server.connect("bob", "builder").close();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("drop user bob");
        }
        assertThrows(SQLException.class, () -> server.connect("bob", "builder"));
        assertTrue(server.log().contains("password authentication failed for user \"admin\""), server.log());
        // hashes only: the manifest holds no password in clear
        for (Path p : Files.walk(server.directory).filter(Files::isRegularFile).toList()) {
            String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains("looking-glass") || content.contains("wonderland") || content.contains("secret"), p.toString());
        }
    }

    @Test
    void unknownDatabaseIsRefusedWith3D000() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/nodb", "admin", "secret"));
        assertEquals("3D000", sqlState(e));
    }

    @Test
    void parameterStatusFollowsSet() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set application_name = 'report-42'");
            assertEquals("report-42", c.getClientInfo("ApplicationName"));
            try (ResultSet rs = s.executeQuery("show application_name")) {
                rs.next();
                assertEquals("report-42", rs.getString(1));
            }
            assertNull(c.getWarnings());
        }
    }

    @Test
    void manyConcurrentConnections() throws Exception {
        int clients = 200;
        List<Connection> open = new ArrayList<>();
        try {
            List<CompletableFuture<Connection>> connecting = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                connecting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return server.connect();
                    } catch (SQLException e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            for (CompletableFuture<Connection> f : connecting) {
                open.add(f.get(120, TimeUnit.SECONDS));
            }
            List<CompletableFuture<Long>> queries = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Connection c = open.get(i);
                long k = i;
                queries.add(CompletableFuture.supplyAsync(() -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select sum(qty) + " + k + " from items")) {
                        rs.next();
                        return rs.getLong(1);
                    } catch (SQLException e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertEquals(27L + i, queries.get(i).get(120, TimeUnit.SECONDS));
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        server.awaitNoConnections();
        assertEquals(0, server.server.connectionCount());
        assertEquals(0, server.queryMemory());
    }
}
