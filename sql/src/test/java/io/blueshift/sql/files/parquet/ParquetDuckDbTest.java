package io.blueshift.sql.files.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DuckDB (in the same JVM, through its JDBC driver) reads the files Blueshift writes, and
 * Blueshift reads the files DuckDB writes, with the same values. Values are compared in a
 * canonical form both sides can produce: integers as longs, floats as doubles, decimals and dates
 * as text, times and timestamps as microseconds, intervals as months, days and microseconds.
 */
class ParquetDuckDbTest extends ParquetFixture {
    /** DuckDB expressions giving the canonical form of column {@code c} of type {@code t}. */
    private static List<String> duckDbCanonical(String c, SqlType t) {
        String q = '"' + c + '"';
        return switch (t.kind()) {
            case BOOLEAN -> List.of(q);
            case SMALLINT, INTEGER, BIGINT -> List.of(q + "::bigint");
            case REAL, DOUBLE -> List.of(q + "::double");
            case DECIMAL -> List.of(q + "::varchar");
            case CHAR, VARCHAR, TEXT -> List.of(q);
            case DATE -> List.of(q + "::varchar");
            case TIME -> List.of("(hour(" + q + ") * 3600 + minute(" + q + ") * 60)::bigint * 1000000 + microsecond(" + q + ")");
            case TIMESTAMP, TIMESTAMPTZ -> List.of("epoch_us(" + q + ")");
            case INTERVAL -> intervalParts("(" + q + ")::interval");
        };
    }

    private static List<String> intervalParts(String q) {
        return List.of("datepart('year', " + q + ") * 12 + datepart('month', " + q + ")",
                "datepart('day', " + q + ")",
                "datepart('hour', " + q + ")::bigint * 3600000000 + datepart('minute', " + q
                        + ")::bigint * 60000000 + datepart('microsecond', " + q + ")");
    }

