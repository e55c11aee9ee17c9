package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Interval;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every getter on every type family, NULLs, conversions and their errors, and result metadata. */
class ResultSetGettersTest extends JdbcTestBase {
    @BeforeEach
    void table() throws Exception {
        exec("create table t (b boolean, s smallint, i int, l bigint, r real, d double precision, n numeric(12,3),"
                + " c char(4), v varchar(10), x text, dt date, tm time, ts timestamp, tz timestamptz)",
                "insert into t values (true, 12, 123456, 9000000000, 1.5, 2.25, 1234.567, 'ab', 'hello', 'world',"
                + " date '2024-02-29', time '13:45:06.5', timestamp '2024-02-29 13:45:06.123456',"
                + " '2024-02-29 13:45:06+00')",
                "insert into t values (null, null, null, null, null, null, null, null, null, null, null, null, null, null)");
    }

    private ResultSet first(Statement s) throws Exception {
        ResultSet rs = s.executeQuery("select * from t order by i nulls last");
        assertTrue(rs.next());
        return rs;
    }

    @Test
    void gettersByIndexAndLabel() throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = first(s)) {
            assertTrue(rs.getBoolean(1));
            assertEquals("t", rs.getString("B"));
            assertEquals(12, rs.getShort("s"));
            assertEquals(12, rs.getByte(2));
            assertEquals(123456, rs.getInt("i"));
            assertEquals(9_000_000_000L, rs.getLong("l"));
            assertEquals(1.5f, rs.getFloat("r"));
            assertEquals(2.25, rs.getDouble("d"));
            assertEquals(new BigDecimal("1234.567"), rs.getBigDecimal("n"));
            assertEquals(1234, rs.getInt("n"), "numeric to int truncates toward zero");
            assertEquals("ab  ", rs.getString("c"));
            assertEquals("hello", rs.getString("v"));
            assertArrayEquals("world".getBytes(StandardCharsets.UTF_8), rs.getBytes("x"));
            assertEquals(Date.valueOf("2024-02-29"), rs.getDate("dt"));
            assertEquals(Time.valueOf("13:45:06"), rs.getTime("tm"));
            assertEquals("13:45:06.5", rs.getString("tm"));
            assertEquals(Timestamp.valueOf("2024-02-29 13:45:06.123456"), rs.getTimestamp("ts"));
            assertEquals("2024-02-29 13:45:06.123456", rs.getString("ts"));
            assertEquals(OffsetDateTime.parse("2024-02-29T13:45:06Z").toInstant(), rs.getTimestamp("tz").toInstant());
            assertEquals("2024-02-29 13:45:06+00", rs.getString("tz"));
            assertEquals("1.5", rs.getString("r"));
            assertEquals(2.25, rs.getBigDecimal("d").doubleValue());
            assertFalse(rs.wasNull());
        }
    }

    @Test
    void getObjectNaturalAndRequestedTypes() throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = first(s)) {
            assertEquals(Boolean.TRUE, rs.getObject(1));
            assertEquals(12, rs.getObject(2), "smallint is an Integer, as JDBC maps it");
            assertEquals(123456, rs.getObject(3));
            assertEquals(9_000_000_000L, rs.getObject(4));
            assertEquals(1.5f, rs.getObject(5));
            assertEquals(2.25, rs.getObject(6));
            assertEquals(new BigDecimal("1234.567"), rs.getObject(7));
            assertEquals(Date.valueOf("2024-02-29"), rs.getObject("dt"));
            assertEquals(Timestamp.class, rs.getObject("ts").getClass());
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("dt", LocalDate.class));
            assertEquals(LocalTime.of(13, 45, 6, 500_000_000), rs.getObject("tm", LocalTime.class));
            assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 6, 123_456_000), rs.getObject("ts", LocalDateTime.class));
            assertEquals(OffsetDateTime.of(2024, 2, 29, 13, 45, 6, 0, ZoneOffset.UTC), rs.getObject("tz", OffsetDateTime.class));
            assertEquals(123456L, rs.getObject("i", Long.class));
            assertEquals("123456", rs.getObject("i", String.class));
            assertEquals(new BigDecimal("9000000000"), rs.getObject("l", BigDecimal.class));
        }
    }

    @Test
    void calendarGettersReadWallClockInTheCalendarsZone() throws Exception {
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"), Locale.ROOT);
        try (Statement s = conn.createStatement(); ResultSet rs = first(s)) {
            assertEquals(OffsetDateTime.parse("2024-02-29T13:45:06.123456+09:00").toInstant(),
                    rs.getTimestamp("ts", tokyo).toInstant());
            assertEquals(OffsetDateTime.parse("2024-02-29T00:00:00+09:00").toInstant().toEpochMilli(),
                    rs.getDate("dt", tokyo).getTime());
            assertEquals(OffsetDateTime.parse("2024-02-29T13:45:06Z").toInstant(), rs.getTimestamp("tz", tokyo).toInstant(),
                    "a timestamptz is an instant whatever the calendar");
        }
    }

    @Test
    void castToTimestampWithTimeZoneReadsAsAnInstant() throws Exception {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("select cast('2024-02-29 13:45:06+02' as timestamp with time zone)")) {
            assertTrue(rs.next());
            assertEquals(OffsetDateTime.parse("2024-02-29T11:45:06Z"), rs.getObject(1, OffsetDateTime.class));
            assertEquals(Types.TIMESTAMP_WITH_TIMEZONE, rs.getMetaData().getColumnType(1));
        }
    }

    @Test
    void nullsReadAsNullOrZeroAndSetWasNull() throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select * from t where i is null")) {
            assertTrue(rs.next());
            for (int c = 1; c <= 14; c++) {
                assertNull(rs.getObject(c));
                assertTrue(rs.wasNull());
                assertNull(rs.getString(c));
            }
            assertFalse(rs.getBoolean(1));
            assertEquals(0, rs.getInt(3));
            assertTrue(rs.wasNull());
            assertEquals(0.0, rs.getDouble(6));
            assertNull(rs.getBigDecimal(7));
            assertNull(rs.getDate(11));
            assertNull(rs.getTimestamp(13));
            assertNull(rs.getObject(11, LocalDate.class));
            assertFalse(rs.next());
        }
    }

    @Test
    void conversionErrorsCarrySqlStates() throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = first(s)) {
            sqlError("22003", () -> rs.getInt("l"));
            sqlError("22003", () -> rs.getShort("i"));
            sqlError("22003", () -> rs.getByte("i"));
            sqlError("22023", () -> rs.getInt("v"));
            sqlError("22023", () -> rs.getBoolean("v"));
            sqlError("42804", () -> rs.getInt("dt"));
            sqlError("42804", () -> rs.getDate("i"));
            sqlError("42703", () -> rs.getInt("nope"));
            sqlError("22023", () -> rs.getInt(15));
        }
    }

    @Test
    void numbersAndTextConvertLikePgJdbc() throws Exception {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("select '42' as a, ' 7 ' as b, '1.9' as c, 'yes' as d, 3.0::double precision as e,"
                     + " '2024-01-02' as f")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt("a"));
            assertEquals(7L, rs.getLong("b"));
            assertEquals(1, rs.getInt("c"));
            assertEquals(new BigDecimal("1.9"), rs.getBigDecimal("c"));
            assertTrue(rs.getBoolean("d"));
            assertEquals("3", rs.getString("e"));
            assertEquals(Date.valueOf("2024-01-02"), rs.getDate("f"));
        }
    }

    @Test
    void metadataDescribesColumns() throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select * from t")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(14, md.getColumnCount());
            List<String> names = List.of("bool", "int2", "int4", "int8", "float4", "float8", "numeric", "bpchar", "varchar",
                    "text", "date", "time", "timestamp", "timestamptz");
            int[] types = {Types.BOOLEAN, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.DOUBLE, Types.NUMERIC,
                Types.CHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE};
            for (int c = 1; c <= 14; c++) {
                assertEquals(names.get(c - 1), md.getColumnTypeName(c));
                assertEquals(types[c - 1], md.getColumnType(c));
            }
            assertEquals("n", md.getColumnName(7));
            assertEquals("n", md.getColumnLabel(7));
            assertEquals(12, md.getPrecision(7));
            assertEquals(3, md.getScale(7));
            assertEquals(10, md.getPrecision(9));
            assertEquals(BigDecimal.class.getName(), md.getColumnClassName(7));
            assertEquals(Integer.class.getName(), md.getColumnClassName(2));
            assertTrue(md.isSigned(3));
            assertFalse(md.isSigned(9));
            assertEquals(ResultSetMetaData.columnNullable, md.isNullable(1));
        }
    }

    @Test
    void findColumnIgnoresCaseAndTakesTheFirstMatch() throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select 1 as a, 2 as \"A\", 3 as b")) {
            assertEquals(1, rs.findColumn("A"));
            assertEquals(3, rs.findColumn("B"));
        }
    }

    @Test
    void intervalsReadAsText() throws Exception {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select interval '1 02:00:00' day to second as iv")) {
            assertTrue(rs.next());
            assertEquals("1 day 02:00:00", rs.getString(1));
            assertEquals(Types.OTHER, rs.getMetaData().getColumnType(1));
            assertEquals("interval", rs.getMetaData().getColumnTypeName(1));
            assertEquals(new Interval(0, 1, 7_200_000_000L), rs.getObject(1, Interval.class));
        }
    }
}
