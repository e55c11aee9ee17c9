package io.blueshift.storage.table;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.ZoneMap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;
import org.apache.arrow.vector.FieldVector;

/**
 * Which integer columns of a table hold no value twice: the planner's join ordering treats a join
 * on such a column as a key join (each row matches at most one), which it needs to order TPC-H's
 * star joins well when tables declare no primary key. A column stops being checked at its first
 * duplicate, which for most non-key columns comes within a few rows (and so within the first
 * chunk: the chunks of a table on disk are read one at a time, as the check gets to them).
 */
final class Uniqueness {
    private Uniqueness() {
    }

    static List<Integer> uniqueColumns(List<SqlType> types, List<Batch> chunks, BiFunction<Batch, Integer, ZoneMap> zones) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < types.size(); c++) {
            TypeKind k = types.get(c).kind();
            if ((k == TypeKind.INTEGER || k == TypeKind.BIGINT) && unique(chunks, c, k == TypeKind.INTEGER, zones)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The most bits a bitmap of a column's range takes (128 MB); a wider range goes to a hash set. */
    private static final long MAX_BITMAP_BITS = 1L << 30;

    private static boolean unique(List<Batch> chunks, int column, boolean ints, BiFunction<Batch, Integer, ZoneMap> zones) {
        long rows = 0;
        for (Batch b : chunks) {
            rows += b.rowCount(); // known without reading the column: a stored chunk is read only when its values are
        }
        if (rows == 0 || rows > (1 << 28)) {
            return false;
        }
        // The zone maps bound the values without reading them: a range of fewer values than rows
        // holds one twice (TPC-H lineitem's order, part and line numbers), and a range of up to 64
        // bits a row is checked with a bitmap of it, one bit a value, where a hash set of the
        // values took 36 bytes a row and rehashed as it grew (orders' 45 M keys at SF 30: 1.2 GB
        // of heap and 5 s of a first query's planning).
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Batch b : chunks) {
            ZoneMap zone = zones.apply(b, column);
            if (zone != null && zone.nullCount() > 0) {
                return false;
            }
            if (zone == null || !zone.hasRange()) {
                lo = Long.MAX_VALUE;
                break;
            }
            lo = Math.min(lo, zone.min());
            hi = Math.max(hi, zone.max());
        }
        if (lo <= hi) {
            long span = hi - lo + 1; // not positive where the range passes 2^63 values
            if (span > 0 && span < rows) {
                return false;
            }
            if (span > 0 && span <= MAX_BITMAP_BITS && span <= 64 * rows) {
                return uniqueInRange(chunks, column, ints, lo, span);
            }
        }
        if (rows > Runtime.getRuntime().maxMemory() / 64) {
            return false; // a set of the values might not fit the heap: not known to be a key
        }
        // a set that grows as values come: a column with a duplicate early never pays for a table of its size
        LongSet seen = new LongSet();
        return allValues(chunks, column, ints, seen::add);
    }

    /** Whether no value of the column, all within [lo, lo + span), comes twice: one bit a value. */
    private static boolean uniqueInRange(List<Batch> chunks, int column, boolean ints, long lo, long span) {
        long[] seen = new long[(int) ((span + 63) >>> 6)];
        return allValues(chunks, column, ints, value -> {
            long v = value - lo;
            if (v < 0 || v >= span) {
                return false; // outside the zone maps' range: they are stale, so say not unique
            }
            long bit = 1L << v;
            int word = (int) (v >>> 6);
            if ((seen[word] & bit) != 0) {
                return false;
            }
            seen[word] |= bit;
            return true;
        });
    }

    /**
     * Hands each value of the column to {@code add}, a chunk at a time, while it returns true;
     * whether it took them all (false at the first it refused, or at a NULL).
     */
    private static boolean allValues(List<Batch> chunks, int column, boolean ints, LongPredicate add) {
        for (Batch b : chunks) {
            // pinned, not held: a stored chunk's column may leave the buffer pool once checked
            b.pin();
            try {
                FieldVector vector = b.pinnedVector(column);
                if (vector.getNullCount() > 0) {
                    return false;
                }
                MemorySegment values = QueryMemory.segment(vector.getDataBuffer());
                for (int i = 0; i < b.rowCount(); i++) {
                    if (!add.test(ints ? values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i)
                            : values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i))) {
                        return false;
                    }
                }
            } finally {
                b.unpin();
            }
        }
        return true;
    }

    /** An open-addressing set of longs that doubles when half full. */
    private static final class LongSet {
        private long[] slots = new long[1024];
        private boolean[] used = new boolean[1024];
        private int size;

        /** Adds a value; false when it was there already. */
        boolean add(long v) {
            if (!insert(slots, used, v)) {
                return false;
            }
            if (++size > slots.length >>> 1) {
                long[] bigger = new long[slots.length << 1];
                boolean[] biggerUsed = new boolean[bigger.length];
                for (int k = 0; k < slots.length; k++) {
                    if (used[k]) {
                        insert(bigger, biggerUsed, slots[k]);
                    }
                }
                slots = bigger;
                used = biggerUsed;
            }
            return true;
        }
    }

    /** Adds a value to an open-addressing set; false when it was there already. */
    private static boolean insert(long[] slots, boolean[] used, long v) {
        int mask = slots.length - 1;
        int h = (int) ((v * 0x9E3779B97F4A7C15L) >>> 33) & mask;
        while (used[h]) {
            if (slots[h] == v) {
                return false;
            }
            h = (h + 1) & mask;
        }
        used[h] = true;
        slots[h] = v;
        return true;
    }
}
