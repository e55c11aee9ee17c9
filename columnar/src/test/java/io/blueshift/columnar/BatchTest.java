package io.blueshift.columnar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.Selection;
import io.blueshift.kernels.group.GroupHashTable;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class BatchTest extends QueryMemoryFixture {
    /** One sample value per type in {@link SqlTypeTest#ALL}, extremes where the type has them. */
    private static final List<Object> SAMPLES = List.of(true, Short.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE,
            Float.NaN, -0.0d, new BigDecimal("-1234567890.12"), new BigDecimal("0.999999999999999999"),
            new BigDecimal("9999999999999999999"), new BigDecimal("-9999999999999999999999999999.0123456789"),
            "ab ", "héllo wörld", "", LocalDate.of(1992, 2, 29), LocalTime.of(23, 59, 59, 999_999_000),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000),
            OffsetDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneOffset.UTC),
            new Interval(14, -3, 3_600_000_001L));

    @Test
    void everyTypeRoundTripsWithNulls() {
        List<SqlType> types = SqlTypeTest.ALL;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            names.add("c" + i);
        }
        try (Batch batch = Batch.allocate(memory, names, types, 4)) {
            int rows = 1000; // past the initial capacity: set() grows the vectors
            for (int c = 0; c < types.size(); c++) {
                for (int r = 0; r < rows; r++) {
                    batch.set(c, r, r % 3 == 1 ? null : SAMPLES.get(c));
                }
            }
            batch.setRowCount(rows);
            for (int c = 0; c < types.size(); c++) {
                for (int r = 0; r < rows; r++) {
                    Object expected = r % 3 == 1 ? null : SAMPLES.get(c);
                    assertEquals(expected, batch.get(c, r), types.get(c) + " row " + r);
                }
                MemorySegment validity = batch.validity(c);
                assertNotNull(validity);
                for (int r = 0; r < rows; r++) {
                    assertEquals(r % 3 != 1, Bitmaps.isValid(validity, r));
                }
                assertEquals(types.get(c), ArrowTypes.sqlType(batch.vector(c).getField()));
            }
        }
        assertEquals(0, memory.used());
    }

    @Test
    void columnsWithoutNullsHaveNoValidityAndExposeRawValues() {
        try (Batch batch = Batch.allocate(memory, List.of("i", "s"), List.of(SqlType.INTEGER, SqlType.TEXT), 8)) {
            for (int r = 0; r < 5; r++) {
                batch.set(0, r, r * 10);
                batch.set(1, r, "x".repeat(r));
            }
            batch.setRowCount(5);
            assertNull(batch.validity(0));
            MemorySegment values = batch.values(0);
            for (int r = 0; r < 5; r++) {
                assertEquals(r * 10, values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, r));
            }
            MemorySegment offsets = batch.offsets(1);
            assertEquals(0 + 1 + 2 + 3 + 4, offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 5));
        }
    }

    @Test
    void selectionMarksLiveRows() {
        try (Batch batch = Batch.allocate(memory, List.of("i"), List.of(SqlType.BIGINT), 8)) {
            for (int r = 0; r < 8; r++) {
                batch.set(0, r, (long) r);
            }
            batch.setRowCount(8);
            assertEquals(8, batch.liveCount());
            batch.setSelection(Selection.positions(new int[] {1, 5, 7}, 3));
            assertEquals(3, batch.liveCount());
            assertArrayEquals(new int[] {1, 5, 7}, batch.selection().toArray());
            batch.setRowCount(8);
            assertNull(batch.selection(), "new rows clear the selection");
        }
    }

    @Test
    void aSelectionPastTheRowsIsCaughtUnderAssertions() {
        try (Batch batch = Batch.allocate(memory, List.of("i"), List.of(SqlType.INTEGER), 8)) {
            batch.setRowCount(4);
            assertThrows(AssertionError.class, () -> batch.setSelection(Selection.positions(new int[] {1, 4}, 2)));
        }
    }

    @Test
    void valuesThatDoNotFitFailWithPostgresSqlStates() {
        try (Batch batch = Batch.allocate(memory, List.of("s", "d", "v", "c"),
                List.of(SqlType.SMALLINT, SqlType.decimal(5, 2), SqlType.varchar(3), SqlType.character(3)), 4)) {
            assertEquals("22003", assertThrows(BlueshiftException.class, () -> batch.set(0, 0, 40_000)).sqlState());
            assertEquals("22003", assertThrows(BlueshiftException.class,
                    () -> batch.set(1, 0, new BigDecimal("1000.00"))).sqlState());
            batch.set(1, 0, new BigDecimal("999.994"));
            assertEquals(new BigDecimal("999.99"), batch.get(1, 0));
            batch.set(1, 1, new BigDecimal("-0.005"));
            assertEquals(new BigDecimal("-0.01"), batch.get(1, 1), "rounds half away from zero");
            assertEquals("22001", assertThrows(BlueshiftException.class, () -> batch.set(2, 0, "abcd")).sqlState());
            batch.set(2, 0, "abc   ");
            assertEquals("abc", batch.get(2, 0), "trailing blanks past the length are cut");
            batch.set(3, 0, "a");
            assertEquals("a  ", batch.get(3, 0), "CHAR pads with blanks");
        }
    }

    @Test
    void goingOverTheQueryLimitFailsWith53200AndLeavesNothingBehind() {
        try (QueryMemory small = pool.newQuery("small", 1 << 20)) {
            ArrowBuf held = small.buffer(512 << 10);
            BlueshiftException e = assertThrows(BlueshiftException.class, () -> small.buffer(1 << 20));
            assertEquals("53200", e.sqlState());
            assertTrue(e.getMessage().contains("1048576"), e.getMessage());
            Field field = ArrowTypes.field("x", SqlType.BIGINT, true);
            assertEquals("53200", assertThrows(BlueshiftException.class, () -> small.newVector(field, 100_000)).sqlState());
            held.close();
            assertEquals(0, small.used());
        }
    }

    @Test
    void kernelHashTablesAreChargedToTheQuery() {
        try (QueryMemory query = pool.newQuery("groupby", 4 << 20)) {
            try (GroupHashTable table = new GroupHashTable(query, false, 1024, KeyType.LONG)) {
                assertTrue(query.used() > 0, "the table's memory is the query's");
            }
            assertEquals(0, query.used(), "closing the table gives its memory back");
            assertEquals("53200", assertThrows(BlueshiftException.class,
                    () -> new GroupHashTable(query, false, 1 << 20, KeyType.LONG)).sqlState());
            assertEquals(0, query.used(), "a table that could not be built leaves nothing behind");
        }
    }

    @Test
    void aGroupTableThatOutgrowsItsQueryFailsWith53200AndClosesCleanly() {
        int n = 100_000;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment keys = arena.allocate((long) n * Long.BYTES);
            for (int i = 0; i < n; i++) {
                keys.setAtIndex(ValueLayout.JAVA_LONG, i, i * 7919L);
            }
            KeyColumn[] columns = {KeyColumn.of(KeyType.LONG, keys, null)};
            // Limits a little apart, so that every one of the table's growth steps is refused once.
            for (long limit = 64 << 10; limit < (6 << 20); limit += limit / 8) {
                try (QueryMemory query = pool.newQuery("grow", limit)) {
                    GroupHashTable table = new GroupHashTable(query, false, 16, KeyType.LONG);
                    BlueshiftException e = assertThrows(BlueshiftException.class,
                            () -> table.groupIds(columns, n, new int[n]), "limit " + limit);
                    assertEquals("53200", e.sqlState());
                    table.close();
                    assertEquals(0, query.used(), "limit " + limit + ": the table gives all its memory back");
                }
            }
        }
    }

    @Test
    void closingWithABufferStillHeldReportsTheLeak() {
        MemoryPool ownPool = new MemoryPool();
        QueryMemory leaky = ownPool.newQuery("leaky", 1 << 20);
        leaky.buffer(100);
        IllegalStateException e = assertThrows(IllegalStateException.class, leaky::close);
        assertTrue(e.getMessage().contains("memory leak"), e.getMessage());
        assertTrue(e.getMessage().contains("leaky"), "names the query: " + e.getMessage());
        assertThrows(IllegalStateException.class, ownPool::close, "the pool reports it too");
    }
}
