package io.blueshift.kernels.hash;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API hashing of fixed-width columns, with {@link HashScalar} as its twin (same signatures,
 * same results). Every value is widened into long lanes and mixed there with the multiply-xorshift
 * finalizer of {@link HashMix#hashLong}. Narrow types load a full vector and expand it part by
 * part, so one load feeds two (int, float) or four (short) long vectors. Decimals and strings have
 * no profitable vector form (16-byte and variable-width values), so they use the scalar loops.
 */
public final class HashKernels {
    private static final VectorSpecies<Long> L = Simd.LONG;
    private static final VectorSpecies<Integer> I = Simd.INT;
    private static final VectorSpecies<Short> S = Simd.SHORT;
    private static final VectorSpecies<Float> F = Simd.FLOAT;
    private static final VectorSpecies<Double> D = Simd.DOUBLE;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private HashKernels() {
    }

    static LongVector mix(LongVector v) {
        LongVector x = v.add(HashMix.SEED);
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 30)).mul(HashMix.M1);
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 27)).mul(HashMix.M2);
        return x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 31));
    }

    private static void store(LongVector widened, long[] hashes, int i) {
        mix(widened).intoArray(hashes, i);
    }

    private static void combine(LongVector widened, long[] hashes, int i) {
        LongVector.fromArray(L, hashes, i).mul(HashMix.COMBINE).add(mix(widened)).intoArray(hashes, i);
    }

    /** {@link HashMix#floatKeyBits} lane-wise: -0.0 as 0.0 and one NaN for all. */
    private static IntVector floatKeyBits(FloatVector v) {
        IntVector bits = v.reinterpretAsInts();
        IntVector abs = bits.and(0x7FFFFFFF);
        VectorMask<Integer> nan = abs.compare(VectorOperators.GT, 0x7F800000);
        return bits.blend(0, abs.eq(0)).blend(HashMix.CANONICAL_FLOAT_NAN, nan);
    }

    /** {@link HashMix#doubleKeyBits} lane-wise. */
    private static LongVector doubleKeyBits(DoubleVector v) {
        LongVector bits = v.reinterpretAsLongs();
        LongVector abs = bits.and(0x7FFFFFFFFFFFFFFFL);
        VectorMask<Long> nan = abs.compare(VectorOperators.GT, 0x7FF0000000000000L);
        return bits.blend(0L, abs.eq(0L)).blend(HashMix.CANONICAL_DOUBLE_NAN, nan);
    }

    public static void hashShorts(MemorySegment data, int n, long[] hashes, boolean combine) {
        int step = S.length();
        int ll = L.length();
        int bound = S.loopBound(n);
        int i = 0;
        if (combine) {
            for (; i < bound; i += step) {
                ShortVector v = ShortVector.fromMemorySegment(S, data, (long) i << 1, LE);
                combine((LongVector) v.convertShape(VectorOperators.S2L, L, 0), hashes, i);
                combine((LongVector) v.convertShape(VectorOperators.S2L, L, 1), hashes, i + ll);
                combine((LongVector) v.convertShape(VectorOperators.S2L, L, 2), hashes, i + 2 * ll);
                combine((LongVector) v.convertShape(VectorOperators.S2L, L, 3), hashes, i + 3 * ll);
            }
        } else {
            for (; i < bound; i += step) {
                ShortVector v = ShortVector.fromMemorySegment(S, data, (long) i << 1, LE);
                store((LongVector) v.convertShape(VectorOperators.S2L, L, 0), hashes, i);
                store((LongVector) v.convertShape(VectorOperators.S2L, L, 1), hashes, i + ll);
                store((LongVector) v.convertShape(VectorOperators.S2L, L, 2), hashes, i + 2 * ll);
                store((LongVector) v.convertShape(VectorOperators.S2L, L, 3), hashes, i + 3 * ll);
            }
        }
        for (; i < n; i++) {
            long h = HashMix.hashLong(data.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
            hashes[i] = combine ? HashMix.combine(hashes[i], h) : h;
        }
    }

    public static void hashInts(MemorySegment data, int n, long[] hashes, boolean combine) {
        // one vector loop per method: C2 keeps the intrinsics of a loop that runs (see VectorWords)
        int i = combine ? combineInts(data, n, hashes) : storeInts(data, n, hashes);
        for (; i < n; i++) {
            long h = HashMix.hashLong(data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i));
            hashes[i] = combine ? HashMix.combine(hashes[i], h) : h;
        }
    }

    private static int storeInts(MemorySegment data, int n, long[] hashes) {
        int step = I.length();
        int ll = L.length();
        int bound = I.loopBound(n);
        int i = 0;
        for (; i < bound; i += step) {
            IntVector v = IntVector.fromMemorySegment(I, data, (long) i << 2, LE);
            store((LongVector) v.convertShape(VectorOperators.I2L, L, 0), hashes, i);
            store((LongVector) v.convertShape(VectorOperators.I2L, L, 1), hashes, i + ll);
        }
        return i;
    }

    private static int combineInts(MemorySegment data, int n, long[] hashes) {
        int step = I.length();
        int ll = L.length();
        int bound = I.loopBound(n);
        int i = 0;
        for (; i < bound; i += step) {
            IntVector v = IntVector.fromMemorySegment(I, data, (long) i << 2, LE);
            combine((LongVector) v.convertShape(VectorOperators.I2L, L, 0), hashes, i);
            combine((LongVector) v.convertShape(VectorOperators.I2L, L, 1), hashes, i + ll);
        }
        return i;
    }

    public static void hashLongs(MemorySegment data, int n, long[] hashes, boolean combine) {
        int i = combine ? combineLongs(data, n, hashes) : storeLongs(data, n, hashes);
        for (; i < n; i++) {
            long h = HashMix.hashLong(data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i));
            hashes[i] = combine ? HashMix.combine(hashes[i], h) : h;
        }
    }

    private static int storeLongs(MemorySegment data, int n, long[] hashes) {
        int step = L.length();
        int bound = L.loopBound(n);
        int i = 0;
        for (; i < bound; i += step) {
            store(LongVector.fromMemorySegment(L, data, (long) i << 3, LE), hashes, i);
        }
        return i;
    }

    private static int combineLongs(MemorySegment data, int n, long[] hashes) {
        int step = L.length();
        int bound = L.loopBound(n);
        int i = 0;
        for (; i < bound; i += step) {
            combine(LongVector.fromMemorySegment(L, data, (long) i << 3, LE), hashes, i);
        }
        return i;
    }

    public static void hashFloats(MemorySegment data, int n, long[] hashes, boolean combine) {
        int step = F.length();
        int ll = L.length();
        int bound = F.loopBound(n);
        int i = 0;
        if (combine) {
            for (; i < bound; i += step) {
                IntVector bits = floatKeyBits(FloatVector.fromMemorySegment(F, data, (long) i << 2, LE));
                combine((LongVector) bits.convertShape(VectorOperators.I2L, L, 0), hashes, i);
                combine((LongVector) bits.convertShape(VectorOperators.I2L, L, 1), hashes, i + ll);
            }
        } else {
            for (; i < bound; i += step) {
                IntVector bits = floatKeyBits(FloatVector.fromMemorySegment(F, data, (long) i << 2, LE));
                store((LongVector) bits.convertShape(VectorOperators.I2L, L, 0), hashes, i);
                store((LongVector) bits.convertShape(VectorOperators.I2L, L, 1), hashes, i + ll);
            }
        }
        for (; i < n; i++) {
            long h = HashMix.hashFloat(data.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i));
            hashes[i] = combine ? HashMix.combine(hashes[i], h) : h;
        }
    }

    public static void hashDoubles(MemorySegment data, int n, long[] hashes, boolean combine) {
        int step = D.length();
        int bound = D.loopBound(n);
        int i = 0;
        if (combine) {
            for (; i < bound; i += step) {
                combine(doubleKeyBits(DoubleVector.fromMemorySegment(D, data, (long) i << 3, LE)), hashes, i);
            }
        } else {
            for (; i < bound; i += step) {
                store(doubleKeyBits(DoubleVector.fromMemorySegment(D, data, (long) i << 3, LE)), hashes, i);
            }
        }
        for (; i < n; i++) {
            long h = HashMix.hashDouble(data.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i));
            hashes[i] = combine ? HashMix.combine(hashes[i], h) : h;
        }
    }

    public static void hashDecimal128(MemorySegment data, int n, long[] hashes, boolean combine) {
        HashScalar.hashDecimal128(data, n, hashes, combine);
    }

    public static void hashStrings(MemorySegment offsets, MemorySegment data, int n, long[] hashes, boolean combine) {
        HashScalar.hashStrings(offsets, data, n, hashes, combine);
    }

    public static void combineHashes(long[] next, int n, long[] hashes) {
        int step = L.length();
        int bound = L.loopBound(n);
        int i = 0;
        for (; i < bound; i += step) {
            LongVector h = LongVector.fromArray(L, hashes, i).mul(HashMix.COMBINE);
            h.add(LongVector.fromArray(L, next, i)).intoArray(hashes, i);
        }
        for (; i < n; i++) {
            hashes[i] = HashMix.combine(hashes[i], next[i]);
        }
    }
}