    /** The canonical form of a Blueshift value (see {@link #duckDbCanonical}). */
    private static List<Object> canonical(SqlType t, Object v) {
        if (v == null) {
            return t.kind() == TypeKind.INTERVAL ? Arrays.asList(null, null, null)
                    : Collections.singletonList(null);
        }
        return switch (t.kind()) {
            case BOOLEAN -> List.of(v);
            case SMALLINT, INTEGER, BIGINT -> List.of(((Number) v).longValue());
            case REAL, DOUBLE -> List.of(((Number) v).doubleValue());
            case DECIMAL -> List.of(((BigDecimal) v).toPlainString());
            case CHAR, VARCHAR, TEXT -> List.of(v);
            case DATE -> List.of(((LocalDate) v).toString());
            case TIME -> List.of(((LocalTime) v).toNanoOfDay() / 1000);
            case TIMESTAMP -> List.of(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), (LocalDateTime) v));
            case TIMESTAMPTZ -> List.of(ChronoUnit.MICROS.between(Instant.EPOCH, ((OffsetDateTime) v).toInstant()));
            case INTERVAL -> {
                Interval i = (Interval) v;
                yield List.of((long) i.months(), (long) i.days(), i.micros());
            }
        };
    }

    private static Object jdbcValue(ResultSet rs, int column) throws SQLException {
        Object o = rs.getObject(column);
        if (o == null) {
            return null;
        }
        return switch (o) {
            case Boolean b -> b;
            case Float f -> f.doubleValue();
            case Double d -> d;
            case Number n -> n.longValue();
            default -> o.toString();
        };
    }

    private List<List<Object>> duckDbRows(Connection duck, Path file, List<String> names, List<SqlType> types)
            throws SQLException {
        List<String> exprs = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            exprs.addAll(duckDbCanonical(names.get(c), types.get(c)));
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("select " + String.join(", ", exprs) + " from read_parquet('" + file + "')")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= exprs.size(); i++) {
                    row.add(jdbcValue(rs, i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private List<List<Object>> blueshiftRows(Path file) {
        List<List<Object>> rows = new ArrayList<>();
        try (ParquetBatchReader reader = ParquetFiles.read(file, allocator)) {
            for (Batch next = reader.next(); next != null; next = reader.next()) {
                try (Batch b = next) {
                    for (Object[] values : ParquetTestData.values(b)) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 0; c < values.length; c++) {
                            row.addAll(canonical(b.type(c), values[c]));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void duckDbReadsWhatBlueshiftWrites() throws SQLException {
        Path file = dir.resolve("blueshift.parquet");
        List<Batch> batches = List.of(
                ParquetTestData.batch(allocator, ParquetTestData.NAMES, ParquetTestData.TYPES, ParquetTestData.rows(0, 2000)),
                ParquetTestData.batch(allocator, ParquetTestData.NAMES, ParquetTestData.TYPES, ParquetTestData.rows(2000, 3000)));
        ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES, batches.iterator(),
                ParquetWriteOptions.defaults().withRowGroupRows(1000));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement();
                    ResultSet rs = s.executeQuery("select column_name, column_type from (describe select * from read_parquet('"
                            + file + "'))")) {
                List<String> duckTypes = new ArrayList<>();
                while (rs.next()) {
                    duckTypes.add(rs.getString(1) + " " + rs.getString(2));
                }
                assertEquals(List.of("b BOOLEAN", "s SMALLINT", "i INTEGER", "l BIGINT", "r FLOAT", "d DOUBLE",
                        "dec DECIMAL(12,2)", "dec38 DECIMAL(38,6)", "ch VARCHAR", "vc VARCHAR", "t VARCHAR", "dt DATE",
                        "tm TIME", "ts TIMESTAMP", "tstz TIMESTAMP WITH TIME ZONE", "iv VARCHAR"), duckTypes);
            }
            List<List<Object>> duckRows = duckDbRows(duck, file, ParquetTestData.NAMES, ParquetTestData.TYPES);
            assertEquals(3000, duckRows.size());
            for (int r = 0; r < 3000; r++) {
                Object[] want = ParquetTestData.row(r);
                List<Object> expected = new ArrayList<>();
                for (int c = 0; c < want.length; c++) {
                    expected.addAll(canonical(ParquetTestData.TYPES.get(c), ParquetTestData.expected(want[c])));
                }
                assertEquals(expected, duckRows.get(r), "row " + r);
            }
        }
    }

    @Test
    void blueshiftReadsWhatDuckDbWrites() throws SQLException {
        Path file = dir.resolve("duckdb.parquet");
        String select = """
                select i % 3 = 0 as b,
                  (i % 200 - 100)::tinyint as ti, (i * 3 - 20000)::smallint as si, (i * 7 - 10000)::integer as ii,
                  i::bigint * 1000000007 - 5000000000 as bi,
                  (i % 256)::utinyint as uti, (i * 11 % 65536)::usmallint as usi,
                  (4294967295 - i)::uinteger as ui, (18446744073709551615 - i)::ubigint as ubi,
                  (i * 0.5 - 3.25)::float as f, i * 1.25 - 1e9 as d,
                  ((i - 2500) / 10)::decimal(4,1) as dec4, ((i - 2500) * 1.01)::decimal(9,2) as dec9,
                  ((i - 2500) * 1000.001)::decimal(18,3) as dec18,
                  ('-1234567890123456789012345678.' || lpad((i % 10000000000)::varchar, 10, '0'))::decimal(38,10) as dec38,
                  case when i % 4 = 0 then '' else 'héllo wörld 日本 ' || i end as s,
                  date '1900-01-01' + (i * 13)::int as dt,
                  time '00:00:00' + to_microseconds(i::bigint * 17000001) as tm,
                  timestamp '1960-03-01' + to_microseconds(i::bigint * 3600000001) as ts,
                  (timestamp '1960-03-01' + to_milliseconds(i::bigint * 3600001))::timestamp_ms as ts_ms,
                  (timestamp '1960-03-01' + to_microseconds(i::bigint * 3600000001))::timestamp_ns as ts_ns,
                  (timestamp '1955-06-01 12:00:00' + to_minutes(i * 97))::timestamptz as tstz,
                  to_months(i % 25) + to_days(i % 40) + to_milliseconds(i % 5000) as iv
                from range(5000) t(i)
                """;
        String nulled = "select * replace (" + String.join(", ", List.of("b", "ti", "si", "ii", "bi", "uti", "usi",
                "ui", "ubi", "f", "d", "dec4", "dec9", "dec18", "dec38", "s", "dt", "tm", "ts", "ts_ms", "ts_ns", "tstz",
                "iv").stream().map(c -> "case when hash(bi, '" + c + "') % 7 = 0 then null else " + c + " end as " + c)
                .toList()) + ") from (" + select + ")";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("set TimeZone = 'UTC'");
            s.execute("copy (" + nulled + ") to '" + file + "' (format parquet, row_group_size 1000)");
            ParquetSchema schema = ParquetFiles.schema(file);
            assertEquals(List.of(SqlType.BOOLEAN, SqlType.SMALLINT, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT,
                    SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT, SqlType.decimal(20, 0), SqlType.REAL,
                    SqlType.DOUBLE, SqlType.decimal(4, 1), SqlType.decimal(9, 2), SqlType.decimal(18, 3),
                    SqlType.decimal(38, 10), SqlType.TEXT, SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP,
                    SqlType.TIMESTAMP, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.INTERVAL), schema.types());
            assertEquals(5000, schema.rowCount());
            List<List<Object>> duckRows = duckDbRows(duck, file, schema.names(), schema.types());
            List<List<Object>> ours = blueshiftRows(file);
            assertEquals(duckRows.size(), ours.size());
            for (int r = 0; r < ours.size(); r++) {
                assertEquals(duckRows.get(r), ours.get(r), "row " + r);
            }
        }
    }

    @Test
    void zstdFilesFromDuckDbAreRead() throws SQLException {
        Path file = dir.resolve("zstd.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("copy (select i, 'row ' || i as s from range(100000) t(i)) to '" + file
                    + "' (format parquet, compression zstd)");
            List<List<Object>> ours = blueshiftRows(file);
            assertEquals(100_000, ours.size());
            assertEquals(List.of(99_999L, "row 99999"), ours.get(99_999));
        }
    }

    static OffsetDateTime utc(long micros) {
        return OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
