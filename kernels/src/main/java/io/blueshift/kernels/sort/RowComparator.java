package io.blueshift.kernels.sort;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Compares two rows by all sort keys, value by value: the reference order that normalized keys
 * must reproduce, and the tie-break for string keys whose 8-byte prefixes are equal. NaN sorts
 * above every number and equals itself, -0.0 equals 0.0, strings compare by unsigned bytes.
 */
final class RowComparator implements RowOrder {
    private final SortKey[] keys;

    RowComparator(SortKey[] keys) {
        this.keys = keys.clone();
    }

    @Override
    public int compare(int a, int b) {
        return compare(keys, a, keys, b);
    }

    /**
     * Row {@code a} of the columns {@code x} against row {@code b} of {@code y}: the same keys
     * (types, directions, NULL placement) over two batches, as a merge of sorted runs needs.
     */
    static int compare(SortKey[] x, int a, SortKey[] y, int b) {
        for (int k = 0; k < x.length; k++) {
            SortKey kx = x[k];
            boolean validA = Bitmaps.isValid(kx.validity(), a);
            boolean validB = Bitmaps.isValid(y[k].validity(), b);
            if (!validA || !validB) {
                if (validA == validB) {
                    continue;
                }
                return !validA == kx.nullsFirst() ? -1 : 1;
            }
            int c = compareValues(kx, a, y[k], b);
            if (c != 0) {
                return kx.descending() ? -c : c;
            }
        }
        return 0;
    }

    private static int compareValues(SortKey kx, int a, SortKey ky, int b) {
        MemorySegment v = kx.values();
        MemorySegment w = ky.values();
        return switch (kx.type()) {
            case SHORT -> Short.compare(v.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, a),
                    w.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, b));
            case INT -> Integer.compare(v.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, a),
                    w.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, b));
            case LONG -> Long.compare(v.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, a),
                    w.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, b));
            case FLOAT -> Float.compare(v.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, a) + 0.0f,
                    w.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, b) + 0.0f);
            case DOUBLE -> Double.compare(v.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, a) + 0.0,
                    w.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, b) + 0.0);
            case DECIMAL128 -> compareDecimal(v, a, w, b);
            case STRING -> compareStrings(kx.offsets(), v, a, ky.offsets(), w, b);
            case BOOLEAN -> Boolean.compare(Bitmaps.isValid(v, a), Bitmaps.isValid(w, b));
        };
    }

    private static int compareDecimal(MemorySegment v, int a, MemorySegment w, int b) {
        int c = Long.compare(v.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * a + 8),
                w.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * b + 8));
        return c != 0 ? c : Long.compareUnsigned(v.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * a),
                w.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * b));
    }

    static int compareStrings(MemorySegment offsets, MemorySegment data, int a, int b) {
        return compareStrings(offsets, data, a, offsets, data, b);
    }

    private static int compareStrings(MemorySegment offsetsA, MemorySegment dataA, int a, MemorySegment offsetsB,
                                      MemorySegment dataB, int b) {
        long aStart = offsetsA.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, a);
        long aEnd = offsetsA.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, a + 1L);
        long bStart = offsetsB.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, b);
        long bEnd = offsetsB.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, b + 1L);
        long at = MemorySegment.mismatch(dataA, aStart, aEnd, dataB, bStart, bEnd);
        if (at < 0) {
            return 0;
        }
        if (at == aEnd - aStart || at == bEnd - bStart) {
            return Long.compare(aEnd - aStart, bEnd - bStart);
        }
        return Integer.compare(dataA.get(ValueLayout.JAVA_BYTE, aStart + at) & 0xFF,
                dataB.get(ValueLayout.JAVA_BYTE, bStart + at) & 0xFF);
    }
}
