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
 * each vector loop, so every loop sees a constant operator, and each loop is a method of its own:
 * one method holding every kind's loop grew past what C2 inlines once a session had used several
 * kinds (TPC-H Q1 to Q5 before Q6), and its Vector API calls then ran as plain Java calls, not
 * as vector instructions (Q6 took 60 ms instead of 21).
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
        return switch (p.kind) {
            case EQ -> shortEq(p, a, b, base);
            case LT -> shortLt(p, a, b, base);
            case LE -> shortLe(p, a, b, base);
            case BETWEEN -> shortBetween(p, a, b, base);
            case IN -> shortIn(p, a, b, base);
            case COL_EQ -> shortColEq(p, a, b, base);
            case COL_LT -> shortColLt(p, a, b, base);
            case COL_LE -> shortColLe(p, a, b, base);
        };
    }

    private static long shortEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        short lo = (short) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            w |= shorts(a, base + 2L * k).compare(EQ, lo).toLong() << k;
        }
        return w;
    }

    private static long shortLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        short lo = (short) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            w |= shorts(a, base + 2L * k).compare(LT, lo).toLong() << k;
        }
        return w;
    }

    private static long shortLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        short lo = (short) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            w |= shorts(a, base + 2L * k).compare(LE, lo).toLong() << k;
        }
        return w;
    }

    private static long shortBetween(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        short lo = (short) p.lo;
        short hi = (short) p.hi;
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            ShortVector v = shorts(a, base + 2L * k);
            w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
        }
        return w;
    }

    private static long shortIn(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            ShortVector v = shorts(a, base + 2L * k);
            for (long key : p.keys) {
                w |= v.compare(EQ, (short) key).toLong() << k;
            }
        }
        return w;
    }

    private static long shortColEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            w |= shorts(a, base + 2L * k).compare(EQ, shorts(b, base + 2L * k)).toLong() << k;
        }
        return w;
    }

    private static long shortColLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            w |= shorts(a, base + 2L * k).compare(LT, shorts(b, base + 2L * k)).toLong() << k;
        }
        return w;
    }

    private static long shortColLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += SL) {
            w |= shorts(a, base + 2L * k).compare(LE, shorts(b, base + 2L * k)).toLong() << k;
        }
        return w;
    }

    private static long intWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        return switch (p.kind) {
            case EQ -> intEq(p, a, b, base);
            case LT -> intLt(p, a, b, base);
            case LE -> intLe(p, a, b, base);
            case BETWEEN -> intBetween(p, a, b, base);
            case IN -> intIn(p, a, b, base);
            case COL_EQ -> intColEq(p, a, b, base);
            case COL_LT -> intColLt(p, a, b, base);
            case COL_LE -> intColLe(p, a, b, base);
        };
    }

    private static long intEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= ints(a, base + 4L * k).compare(EQ, lo).toLong() << k;
        }
        return w;
    }

    private static long intLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= ints(a, base + 4L * k).compare(LT, lo).toLong() << k;
        }
        return w;
    }

    private static long intLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= ints(a, base + 4L * k).compare(LE, lo).toLong() << k;
        }
        return w;
    }

    private static long intBetween(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        int hi = (int) p.hi;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            IntVector v = ints(a, base + 4L * k);
            w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
        }
        return w;
    }

    private static long intIn(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            IntVector v = ints(a, base + 4L * k);
            for (long key : p.keys) {
                w |= v.compare(EQ, (int) key).toLong() << k;
            }
        }
        return w;
    }

    private static long intColEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= ints(a, base + 4L * k).compare(EQ, ints(b, base + 4L * k)).toLong() << k;
        }
        return w;
    }

    private static long intColLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= ints(a, base + 4L * k).compare(LT, ints(b, base + 4L * k)).toLong() << k;
        }
        return w;
    }

    private static long intColLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= ints(a, base + 4L * k).compare(LE, ints(b, base + 4L * k)).toLong() << k;
        }
        return w;
    }

    private static long floatWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        return switch (p.kind) {
            case EQ -> floatEq(p, a, b, base);
            case LT -> floatLt(p, a, b, base);
            case LE -> floatLe(p, a, b, base);
            case BETWEEN -> floatBetween(p, a, b, base);
            case IN -> floatIn(p, a, b, base);
            case COL_EQ -> floatColEq(p, a, b, base);
            case COL_LT -> floatColLt(p, a, b, base);
            case COL_LE -> floatColLe(p, a, b, base);
        };
    }

    private static long floatEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= floatKeys(a, base + 4L * k).compare(EQ, lo).toLong() << k;
        }
        return w;
    }

    private static long floatLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= floatKeys(a, base + 4L * k).compare(LT, lo).toLong() << k;
        }
        return w;
    }

    private static long floatLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= floatKeys(a, base + 4L * k).compare(LE, lo).toLong() << k;
        }
        return w;
    }

    private static long floatBetween(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        int lo = (int) p.lo;
        int hi = (int) p.hi;
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            IntVector v = floatKeys(a, base + 4L * k);
            w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
        }
        return w;
    }

    private static long floatIn(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            IntVector v = floatKeys(a, base + 4L * k);
            for (long key : p.keys) {
                w |= v.compare(EQ, (int) key).toLong() << k;
            }
        }
        return w;
    }

    private static long floatColEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= floatKeys(a, base + 4L * k).compare(EQ, floatKeys(b, base + 4L * k)).toLong() << k;
        }
        return w;
    }

    private static long floatColLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= floatKeys(a, base + 4L * k).compare(LT, floatKeys(b, base + 4L * k)).toLong() << k;
        }
        return w;
    }

    private static long floatColLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += IL) {
            w |= floatKeys(a, base + 4L * k).compare(LE, floatKeys(b, base + 4L * k)).toLong() << k;
        }
        return w;
    }

    private static long longWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        return switch (p.kind) {
            case EQ -> longEq(p, a, b, base);
            case LT -> longLt(p, a, b, base);
            case LE -> longLe(p, a, b, base);
            case BETWEEN -> longBetween(p, a, b, base);
            case IN -> longIn(p, a, b, base);
            case COL_EQ -> longColEq(p, a, b, base);
            case COL_LT -> longColLt(p, a, b, base);
            case COL_LE -> longColLe(p, a, b, base);
        };
    }

    private static long longEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= longs(a, base + 8L * k).compare(EQ, lo).toLong() << k;
        }
        return w;
    }

    private static long longLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= longs(a, base + 8L * k).compare(LT, lo).toLong() << k;
        }
        return w;
    }

    private static long longLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= longs(a, base + 8L * k).compare(LE, lo).toLong() << k;
        }
        return w;
    }

    private static long longBetween(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long hi = p.hi;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            LongVector v = longs(a, base + 8L * k);
            w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
        }
        return w;
    }

    private static long longIn(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            LongVector v = longs(a, base + 8L * k);
            for (long key : p.keys) {
                w |= v.compare(EQ, key).toLong() << k;
            }
        }
        return w;
    }

    private static long longColEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= longs(a, base + 8L * k).compare(EQ, longs(b, base + 8L * k)).toLong() << k;
        }
        return w;
    }

    private static long longColLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= longs(a, base + 8L * k).compare(LT, longs(b, base + 8L * k)).toLong() << k;
        }
        return w;
    }

    private static long longColLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= longs(a, base + 8L * k).compare(LE, longs(b, base + 8L * k)).toLong() << k;
        }
        return w;
    }

    private static long doubleWord(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        return switch (p.kind) {
            case EQ -> doubleEq(p, a, b, base);
            case LT -> doubleLt(p, a, b, base);
            case LE -> doubleLe(p, a, b, base);
            case BETWEEN -> doubleBetween(p, a, b, base);
            case IN -> doubleIn(p, a, b, base);
            case COL_EQ -> doubleColEq(p, a, b, base);
            case COL_LT -> doubleColLt(p, a, b, base);
            case COL_LE -> doubleColLe(p, a, b, base);
        };
    }

    private static long doubleEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= doubleKeys(a, base + 8L * k).compare(EQ, lo).toLong() << k;
        }
        return w;
    }

    private static long doubleLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= doubleKeys(a, base + 8L * k).compare(LT, lo).toLong() << k;
        }
        return w;
    }

    private static long doubleLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= doubleKeys(a, base + 8L * k).compare(LE, lo).toLong() << k;
        }
        return w;
    }

    private static long doubleBetween(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long lo = p.lo;
        long hi = p.hi;
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            LongVector v = doubleKeys(a, base + 8L * k);
            w |= v.compare(GE, lo).and(v.compare(LE, hi)).toLong() << k;
        }
        return w;
    }

    private static long doubleIn(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            LongVector v = doubleKeys(a, base + 8L * k);
            for (long key : p.keys) {
                w |= v.compare(EQ, key).toLong() << k;
            }
        }
        return w;
    }

    private static long doubleColEq(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= doubleKeys(a, base + 8L * k).compare(EQ, doubleKeys(b, base + 8L * k)).toLong() << k;
        }
        return w;
    }

    private static long doubleColLt(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= doubleKeys(a, base + 8L * k).compare(LT, doubleKeys(b, base + 8L * k)).toLong() << k;
        }
        return w;
    }

    private static long doubleColLe(ComparePredicate p, MemorySegment a, MemorySegment b, long base) {
        long w = 0;
        for (int k = 0; k < 64; k += LL) {
            w |= doubleKeys(a, base + 8L * k).compare(LE, doubleKeys(b, base + 8L * k)).toLong() << k;
        }
        return w;
    }
}
