package io.blueshift.kernels.agg;

import io.blueshift.kernels.Simd;
import io.blueshift.kernels.arith.Int128;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API aggregates; same contracts as {@link AggScalar}. The row bitmap becomes a lane
 * mask per vector ({@code VectorMask.fromLong}, which needs the lane count to divide 64, as it
 * does for every species) and accumulators are only updated in selected lanes, so one loop
 * serves columns with and without nulls or selections. Narrow types are widened to the
 * accumulator's lane type as they are loaded: ints and floats to longs and doubles, shorts to
 * ints summed in blocks short enough that an int cannot overflow.
 */
public final class AggKernels {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Long> LONG = Simd.LONG;
    private static final VectorSpecies<Double> DOUBLE = Simd.DOUBLE;
    private static final VectorShape HALF = VectorShape.forBitSize(Simd.BITS / 2);
    private static final VectorSpecies<Integer> HALF_INT = IntVector.SPECIES_PREFERRED.withShape(HALF);
    private static final VectorSpecies<Float> HALF_FLOAT = FloatVector.SPECIES_PREFERRED.withShape(HALF);
    private static final VectorSpecies<Short> HALF_SHORT = ShortVector.SPECIES_PREFERRED.withShape(HALF);
    /** Rows per block of the short sum: 2^15 rows of at most 2^15 in magnitude fit in an int. */
    private static final int SHORT_BLOCK = 1 << 15;

    private AggKernels() {
    }

    private static <E> VectorMask<E> mask(VectorSpecies<E> species, long[] rows, int i) {
        return rows == null ? species.maskAll(true) : VectorMask.fromLong(species, rows[i >>> 6] >>> (i & 63));
    }

    /** See {@link AggScalar#sumLong}: high and low 32-bit halves are summed in separate lanes. */
    public static Int128 sumLong(MemorySegment values, long[] rows, int n) {
        if (rows == null) {
            return sumLongAll(values, n);
        }
        LongVector hi = LongVector.zero(LONG);
        LongVector lo = LongVector.zero(LONG);
        int i = 0;
        for (int bound = LONG.loopBound(n); i < bound; i += LONG.length()) {
            VectorMask<Long> m = mask(LONG, rows, i);
            LongVector v = LongVector.fromMemorySegment(LONG, values, (long) i << 3, LE);
            hi = hi.add(v.lanewise(VectorOperators.ASHR, 32), m);
            lo = lo.add(v.and(0xFFFF_FFFFL), m);
        }
        // Summed over all lanes the halves stay below n * 2^32 < 2^63, so the reductions are exact.
        long[] halves = {hi.reduceLanes(VectorOperators.ADD), lo.reduceLanes(VectorOperators.ADD)};
        AggScalar.sumLongHalves(values, rows, i, n, halves);
        return AggScalar.combine(halves[0], halves[1]);
    }

    /** {@link #sumLong} over every row: no mask to load, so the loop runs at memory speed. */
    private static Int128 sumLongAll(MemorySegment values, int n) {
        LongVector hi = LongVector.zero(LONG);
        LongVector lo = LongVector.zero(LONG);
        int i = 0;
        for (int bound = LONG.loopBound(n); i < bound; i += LONG.length()) {
            LongVector v = LongVector.fromMemorySegment(LONG, values, (long) i << 3, LE);
            hi = hi.add(v.lanewise(VectorOperators.ASHR, 32));
            lo = lo.add(v.and(0xFFFF_FFFFL));
        }
        long[] halves = {hi.reduceLanes(VectorOperators.ADD), lo.reduceLanes(VectorOperators.ADD)};
        AggScalar.sumLongHalves(values, null, i, n, halves);
        return AggScalar.combine(halves[0], halves[1]);
    }

    public static long sumInt(MemorySegment values, long[] rows, int n) {
        LongVector sum = LongVector.zero(LONG);
        int i = 0;
        for (int bound = HALF_INT.loopBound(n); i < bound; i += HALF_INT.length()) {
            LongVector v = (LongVector) IntVector.fromMemorySegment(HALF_INT, values, (long) i << 2, LE)
                    .convertShape(VectorOperators.I2L, LONG, 0);
            sum = sum.add(v, mask(LONG, rows, i));
        }
        return sum.reduceLanes(VectorOperators.ADD) + AggScalar.sumInt(values, rows, i, n);
    }

