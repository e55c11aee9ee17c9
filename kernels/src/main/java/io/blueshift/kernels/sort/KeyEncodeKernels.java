package io.blueshift.kernels.sort;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twin of {@link KeyEncodeScalar} for the wide and common types (int, long,
 * float, double) and for placing values into key words; the narrow ones (short, boolean,
 * decimal halves, string prefixes) delegate to the scalar twin, where loads dominate anyway.
 */
public final class KeyEncodeKernels {
    private static final VectorSpecies<Long> LONGS = Simd.LONG;
    private static final VectorSpecies<Double> DOUBLES = Simd.DOUBLE;
    private static final VectorSpecies<Integer> INTS = Simd.INT;
    private static final VectorSpecies<Float> FLOATS = Simd.FLOAT;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final long CANONICAL_NAN = Double.doubleToLongBits(Double.NaN);
    private static final int CANONICAL_FLOAT_NAN = Float.floatToIntBits(Float.NaN);

    private KeyEncodeKernels() {
    }

    public static void encodeShort(MemorySegment values, int n, boolean desc, long[] out) {
        KeyEncodeScalar.encodeShort(values, n, desc, out);
    }

    public static void encodeInt(MemorySegment values, int n, boolean desc, long[] out) {
        int lanes = INTS.length();
        int half = LONGS.length();
        long flip = desc ? 0xFFFF_FFFFL : 0;
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            IntVector v = IntVector.fromMemorySegment(INTS, values, (long) i << 2, LE).lanewise(VectorOperators.XOR, Integer.MIN_VALUE);
            widenUnsigned(v, flip, out, i, half);
        }
        for (; i < n; i++) {
            out[i] = KeyEncodeScalar.intKey(values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i), flip);
        }
    }

    public static void encodeFloat(MemorySegment values, int n, boolean desc, long[] out) {
        int lanes = FLOATS.length();
        int half = LONGS.length();
        long flip = desc ? 0xFFFF_FFFFL : 0;
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            FloatVector f = FloatVector.fromMemorySegment(FLOATS, values, (long) i << 2, LE).add(0.0f);
            IntVector bits = f.viewAsIntegralLanes().blend(CANONICAL_FLOAT_NAN, f.test(VectorOperators.IS_NAN).cast(INTS));
            IntVector v = bits.lanewise(VectorOperators.XOR,
                    bits.lanewise(VectorOperators.ASHR, 31).lanewise(VectorOperators.OR, Integer.MIN_VALUE));
            widenUnsigned(v, flip, out, i, half);
        }
        for (; i < n; i++) {
            out[i] = KeyEncodeScalar.floatKey(values.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i), flip);
        }
    }

    private static void widenUnsigned(IntVector v, long flip, long[] out, int i, int half) {
        ((LongVector) v.convertShape(VectorOperators.I2L, LONGS, 0)).lanewise(VectorOperators.AND, 0xFFFF_FFFFL)
                .lanewise(VectorOperators.XOR, flip).intoArray(out, i);
        ((LongVector) v.convertShape(VectorOperators.I2L, LONGS, 1)).lanewise(VectorOperators.AND, 0xFFFF_FFFFL)
                .lanewise(VectorOperators.XOR, flip).intoArray(out, i + half);
    }

    public static void encodeLong(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? Long.MAX_VALUE : Long.MIN_VALUE;
        int lanes = LONGS.length();
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            LongVector.fromMemorySegment(LONGS, values, (long) i << 3, LE).lanewise(VectorOperators.XOR, flip).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i) ^ flip;
        }
    }

    public static void encodeDouble(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? -1L : 0;
        int lanes = DOUBLES.length();
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            DoubleVector d = DoubleVector.fromMemorySegment(DOUBLES, values, (long) i << 3, LE).add(0.0);
            VectorMask<Long> nan = d.test(VectorOperators.IS_NAN).cast(LONGS);
            LongVector bits = d.viewAsIntegralLanes().blend(CANONICAL_NAN, nan);
            bits.lanewise(VectorOperators.XOR,
                            bits.lanewise(VectorOperators.ASHR, 63).lanewise(VectorOperators.OR, Long.MIN_VALUE))
                    .lanewise(VectorOperators.XOR, flip).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = KeyEncodeScalar.doubleKey(values.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i), flip);
        }
    }

    public static void encodeDecimalHigh(MemorySegment values, int n, boolean desc, long[] out) {
        KeyEncodeScalar.encodeDecimalHigh(values, n, desc, out);
    }

    public static void encodeDecimalLow(MemorySegment values, int n, boolean desc, long[] out) {
        KeyEncodeScalar.encodeDecimalLow(values, n, desc, out);
    }

    public static void encodeBoolean(MemorySegment values, int n, boolean desc, long[] out) {
        KeyEncodeScalar.encodeBoolean(values, n, desc, out);
    }

    public static void encodeStringPrefix(MemorySegment offsets, MemorySegment data, int n, boolean desc, long[] out) {
        KeyEncodeScalar.encodeStringPrefix(offsets, data, n, desc, out);
    }

    /** As {@link KeyEncodeScalar#place}, a vector of rows at a time. */
    public static void place(long[] tmp, int n, int bytePos, int size, long[][] words) {
        int w = bytePos >>> 3;
        int o = bytePos & 7;
        int lanes = LONGS.length();
        int i = 0;
        if (o + size <= 8) {
            long[] dst = words[w];
            int shift = (8 - o - size) << 3;
            for (; i + lanes <= n; i += lanes) {
                LongVector.fromArray(LONGS, tmp, i).lanewise(VectorOperators.LSHL, shift)
                        .or(LongVector.fromArray(LONGS, dst, i)).intoArray(dst, i);
            }
            KeyEncodeScalar.placeRange(tmp, i, n, bytePos, size, words);
            return;
        }
        int lowBytes = o + size - 8;
        long[] hi = words[w];
        long[] lo = words[w + 1];
        int hiShift = lowBytes << 3;
        int loShift = (8 - lowBytes) << 3;
        for (; i + lanes <= n; i += lanes) {
            LongVector v = LongVector.fromArray(LONGS, tmp, i);
            v.lanewise(VectorOperators.LSHR, hiShift).or(LongVector.fromArray(LONGS, hi, i)).intoArray(hi, i);
            v.lanewise(VectorOperators.LSHL, loShift).or(LongVector.fromArray(LONGS, lo, i)).intoArray(lo, i);
        }
        KeyEncodeScalar.placeRange(tmp, i, n, bytePos, size, words);
    }
}
