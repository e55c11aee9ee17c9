package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Parameters of every type, NULLs, metadata, and batches (including a million-row load). */
class PreparedStatementTest extends JdbcTestBase {
    private static final String TABLE = "create table t (b boolean, s smallint, i int, l bigint, r real, d double precision,"
            + " n numeric(10,2), v varchar(20), dt date, tm time, ts timestamp, tz timestamptz)";
    private static final String INSERT = "insert into t values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Test
    void everySetterRoundTrips() throws Exception {
        exec(TABLE);
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            ps.setBoolean(1, true);
            ps.setShort(2, (short) 3);
            ps.setInt(3, 42);
            ps.setLong(4, 1L << 40);
            ps.setFloat(5, 1.25f);
            ps.setDouble(6, 0.5);
            ps.setBigDecimal(7, new BigDecimal("12.34"));
            ps.setString(8, "it's");
            ps.setDate(9, Date.valueOf("2023-12-31"));
            ps.setTime(10, Time.valueOf("23:59:58"));
            ps.setTimestamp(11, Timestamp.valueOf("2023-12-31 23:59:58.25"));
            ps.setObject(12, OffsetDateTime.parse("2023-12-31T23:59:58+02:00"));
            assertEquals(1, ps.executeUpdate());
            ps.setObject(1, Boolean.FALSE);
            ps.setByte(2, (byte) -1);
            ps.setObject(3, 7);
            ps.setObject(4, 8L);
            ps.setObject(5, 2.5f, Types.REAL);
            ps.setObject(6, "1.5", Types.DOUBLE);
            ps.setObject(7, 3, Types.NUMERIC);
            ps.setCharacterStream(8, new StringReader("stream"));
            ps.setObject(9, LocalDate.of(2000, 1, 1));
            ps.setObject(10, LocalTime.of(1, 2, 3));
            ps.setObject(11, LocalDateTime.of(2000, 1, 1, 1, 2, 3));
            ps.setObject(12, Instant.parse("2000-01-01T00:00:00Z"));
            assertEquals(1, ps.executeUpdate());
            for (int i = 1; i <= 12; i++) {
                ps.setNull(i, Types.NULL);
            }
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals(List.of(
                "f|-1|7|8|2.5|1.5|3.00|stream|2000-01-01|01:02:03|2000-01-01 01:02:03|2000-01-01 00:00:00+00",
                "t|3|42|1099511627776|1.25|0.5|12.34|it's|2023-12-31|23:59:58|2023-12-31 23:59:58.25|2023-12-31 21:59:58+00",
                "null|null|null|null|null|null|null|null|null|null|null|null"),
                query("select * from t order by i nulls last"));
    }

    @Test
    void queryParametersAndMetadata() throws Exception {
        exec("create table t (id int, name varchar(10), price numeric(8,2))",
                "insert into t values (1, 'a', 1.50), (2, 'b', 2.50), (3, 'c', null)");
        try (PreparedStatement ps = conn.prepareStatement("select name, price from t where id >= ? and name <> ? order by id")) {
            ResultSetMetaData md = ps.getMetaData();
            assertEquals(2, md.getColumnCount());
            assertEquals("varchar", md.getColumnTypeName(1));
            assertEquals("numeric", md.getColumnTypeName(2));
            ParameterMetaData pmd = ps.getParameterMetaData();
            assertEquals(2, pmd.getParameterCount());
            assertEquals(Types.INTEGER, pmd.getParameterType(1));
            ps.setInt(1, 2);
            ps.setString(2, "x");
            assertEquals(List.of("b|2.50", "c|null"), rows(ps.executeQuery()));
            ps.setInt(1, 1);
            ps.setString(2, "b");
            assertEquals(List.of("a|1.50", "c|null"), rows(ps.executeQuery()));
            ps.clearParameters();
            sqlError("22023", ps::executeQuery);
            sqlError("22023", () -> ps.setInt(3, 1));
            sqlError("42809", () -> ps.executeQuery("select 1"));
        }
        try (PreparedStatement ps = conn.prepareStatement("insert into t values (?, '?', ?)")) {
            assertEquals(2, ps.getParameterMetaData().getParameterCount(), "a ? inside quotes is text");
            assertNull(ps.getMetaData());
        }
    }

