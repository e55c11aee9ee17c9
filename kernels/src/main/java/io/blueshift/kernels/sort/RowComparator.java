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
        for (SortKey key : keys) {
            boolean validA = Bitmaps.isValid(key.validity(), a);
            boolean validB = Bitmaps.isValid(key.validity(), b);
            if (!validA || !validB) {
                if (validA == validB) {
                    continue;
                }
                return !validA == key.nullsFirst() ? -1 : 1;
            }
            int c = compareValues(key, a, b);
            if (c != 0) {
                return key.descending() ? -c : c;
            }
        }
        return 0;
    }

    private static int compareValues(SortKey key, int a, int b) {
        MemorySegment v = key.values();
        return switch (key.type()) {
            case SHORT -> Short.compare(v.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, a),
                    v.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, b));
            case INT -> Integer.compare(v.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, a),
                    v.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, b));
            case LONG -> Long.compare(v.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, a),
                    v.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, b));
            case FLOAT -> Float.compare(v.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, a) + 0.0f,
                    v.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, b) + 0.0f);
            case DOUBLE -> Double.compare(v.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, a) + 0.0,
                    v.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, b) + 0.0);
            case DECIMAL128 -> compareDecimal(v, a, b);
            case STRING -> compareStrings(key.offsets(), v, a, b);
            case BOOLEAN -> Boolean.compare(Bitmaps.isValid(v, a), Bitmaps.isValid(v, b));
        };
    }

    private static int compareDecimal(MemorySegment v, int a, int b) {
        int c = Long.compare(v.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * a + 8),
                v.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * b + 8));
        return c != 0 ? c : Long.compareUnsigned(v.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * a),
                v.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * b));
    }

    static int compareStrings(MemorySegment offsets, MemorySegment data, int a, int b) {
        long aStart = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, a);
        long aEnd = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, a + 1L);
        long bStart = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, b);
        long bEnd = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, b + 1L);
        long at = MemorySegment.mismatch(data, aStart, aEnd, data, bStart, bEnd);
        if (at < 0) {
            return 0;
        }
        if (at == aEnd - aStart || at == bEnd - bStart) {
            return Long.compare(aEnd - aStart, bEnd - bStart);
        }
        return Integer.compare(data.get(ValueLayout.JAVA_BYTE, aStart + at) & 0xFF,
                data.get(ValueLayout.JAVA_BYTE, bStart + at) & 0xFF);
    }
}
