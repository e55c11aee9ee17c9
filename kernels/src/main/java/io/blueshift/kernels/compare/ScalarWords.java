package io.blueshift.kernels.compare;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The scalar reference for one row and for one bitmap word of rows. It is written for clarity,
 * not speed: it is what the SIMD words are tested against, what the SIMD kernels use for the
 * last, partial word of a batch, and the whole of DECIMAL128 (see {@link VectorWords}). The
 * result ignores {@link ComparePredicate#negate}; the drivers apply it to whole words.
 */
final class ScalarWords {
    private ScalarWords() {
    }

    /** Bits {@code 0..count-1} = the predicate (before negation) on rows {@code row..row+count-1}. */
    static long word(ComparePredicate p, MemorySegment a, MemorySegment b, int row, int count) {
        long w = 0;
        for (int i = 0; i < count; i++) {
            if (test(p, a, b, row + i)) {
                w |= 1L << i;
            }
        }
        return w;
    }

    /** The predicate (before negation) on one row. */
    static boolean test(ComparePredicate p, MemorySegment a, MemorySegment b, int row) {
        if (p.type == CompareType.DECIMAL128) {
            return testDecimal128(p, a, b, row);
        }
        long x = key(p.type, a, row);
        return switch (p.kind) {
            case EQ -> x == p.lo;
            case LT -> x < p.lo;
            case LE -> x <= p.lo;
            case BETWEEN -> x >= p.lo && x <= p.hi;
            case IN -> contains(p.keys, x);
            case COL_EQ -> x == key(p.type, b, row);
            case COL_LT -> x < key(p.type, b, row);
            case COL_LE -> x <= key(p.type, b, row);
        };
    }

    /** The value of a row as a key whose signed order is the SQL order of the type. */
    static long key(CompareType type, MemorySegment s, int row) {
        long offset = (long) row * type.byteWidth();
        return switch (type) {
            case SHORT -> s.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset);
            case INT -> s.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
            case LONG -> s.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
            case FLOAT -> FloatKeys.floatKey(s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset));
            case DOUBLE -> FloatKeys.doubleKey(s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset));
            case DECIMAL128 -> throw new IllegalArgumentException("DECIMAL128 has no 64-bit key");
        };
    }

    private static boolean contains(long[] keys, long x) {
        for (long k : keys) {
            if (k == x) {
                return true;
            }
        }
        return false;
    }

    private static boolean testDecimal128(ComparePredicate p, MemorySegment a, MemorySegment b, int row) {
        long offset = (long) row << 4;
        long low = a.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
        long high = a.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8);
        return switch (p.kind) {
            case EQ -> low == p.lo && high == p.hi;
            case LT -> compare128(low, high, p.lo, p.hi) < 0;
            case LE -> compare128(low, high, p.lo, p.hi) <= 0;
            case BETWEEN -> compare128(low, high, p.lo, p.hi) >= 0
                    && compare128(low, high, p.keys[0], p.keys[1]) <= 0;
            case IN -> containsPair(p.keys, low, high);
            case COL_EQ -> compareColumns128(low, high, b, offset) == 0;
            case COL_LT -> compareColumns128(low, high, b, offset) < 0;
            case COL_LE -> compareColumns128(low, high, b, offset) <= 0;
        };
    }

    private static int compareColumns128(long low, long high, MemorySegment b, long offset) {
        return compare128(low, high, b.get(ValueLayout.JAVA_LONG_UNALIGNED, offset),
                b.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8));
    }

    /** Signed 128-bit comparison: the high halves signed, then the low halves unsigned. */
    static int compare128(long aLow, long aHigh, long bLow, long bHigh) {
        int c = Long.compare(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    private static boolean containsPair(long[] pairs, long low, long high) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == low && pairs[i + 1] == high) {
                return true;
            }
        }
        return false;
    }
}