    public static long sumShort(MemorySegment values, long[] rows, int n) {
        long total = 0;
        int i = 0;
        int bound = HALF_SHORT.loopBound(n);
        while (i < bound) {
            IntVector sum = IntVector.zero(Simd.INT);
            for (int end = Math.min(bound, i + SHORT_BLOCK); i < end; i += HALF_SHORT.length()) {
                IntVector v = (IntVector) ShortVector.fromMemorySegment(HALF_SHORT, values, (long) i << 1, LE)
                        .convertShape(VectorOperators.S2I, Simd.INT, 0);
                sum = sum.add(v, mask(Simd.INT, rows, i));
            }
            total += sum.reduceLanes(VectorOperators.ADD);
        }
        return total + AggScalar.sumShort(values, rows, i, n);
    }

    public static double sumDouble(MemorySegment values, long[] rows, int n) {
        DoubleVector sum = DoubleVector.zero(DOUBLE);
        int i = 0;
        for (int bound = DOUBLE.loopBound(n); i < bound; i += DOUBLE.length()) {
            sum = sum.add(DoubleVector.fromMemorySegment(DOUBLE, values, (long) i << 3, LE), mask(DOUBLE, rows, i));
        }
        return sum.reduceLanes(VectorOperators.ADD) + AggScalar.sumDouble(values, rows, i, n);
    }

    public static double sumFloat(MemorySegment values, long[] rows, int n) {
        DoubleVector sum = DoubleVector.zero(DOUBLE);
        int i = 0;
        for (int bound = HALF_FLOAT.loopBound(n); i < bound; i += HALF_FLOAT.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromMemorySegment(HALF_FLOAT, values, (long) i << 2, LE)
                    .convertShape(VectorOperators.F2D, DOUBLE, 0);
            sum = sum.add(v, mask(DOUBLE, rows, i));
        }
        return sum.reduceLanes(VectorOperators.ADD) + AggScalar.sumFloat(values, rows, i, n);
    }

    public static long minLong(MemorySegment values, long[] rows, int n) {
        LongVector acc = LongVector.broadcast(LONG, Long.MAX_VALUE);
        int i = 0;
        for (int bound = LONG.loopBound(n); i < bound; i += LONG.length()) {
            LongVector v = LongVector.fromMemorySegment(LONG, values, (long) i << 3, LE);
            acc = acc.lanewise(VectorOperators.MIN, v, mask(LONG, rows, i));
        }
        return AggScalar.minLong(values, rows, i, n, acc.reduceLanes(VectorOperators.MIN));
    }

    public static long maxLong(MemorySegment values, long[] rows, int n) {
        LongVector acc = LongVector.broadcast(LONG, Long.MIN_VALUE);
        int i = 0;
        for (int bound = LONG.loopBound(n); i < bound; i += LONG.length()) {
            LongVector v = LongVector.fromMemorySegment(LONG, values, (long) i << 3, LE);
            acc = acc.lanewise(VectorOperators.MAX, v, mask(LONG, rows, i));
        }
        return AggScalar.maxLong(values, rows, i, n, acc.reduceLanes(VectorOperators.MAX));
    }

    public static int minInt(MemorySegment values, long[] rows, int n) {
        IntVector acc = IntVector.broadcast(Simd.INT, Integer.MAX_VALUE);
        int i = 0;
        for (int bound = Simd.INT.loopBound(n); i < bound; i += Simd.INT.length()) {
            IntVector v = IntVector.fromMemorySegment(Simd.INT, values, (long) i << 2, LE);
            acc = acc.lanewise(VectorOperators.MIN, v, mask(Simd.INT, rows, i));
        }
        return AggScalar.minInt(values, rows, i, n, acc.reduceLanes(VectorOperators.MIN));
    }

    public static int maxInt(MemorySegment values, long[] rows, int n) {
        IntVector acc = IntVector.broadcast(Simd.INT, Integer.MIN_VALUE);
        int i = 0;
        for (int bound = Simd.INT.loopBound(n); i < bound; i += Simd.INT.length()) {
            IntVector v = IntVector.fromMemorySegment(Simd.INT, values, (long) i << 2, LE);
            acc = acc.lanewise(VectorOperators.MAX, v, mask(Simd.INT, rows, i));
        }
        return AggScalar.maxInt(values, rows, i, n, acc.reduceLanes(VectorOperators.MAX));
    }

    public static short minShort(MemorySegment values, long[] rows, int n) {
        ShortVector acc = ShortVector.broadcast(Simd.SHORT, Short.MAX_VALUE);
        int i = 0;
        for (int bound = Simd.SHORT.loopBound(n); i < bound; i += Simd.SHORT.length()) {
            ShortVector v = ShortVector.fromMemorySegment(Simd.SHORT, values, (long) i << 1, LE);
            acc = acc.lanewise(VectorOperators.MIN, v, mask(Simd.SHORT, rows, i));
        }
        return AggScalar.minShort(values, rows, i, n, acc.reduceLanes(VectorOperators.MIN));
    }

