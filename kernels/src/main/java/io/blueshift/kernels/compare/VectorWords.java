package io.blueshift.kernels.compare;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.XOR;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;

/**
 * One full bitmap word (64 rows) of a predicate with the Vector API: each vector compare gives a
 * mask whose {@code toLong()} bits are shifted into place. A word is the unit every output form
 * shares (bitmap words are stored, selections expand them into positions), and a call per 64 rows
 * is cheap next to the 64 rows' memory traffic. The switch on the predicate's kind sits outside
 * each vector loop, so every loop sees a constant operator.
 *
 * <p>DECIMAL128 is evaluated by {@link ScalarWords}: the Vector API has no 128-bit lanes, so a
 * vector compare would need a signed compare of the high lanes, an unsigned compare of the low
 * lanes and a shuffle to combine neighbouring lanes, which costs about what the scalar loop's two
 * loads and compares do, and wide decimals are rare in filters.
 *
 * <p>Float and double columns are loaded and turned into {@link FloatKeys} in registers, so their
 * loops are the integer loops over keys.
 */
final class VectorWords {
    private static final ByteOrder LE_ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SL = Simd.SHORT.length();
    private static final int IL = Simd.INT.length();
    private static final int LL = Simd.LONG.length();

    private VectorWords() {
    }

    /** The predicate (before negation) on the 64 rows from {@code row}, all of which exist. */
    static long word(ComparePredicate p, MemorySegment a, MemorySegment b, int row) {
        return switch (p.type) {
            case SHORT -> shortWord(p, a, b, (long) row << 1);
            case INT -> intWord(p, a, b, (long) row << 2);
            case LONG -> longWord(p, a, b, (long) row << 3);
            case FLOAT -> floatWord(p, a, b, (long) row << 2);
            case DOUBLE -> doubleWord(p, a, b, (long) row << 3);
            case DECIMAL128 -> ScalarWords.word(p, a, b, row, 64);
        };
    }

    private static ShortVector shorts(MemorySegment s, long offset) {
        return ShortVector.fromMemorySegment(Simd.SHORT, s, offset, LE_ORDER);
    }

    private static IntVector ints(MemorySegment s, long offset) {
        return IntVector.fromMemorySegment(Simd.INT, s, offset, LE_ORDER);
    }

    private static LongVector longs(MemorySegment s, long offset) {
        return LongVector.fromMemorySegment(Simd.LONG, s, offset, LE_ORDER);
    }

    /** Float keys in registers (see {@link FloatKeys}): -0.0 + 0.0 is 0.0, NaNs become one NaN. */
    private static IntVector floatKeys(MemorySegment s, long offset) {
        FloatVector f = FloatVector.fromMemorySegment(Simd.FLOAT, s, offset, LE_ORDER).add(0.0f);
        IntVector bits = ((IntVector) f.reinterpretAsInts()).blend(FloatKeys.CANONICAL_NAN_BITS,
                f.test(IS_NAN).cast(Simd.INT));
        return bits.lanewise(XOR, bits.lanewise(ASHR, 31).lanewise(LSHR, 1));
    }

    private static LongVector doubleKeys(MemorySegment s, long offset) {
        DoubleVector d = DoubleVector.fromMemorySegment(Simd.DOUBLE, s, offset, LE_ORDER).add(0.0);
        LongVector bits = ((LongVector) d.reinterpretAsLongs()).blend(FloatKeys.CANONICAL_NAN_BITS_DOUBLE,
                d.test(IS_NAN).cast(Simd.LONG));
        return bits.lanewise(XOR, bits.lanewise(ASHR, 63).lanewise(LSHR, 1));
    }

