package io.blueshift.sql.files.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.Selection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRoundTripTest extends ParquetFixture {
    private Iterator<Batch> batches(int rows, int perBatch) {
        List<Batch> list = new ArrayList<>();
        for (int from = 0; from < rows; from += perBatch) {
            list.add(ParquetTestData.batch(allocator, ParquetTestData.NAMES, ParquetTestData.TYPES,
                    ParquetTestData.rows(from, Math.min(rows, from + perBatch))));
        }
        return list.iterator();
    }

    private List<Object[]> readAll(Path file) {
        List<Object[]> rows = new ArrayList<>();
        try (ParquetBatchReader reader = ParquetFiles.read(file, allocator)) {
            for (Batch next = reader.next(); next != null; next = reader.next()) {
                try (Batch b = next) {
                    rows.addAll(ParquetTestData.values(b));
                }
            }
        }
        return rows;
    }

    private static void assertRows(int from, List<Object[]> rows) {
        for (int k = 0; k < rows.size(); k++) {
            Object[] want = ParquetTestData.row(from + k);
            for (int c = 0; c < want.length; c++) {
                assertEquals(ParquetTestData.expected(want[c]), rows.get(k)[c],
                        "row " + (from + k) + " column " + ParquetTestData.NAMES.get(c));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ParquetWriteOptions.Compression.class)
    void everyTypeRoundTrips(ParquetWriteOptions.Compression compression) {
        Path file = dir.resolve("all.parquet");
        long written = ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES, batches(5000, 1500),
                ParquetWriteOptions.defaults().withCompression(compression));
        assertEquals(5000, written);
        ParquetSchema schema = ParquetFiles.schema(file);
        assertEquals(ParquetTestData.NAMES, schema.names());
        assertEquals(ParquetTestData.TYPES, schema.types());
        assertEquals(5000, schema.rowCount());
        List<Object[]> rows = readAll(file);
        assertEquals(5000, rows.size());
        assertRows(0, rows);
    }

    @Test
    void manyRowGroupsAndBatchesOfAtMost64K() {
        Path file = dir.resolve("groups.parquet");
        ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES, batches(150_000, 40_000),
                ParquetWriteOptions.defaults().withRowGroupRows(70_000));
        ParquetSchema schema = ParquetFiles.schema(file);
        assertEquals(3, schema.rowGroupCount());
        assertEquals(150_000, schema.rowCount());
        int rows = 0;
        try (ParquetBatchReader reader = ParquetFiles.read(file, allocator)) {
            for (Batch next = reader.next(); next != null; next = reader.next()) {
                try (Batch b = next) {
                    assertTrue(b.rowCount() <= ParquetBatchReader.MAX_BATCH_ROWS);
                    assertRows(rows, ParquetTestData.values(b));
                    rows += b.rowCount();
                }
            }
            assertEquals(3, reader.rowGroupsRead());
        }
        assertEquals(150_000, rows);
    }

    @Test
    void onlyLiveRowsOfASelectionAreWritten() {
        Path file = dir.resolve("selection.parquet");
        Batch range = ParquetTestData.batch(allocator, ParquetTestData.NAMES, ParquetTestData.TYPES,
                ParquetTestData.rows(0, 100));
        range.setSelection(Selection.range(10, 20));
        Batch positions = ParquetTestData.batch(allocator, ParquetTestData.NAMES, ParquetTestData.TYPES,
                ParquetTestData.rows(100, 200));
        positions.setSelection(Selection.positions(new int[] {0, 3, 99}, 3));
        ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES, List.of(range, positions).iterator(),
                ParquetWriteOptions.defaults());
        List<Object[]> rows = readAll(file);
        assertEquals(23, rows.size());
        assertRows(10, rows.subList(0, 20));
        assertRows(100, rows.subList(20, 21));
        assertRows(103, rows.subList(21, 22));
        assertRows(199, rows.subList(22, 23));
    }

    @Test
    void emptyFileHasTheSchemaAndNoRows() {
        Path file = dir.resolve("empty.parquet");
        assertEquals(0, ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES,
                List.<Batch>of().iterator(), ParquetWriteOptions.defaults()));
        assertEquals(ParquetTestData.TYPES, ParquetFiles.schema(file).types());
        try (ParquetBatchReader reader = ParquetFiles.read(file, allocator)) {
            assertNull(reader.next());
        }
    }

    @Test
    void extremeValuesRoundTrip() {
        List<String> names = List.of("s", "i", "l", "dec18", "dec38", "d");
        List<SqlType> types = List.of(SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT, SqlType.decimal(18, 0),
                SqlType.decimal(38, 0), SqlType.DOUBLE);
        List<Object[]> rows = List.of(
                new Object[] {Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE,
                    new BigDecimal("-999999999999999999"), new BigDecimal("-" + "9".repeat(38)),
                    Double.NEGATIVE_INFINITY},
                new Object[] {Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
                    new BigDecimal("999999999999999999"), new BigDecimal("9".repeat(38)),
                    Double.NaN},
                new Object[] {(short) 0, 0, 0L, BigDecimal.ZERO, BigDecimal.ONE.negate(), -0.0});
        Path file = dir.resolve("extreme.parquet");
        ParquetFiles.write(file, names, types, List.of(ParquetTestData.batch(allocator, names, types, rows)).iterator(),
                ParquetWriteOptions.defaults().withCompression(ParquetWriteOptions.Compression.ZSTD));
        List<Object[]> back = readAll(file);
        for (int r = 0; r < rows.size(); r++) {
            assertArrayEquals(rows.get(r), back.get(r), "row " + r);
        }
    }

    @Test
    void noHadoopClassIsOnTheClassPath() {
        // parquet-hadoop declares Hadoop "provided": everything above ran without it.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.conf.Configuration"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.xerial.snappy.Snappy"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.github.luben.zstd.Zstd"));
        Path file = dir.resolve("plain.parquet");
        ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES, batches(10, 10),
                ParquetWriteOptions.defaults());
        assertEquals(10, readAll(file).size());
    }

    @Test
    void aFailedWriteLeavesNoFile() {
        Path file = dir.resolve("failed.parquet");
        List<String> names = List.of("x");
        try (Batch ints = ParquetTestData.batch(allocator, names, List.of(SqlType.INTEGER),
                ParquetTestData.rows(0, 10).stream().map(r -> new Object[] {r[2]}).toList())) {
            assertThrows(ClassCastException.class, () -> {
                try (ParquetBatchWriter w = new ParquetBatchWriter(file, names, List.of(SqlType.BOOLEAN),
                        ParquetWriteOptions.defaults())) {
                    w.write(ints);
                }
            });
        }
        assertTrue(Files.notExists(file));
    }

    @Test
    void aMemoryLimitIsNotMistakenForCorruption() {
        Path file = dir.resolve("big.parquet");
        ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES, batches(5000, 5000),
                ParquetWriteOptions.defaults());
        try (BufferAllocator small = allocator.newChildAllocator("small", 0, 64 * 1024);
                ParquetBatchReader reader = ParquetFiles.read(file, small)) {
            assertThrows(OutOfMemoryException.class, reader::next);
        }
    }

    @Test
    void aFileThatIsNotParquetIsCorrupt() throws IOException {
        Path file = dir.resolve("bad.parquet");
        Files.writeString(file, "this is not a parquet file at all, just text");
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> ParquetFiles.schema(file));
        assertEquals("XX001", e.sqlState());
        BlueshiftException missing = assertThrows(BlueshiftException.class,
                () -> ParquetFiles.schema(dir.resolve("missing.parquet")));
        assertEquals("58P01", missing.sqlState());
    }

    @Test
    void aTruncatedFileIsCorrupt() throws IOException {
        Path file = dir.resolve("cut.parquet");
        ParquetFiles.write(file, ParquetTestData.NAMES, ParquetTestData.TYPES, batches(2000, 2000),
                ParquetWriteOptions.defaults());
        byte[] bytes = Files.readAllBytes(file);
        // Corrupt the middle of the data pages, keeping the footer intact.
        for (int i = 100; i < bytes.length / 2; i++) {
            bytes[i] = (byte) (bytes[i] * 31 + 7);
        }
        Files.write(file, bytes);
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> readAll(file));
        assertTrue(e.sqlState().equals("XX001") || e.sqlState().equals("58030"), e.sqlState());
    }
}