    public static short maxShort(MemorySegment values, long[] rows, int n) {
        ShortVector acc = ShortVector.broadcast(Simd.SHORT, Short.MIN_VALUE);
        int i = 0;
        for (int bound = Simd.SHORT.loopBound(n); i < bound; i += Simd.SHORT.length()) {
            ShortVector v = ShortVector.fromMemorySegment(Simd.SHORT, values, (long) i << 1, LE);
            acc = acc.lanewise(VectorOperators.MAX, v, mask(Simd.SHORT, rows, i));
        }
        return AggScalar.maxShort(values, rows, i, n, acc.reduceLanes(VectorOperators.MAX));
    }

    /**
     * See {@link AggScalar#minDouble}. Lanes keep the smaller value by comparison (NaN never
     * compares less, so it is left out); only when the minimum stays +infinity is the column
     * scanned again to tell "all NaN" from "all +infinity".
     */
    public static double minDouble(MemorySegment values, long[] rows, int n) {
        DoubleVector acc = DoubleVector.broadcast(DOUBLE, Double.POSITIVE_INFINITY);
        int i = 0;
        for (int bound = DOUBLE.loopBound(n); i < bound; i += DOUBLE.length()) {
            DoubleVector v = DoubleVector.fromMemorySegment(DOUBLE, values, (long) i << 3, LE);
            acc = acc.blend(v, v.compare(VectorOperators.LT, acc, mask(DOUBLE, rows, i)));
        }
        double min = AggScalar.minDouble(values, rows, i, n, acc.reduceLanes(VectorOperators.MIN));
        return min == Double.POSITIVE_INFINITY && !AggScalar.anyNumberDouble(values, rows, n)
                && AggScalar.anySelected(rows, n) ? Double.NaN : min + 0.0;
    }

    /** See {@link AggScalar#maxDouble}: NaN lanes are tracked in a mask of their own. */
    public static double maxDouble(MemorySegment values, long[] rows, int n) {
        DoubleVector acc = DoubleVector.broadcast(DOUBLE, Double.NEGATIVE_INFINITY);
        VectorMask<Double> nan = DOUBLE.maskAll(false);
        int i = 0;
        for (int bound = DOUBLE.loopBound(n); i < bound; i += DOUBLE.length()) {
            DoubleVector v = DoubleVector.fromMemorySegment(DOUBLE, values, (long) i << 3, LE);
            VectorMask<Double> m = mask(DOUBLE, rows, i);
            acc = acc.blend(v, v.compare(VectorOperators.GT, acc, m));
            nan = nan.or(v.test(VectorOperators.IS_NAN, m));
        }
        double max = nan.anyTrue() ? Double.NaN : acc.reduceLanes(VectorOperators.MAX);
        return AggScalar.maxDouble(values, rows, i, n, max) + 0.0;
    }

    /** See {@link #minDouble}. */
    public static double minFloat(MemorySegment values, long[] rows, int n) {
        FloatVector acc = FloatVector.broadcast(Simd.FLOAT, Float.POSITIVE_INFINITY);
        int i = 0;
        for (int bound = Simd.FLOAT.loopBound(n); i < bound; i += Simd.FLOAT.length()) {
            FloatVector v = FloatVector.fromMemorySegment(Simd.FLOAT, values, (long) i << 2, LE);
            acc = acc.blend(v, v.compare(VectorOperators.LT, acc, mask(Simd.FLOAT, rows, i)));
        }
        float min = AggScalar.minFloat(values, rows, i, n, acc.reduceLanes(VectorOperators.MIN));
        return min == Float.POSITIVE_INFINITY && !AggScalar.anyNumberFloat(values, rows, n)
                && AggScalar.anySelected(rows, n) ? Double.NaN : min + 0.0;
    }

    /** See {@link #maxDouble}. */
    public static double maxFloat(MemorySegment values, long[] rows, int n) {
        FloatVector acc = FloatVector.broadcast(Simd.FLOAT, Float.NEGATIVE_INFINITY);
        VectorMask<Float> nan = Simd.FLOAT.maskAll(false);
        int i = 0;
        for (int bound = Simd.FLOAT.loopBound(n); i < bound; i += Simd.FLOAT.length()) {
            FloatVector v = FloatVector.fromMemorySegment(Simd.FLOAT, values, (long) i << 2, LE);
            VectorMask<Float> m = mask(Simd.FLOAT, rows, i);
            acc = acc.blend(v, v.compare(VectorOperators.GT, acc, m));
            nan = nan.or(v.test(VectorOperators.IS_NAN, m));
        }
        float max = nan.anyTrue() ? Float.NaN : acc.reduceLanes(VectorOperators.MAX);
        return AggScalar.maxFloat(values, rows, i, n, max) + 0.0;
    }
}