    private static long shortWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        short lo = (short) p.lo;
        short hi = (short) p.hi;
        long w = 0;
        switch (p.kind) {
            case EQ -> {
                for (int k = 0; k < 64; k += SL) {
                    w |= shorts(a, base + 2L * k).compare(EQ, lo).toLong() << k;
                }
            }
            case LT -> {
                for (int k = 0; k < 64; k += SL) {
                    w |= shorts(a, base + 2L * k).compare(LT, lo).toLong() << k;
                }
            }
            case LE -> {
                for (int k = 0; k < 64; k += SL) {
                    w |= shorts(a, base + 2L * k).compare(LE, lo).toLong() << k;
                }
            }
            case BETWEEN -> {
                for (int k = 0; k < 64; k += SL) {
                    ShortVector v = shorts(a, base + 2L * k);
                    w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
                }
            }
            case IN -> {
                for (int k = 0; k < 64; k += SL) {
                    ShortVector v = shorts(a, base + 2L * k);
                    for (long key : p.keys) {
                        w |= v.compare(EQ, (short) key).toLong() << k;
                    }
                }
            }
            case COL_EQ -> {
                for (int k = 0; k < 64; k += SL) {
                    w |= shorts(a, base + 2L * k).compare(EQ, shorts(b, base + 2L * k)).toLong() << k;
                }
            }
            case COL_LT -> {
                for (int k = 0; k < 64; k += SL) {
                    w |= shorts(a, base + 2L * k).compare(LT, shorts(b, base + 2L * k)).toLong() << k;
                }
            }
            case COL_LE -> {
                for (int k = 0; k < 64; k += SL) {
                    w |= shorts(a, base + 2L * k).compare(LE, shorts(b, base + 2L * k)).toLong() << k;
                }
            }
        }
        return w;
    }

    private static long intWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        int hi = (int) p.hi;
        long w = 0;
        switch (p.kind) {
            case EQ -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= ints(a, base + 4L * k).compare(EQ, lo).toLong() << k;
                }
            }
            case LT -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= ints(a, base + 4L * k).compare(LT, lo).toLong() << k;
                }
            }
            case LE -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= ints(a, base + 4L * k).compare(LE, lo).toLong() << k;
                }
            }
            case BETWEEN -> {
                for (int k = 0; k < 64; k += IL) {
                    IntVector v = ints(a, base + 4L * k);
                    w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
                }
            }
            case IN -> {
                for (int k = 0; k < 64; k += IL) {
                    IntVector v = ints(a, base + 4L * k);
                    for (long key : p.keys) {
                        w |= v.compare(EQ, (int) key).toLong() << k;
                    }
                }
            }
            case COL_EQ -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= ints(a, base + 4L * k).compare(EQ, ints(b, base + 4L * k)).toLong() << k;
                }
            }
            case COL_LT -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= ints(a, base + 4L * k).compare(LT, ints(b, base + 4L * k)).toLong() << k;
                }
            }
            case COL_LE -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= ints(a, base + 4L * k).compare(LE, ints(b, base + 4L * k)).toLong() << k;
                }
            }
        }
        return w;
    }

    private static long floatWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        int hi = (int) p.hi;
        long w = 0;
        switch (p.kind) {
            case EQ -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= floatKeys(a, base + 4L * k).compare(EQ, lo).toLong() << k;
                }
            }
            case LT -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= floatKeys(a, base + 4L * k).compare(LT, lo).toLong() << k;
                }
            }
            case LE -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= floatKeys(a, base + 4L * k).compare(LE, lo).toLong() << k;
                }
            }
            case BETWEEN -> {
                for (int k = 0; k < 64; k += IL) {
                    IntVector v = floatKeys(a, base + 4L * k);
                    w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
                }
            }
            case IN -> {
                for (int k = 0; k < 64; k += IL) {
                    IntVector v = floatKeys(a, base + 4L * k);
                    for (long key : p.keys) {
                        w |= v.compare(EQ, (int) key).toLong() << k;
                    }
                }
            }
            case COL_EQ -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= floatKeys(a, base + 4L * k).compare(EQ, floatKeys(b, base + 4L * k)).toLong() << k;
                }
            }
            case COL_LT -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= floatKeys(a, base + 4L * k).compare(LT, floatKeys(b, base + 4L * k)).toLong() << k;
                }
            }
            case COL_LE -> {
                for (int k = 0; k < 64; k += IL) {
                    w |= floatKeys(a, base + 4L * k).compare(LE, floatKeys(b, base + 4L * k)).toLong() << k;
                }
            }
        }
        return w;
    }

    private static long longWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long hi = p.hi;
        long w = 0;
        switch (p.kind) {
            case EQ -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= longs(a, base + 8L * k).compare(EQ, lo).toLong() << k;
                }
            }
            case LT -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= longs(a, base + 8L * k).compare(LT, lo).toLong() << k;
                }
            }
            case LE -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= longs(a, base + 8L * k).compare(LE, lo).toLong() << k;
                }
            }
            case BETWEEN -> {
                for (int k = 0; k < 64; k += LL) {
                    LongVector v = longs(a, base + 8L * k);
                    w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
                }
            }
            case IN -> {
                for (int k = 0; k < 64; k += LL) {
                    LongVector v = longs(a, base + 8L * k);
                    for (long key : p.keys) {
                        w |= v.compare(EQ, key).toLong() << k;
                    }
                }
            }
            case COL_EQ -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= longs(a, base + 8L * k).compare(EQ, longs(b, base + 8L * k)).toLong() << k;
                }
            }
            case COL_LT -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= longs(a, base + 8L * k).compare(LT, longs(b, base + 8L * k)).toLong() << k;
                }
            }
            case COL_LE -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= longs(a, base + 8L * k).compare(LE, longs(b, base + 8L * k)).toLong() << k;
                }
            }
        }
        return w;
    }

    private static long doubleWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long hi = p.hi;
        long w = 0;
        switch (p.kind) {
            case EQ -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= doubleKeys(a, base + 8L * k).compare(EQ, lo).toLong() << k;
                }
            }
            case LT -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= doubleKeys(a, base + 8L * k).compare(LT, lo).toLong() << k;
                }
            }
            case LE -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= doubleKeys(a, base + 8L * k).compare(LE, lo).toLong() << k;
                }
            }
            case BETWEEN -> {
                for (int k = 0; k < 64; k += LL) {
                    LongVector v = doubleKeys(a, base + 8L * k);
                    w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
                }
            }
            case IN -> {
                for (int k = 0; k < 64; k += LL) {
                    LongVector v = doubleKeys(a, base + 8L * k);
                    for (long key : p.keys) {
                        w |= v.compare(EQ, key).toLong() << k;
                    }
                }
            }
            case COL_EQ -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= doubleKeys(a, base + 8L * k).compare(EQ, doubleKeys(b, base + 8L * k)).toLong() << k;
                }
            }
            case COL_LT -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= doubleKeys(a, base + 8L * k).compare(LT, doubleKeys(b, base + 8L * k)).toLong() << k;
                }
            }
            case COL_LE -> {
                for (int k = 0; k < 64; k += LL) {
                    w |= doubleKeys(a, base + 8L * k).compare(LE, doubleKeys(b, base + 8L * k)).toLong() << k;
                }
            }
        }
        return w;
    }
}
