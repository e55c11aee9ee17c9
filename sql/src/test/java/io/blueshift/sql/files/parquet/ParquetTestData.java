package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Rows of every Blueshift type for the Parquet tests, and batches built from rows. */
final class ParquetTestData {
    static final List<String> NAMES = List.of("b", "s", "i", "l", "r", "d", "dec", "dec38", "ch", "vc", "t",
            "dt", "tm", "ts", "tstz", "iv");
    static final List<SqlType> TYPES = List.of(SqlType.BOOLEAN, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT,
            SqlType.REAL, SqlType.DOUBLE, SqlType.decimal(12, 2), SqlType.decimal(38, 6), SqlType.character(4),
            SqlType.varchar(20), SqlType.TEXT, SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ,
            SqlType.INTERVAL);

    private ParquetTestData() {
    }

    /** Row {@code i}: every column differs by row, every 7th value is NULL (column by column). */
    static Object[] row(int i) {
        Object[] r = new Object[] {
            i % 3 == 0,
            (short) (i % 30000 - 15000),
            i * 7 - 1000,
            (long) i * 1_000_000_007L - 5_000_000_000L,
            i * 0.5f - 3.25f,
            i * 1.25 - 1e9,
            BigDecimal.valueOf(i * 101L - 50_000, 2),
            new BigDecimal("-12345678901234567890123456789012." + String.format(Locale.ROOT, "%06d", i % 1_000_000))
                    .add(BigDecimal.valueOf(i)),
            i % 5 == 0 ? "    " : "ab" + (i % 10) + " ",
            i % 4 == 0 ? "" : "héllo wörld " + (i % 100),
            "日本語テキスト " + i + " 🎉",
            LocalDate.of(1900, 1, 1).plusDays(i * 13L),
            LocalTime.of(i % 24, i % 60, i % 60, (i % 1000) * 1000_000 + (i % 1000) * 1000),
            LocalDateTime.of(1960, 3, 1, 0, 0).plusSeconds(i * 3_601L).plusNanos((i % 1000) * 1000L),
            OffsetDateTime.of(1955, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC).plusMinutes(i * 97L).plusNanos(i % 999 * 1000L),
            new Interval(i % 25 - 12, i % 40 - 20, (i % 5000) * 1001L - 2_000_000L + (i % 3) * 90_000_000_000L),
        };
        for (int c = 0; c < r.length; c++) {
            if ((i + c) % 7 == 0) {
                r[c] = null;
            }
        }
        return r;
    }

    /** The rows {@code from} to {@code to} (exclusive) as a batch of {@code types}. */
    static Batch batch(BufferAllocator allocator, List<String> names, List<SqlType> types, List<Object[]> rows) {
        FieldVector[] vectors = new FieldVector[types.size()];
        for (int c = 0; c < vectors.length; c++) {
            vectors[c] = ArrowTypes.field(names.get(c), types.get(c), true).createVector(allocator);
            vectors[c].allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                Values.set(vectors[c], types.get(c), r, rows.get(r)[c]);
            }
            vectors[c].setValueCount(rows.size());
        }
        return new Batch(names, types.toArray(new SqlType[0]), vectors, rows.size());
    }

    static List<Object[]> rows(int from, int to) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    /** Every live row of a batch as Java values. */
    static List<Object[]> values(Batch b) {
        List<Object[]> out = new ArrayList<>();
        for (int k = 0; k < b.liveCount(); k++) {
            int r = b.selection() == null ? k : b.selection().get(k);
            Object[] row = new Object[b.columnCount()];
            for (int c = 0; c < row.length; c++) {
                row[c] = b.get(c, r);
            }
            out.add(row);
        }
        return out;
    }

    /** What a value reads back as: itself, every type is kept exactly. */
    static Object expected(Object v) {
        return v;
    }
}
