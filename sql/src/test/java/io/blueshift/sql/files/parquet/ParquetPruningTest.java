package io.blueshift.sql.files.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column pruning reads only the chunks asked for; zone filters skip row groups by their statistics. */
class ParquetPruningTest {
    private static final int ROWS = 200_000;
    private static final int GROUP = 20_000;
    private static final List<String> NAMES = List.of("id", "name", "price", "day", "nothing", "note");
    private static final List<SqlType> TYPES = List.of(SqlType.BIGINT, SqlType.TEXT, SqlType.DOUBLE, SqlType.DATE,
            SqlType.INTEGER, SqlType.TEXT);

    @TempDir
    Path dir;

    private final RootAllocator allocator = new RootAllocator();
    private Path file;

    @BeforeEach
    void writeFile() {
        file = dir.resolve("sorted.parquet");
        try (ParquetBatchWriter w = new ParquetBatchWriter(file, NAMES, TYPES,
                ParquetWriteOptions.defaults().withRowGroupRows(GROUP))) {
            for (int from = 0; from < ROWS; from += 50_000) {
                List<Object[]> rows = new ArrayList<>();
                for (int i = from; i < from + 50_000; i++) {
                    rows.add(new Object[] {(long) i, String.format(Locale.ROOT, "name%07d", i), i * 0.01,
                        LocalDate.of(2000, 1, 1).plusDays(i / 100), null, "a longer note about row " + i * 7919L});
                }
                try (Batch b = ParquetTestData.batch(allocator, NAMES, TYPES, rows)) {
                    w.write(b);
                }
            }
        }
    }

    @AfterEach
    void noLeak() {
        assertEquals(0, allocator.getAllocatedMemory(), "off-heap memory left allocated");
        allocator.close();
    }

    /** Reads everything and returns {rows, first id seen}; checks the reader's counters on the way. */
    private long[] scan(ParquetBatchReader reader) {
        long rows = 0;
        long first = -1;
        for (Batch next = reader.next(); next != null; next = reader.next()) {
            try (Batch b = next) {
                if (first < 0 && b.rowCount() > 0 && b.columnCount() > 0) {
                    first = ((Number) b.get(0, 0)).longValue();
                }
                rows += b.rowCount();
            }
        }
        return new long[] {rows, first};
    }

    @Test
    void onlyTheColumnChunksAskedForAreRead() throws Exception {
        long size = Files.size(file);
        long allBytes;
        try (ParquetBatchReader all = ParquetFiles.read(file, allocator)) {
            assertEquals(ROWS, scan(all)[0]);
            assertEquals(10 * NAMES.size(), all.columnChunksRead());
            allBytes = all.bytesRead();
        }
        try (ParquetBatchReader one = ParquetFiles.read(file, allocator, new int[] {0}, List.of(), 65_536)) {
            assertEquals(ROWS, scan(one)[0]);
            assertEquals(List.of("id"), one.names());
            assertEquals(10, one.columnChunksRead());
            // The id column is a small part of the file; the notes are most of it.
            assertTrue(one.bytesRead() * 4 < allBytes, one.bytesRead() + " of " + allBytes + " bytes");
        }
        try (ParquetBatchReader none = ParquetFiles.read(file, allocator, new int[0], List.of(), 65_536)) {
            assertEquals(ROWS, scan(none)[0]);
            assertEquals(0, none.columnChunksRead());
            assertTrue(none.bytesRead() < size / 20, none.bytesRead() + " bytes for a count");
        }
    }

    @Test
    void columnsComeInTheOrderAskedFor() {
        try (ParquetBatchReader r = ParquetFiles.read(file, allocator, new int[] {3, 0}, List.of(), 1000)) {
            assertEquals(List.of("day", "id"), r.names());
            try (Batch b = r.next()) {
                assertEquals(1000, b.rowCount());
                assertEquals(LocalDate.of(2000, 1, 1), b.get(0, 0));
                assertEquals(999L, b.get(1, 999));
            }
        }
    }

    @Test
    void rowGroupsOutsideALongRangeAreSkipped() {
        try (ParquetBatchReader r = ParquetFiles.read(file, allocator, new int[] {0, 1},
                List.of(ZoneFilter.longRange(0, 50_000, 59_999)), 65_536)) {
            long[] got = scan(r);
            assertEquals(GROUP, got[0]);
            assertEquals(40_000, got[1]);
            assertEquals(1, r.rowGroupsRead());
            assertEquals(9, r.rowGroupsSkipped());
            assertEquals(2, r.columnChunksRead());
        }
    }

    @Test
    void doubleStringAndDateRangesSkipToo() {
        List<ZoneFilter> filters = List.of(
                ZoneFilter.doubleRange(2, 1000.0, 1399.99),                  // ids 100000..139999: groups 5, 6
                ZoneFilter.stringRange(1, "name0120000", null),              // groups 6..9
                ZoneFilter.longRange(3, LocalDate.of(2000, 1, 1).plusDays(1200).toEpochDay(), Long.MAX_VALUE)); // 6..9
        try (ParquetBatchReader r = ParquetFiles.read(file, allocator, new int[] {0}, filters, 65_536)) {
            long[] got = scan(r);
            assertEquals(1, r.rowGroupsRead());
            assertEquals(120_000, got[1]);
            assertEquals(GROUP, got[0]);
        }
    }

    @Test
    void anAllNullColumnMatchesNoRange() {
        try (ParquetBatchReader r = ParquetFiles.read(file, allocator, new int[] {0},
                List.of(ZoneFilter.longRange(4, Long.MIN_VALUE, Long.MAX_VALUE)), 65_536)) {
            assertEquals(0, scan(r)[0]);
            assertEquals(10, r.rowGroupsSkipped());
        }
    }

    @Test
    void aFilterOfTheWrongKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ParquetFiles.read(file, allocator, new int[] {0},
                List.of(ZoneFilter.stringRange(0, "a", "b")), 65_536));
        assertThrows(IllegalArgumentException.class,
                () -> ParquetFiles.read(file, allocator, new int[] {0, 0}, List.of(), 65_536));
    }
}