    @Test
    void questionMarksInsideLiteralsNamesCommentsAndDollarQuotesAreNotParameters() throws Exception {
        exec("create table q (id int, v varchar)");
        String sql = "insert into q /* ? /* nested ? */ ? */ values (?, E'it\\'s ?' || '?' || $$?$$ || $t$?$t$) -- ?\n";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            assertEquals(1, ps.getParameterMetaData().getParameterCount());
            ps.setInt(1, 7);
            assertEquals(1, ps.executeUpdate());
        }
        try (PreparedStatement ps = conn.prepareStatement("select v, \"?\" from (select v, id as \"?\" from q) s where \"?\" = ?")) {
            assertEquals(1, ps.getParameterMetaData().getParameterCount());
            ps.setInt(1, 7);
            assertEquals(List.of("it's ????|7"), rows(ps.executeQuery()));
        }
    }

    @Test
    void unsupportedSettersSay0A000() throws Exception {
        exec("create table t (a int)");
        try (PreparedStatement ps = conn.prepareStatement("select a from t where a = ?")) {
            assertThrows(SQLFeatureNotSupportedException.class, () -> ps.setBytes(1, new byte[] {1}));
            assertThrows(SQLFeatureNotSupportedException.class, () -> ps.setArray(1, null));
        }
    }

    @Test
    void batchInsert() throws Exception {
        exec("create table t (id int, name varchar(10))");
        try (PreparedStatement ps = conn.prepareStatement("insert into t values (?, ?)")) {
            for (int i = 0; i < 5; i++) {
                ps.setInt(1, i);
                ps.setString(2, i % 2 == 0 ? "even" : null);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1, 1, 1}, ps.executeBatch());
            assertArrayEquals(new int[0], ps.executeBatch());
        }
        assertEquals(List.of("5|3|10"), query("select count(*), count(name), sum(id) from t"));
    }

    @Test
    void batchErrorCarriesTheSqlState() throws Exception {
        exec("create table t (id int not null)");
        try (PreparedStatement ps = conn.prepareStatement("insert into t values (?)")) {
            ps.setInt(1, 1);
            ps.addBatch();
            ps.setNull(1, Types.INTEGER);
            ps.addBatch();
            sqlError("23502", ps::executeBatch);
        }
    }

    /** Loads a million rows of four columns in batches of 10,000, reads them back, and prints both rates. */
    @Test
    void millionRowBatchLoad() throws Exception {
        exec("create table big (id bigint, qty int, price numeric(12,2), label varchar(16))");
        int rows = 1_000_000;
        int batch = 10_000;
        long start = System.nanoTime();
        try (PreparedStatement ps = conn.prepareStatement("insert into big values (?, ?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setInt(2, i % 100);
                ps.setBigDecimal(3, BigDecimal.valueOf(i % 10_000, 2));
                ps.setString(4, "item" + (i % 1000));
                ps.addBatch();
                if ((i + 1) % batch == 0) {
                    ps.executeBatch();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "JDBC batch load: %,d rows in %.2f s (%,.0f rows/s)%n", rows, seconds, rows / seconds);
        assertEquals(List.of("1000000|49500000|499999500000"), query("select count(*), sum(qty), sum(id) from big"));

        start = System.nanoTime();
        long ids = 0;
        long qty = 0;
        long labels = 0;
        BigDecimal price = BigDecimal.ZERO;
        try (var s = conn.createStatement(); var rs = s.executeQuery("select id, qty, price, label from big")) {
            while (rs.next()) {
                ids += rs.getLong(1);
                qty += rs.getInt(2);
                price = price.add(rs.getBigDecimal(3));
                labels += rs.getString(4).length();
            }
        }
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "JDBC read: %,d rows in %.2f s (%,.0f rows/s)%n", rows, seconds, rows / seconds);
        assertEquals(499_999_500_000L, ids);
        assertEquals(49_500_000L, qty);
        assertEquals(new BigDecimal("49995000.00"), price);
        assertEquals(6_890_000L, labels);
    }
}
