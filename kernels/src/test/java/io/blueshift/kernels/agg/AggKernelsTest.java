package io.blueshift.kernels.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Selection;
import io.blueshift.kernels.arith.Int128;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SIMD and scalar aggregates against plain Java over the selected non-null rows, for every length
 * up to 70 and a few large ones, with and without validity and selections.
 */
class AggKernelsTest {
    private static final int[] LENGTHS;

    static {
        LENGTHS = new int[75];
        for (int n = 0; n <= 70; n++) {
            LENGTHS[n] = n;
        }
        LENGTHS[71] = 128;
        LENGTHS[72] = 1000;
        LENGTHS[73] = 4099;
        LENGTHS[74] = 70_001;
    }

    /** Rows chosen by a random validity and a random selection of one of four kinds. */
    private record Rows(MemorySegment validity, Selection selection, long[] bits, String where) {
    }

    private static Rows rows(Random random, Arena arena, int n, long seed) {
        int kind = random.nextInt(5);
        MemorySegment validity = null;
        if (kind == 1 || kind == 4) {
            validity = arena.allocate(Math.max(8, 8L * Bitmaps.words(n)));
            for (int i = 0; i < n; i++) {
                if (random.nextInt(5) != 0) {
                    validity.set(ValueLayout.JAVA_BYTE, i >>> 3,
                            (byte) (validity.get(ValueLayout.JAVA_BYTE, i >>> 3) | 1 << (i & 7)));
                }
            }
        }
        Selection selection = null;
        if (kind == 2 && n > 0) {
            int start = random.nextInt(n);
            selection = Selection.range(start, random.nextInt(n - start + 1));
        } else if (kind == 3 || kind == 4) {
            int[] positions = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextBoolean()) {
                    positions[count++] = i;
                }
            }
            selection = Selection.positions(positions, count);
        }
        long[] bits = Aggregates.rows(validity, selection, n);
        return new Rows(validity, selection, bits, "seed=" + seed + " n=" + n + " kind=" + kind);
    }

    private static boolean selected(Rows rows, int i) {
        return rows.bits == null || Bitmaps.get(rows.bits, i);
    }

    private static long integer(Random random, long min, long max) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextBoolean() ? min : max;
            case 1 -> random.nextInt(100) - 50;
            default -> min + (long) (random.nextDouble() * ((double) max - min));
        };
    }

    @Test
    void longAggregatesAreExact() {
        long seed = 101;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : LENGTHS) {
                MemorySegment values = arena.allocate(8L * n + 8);
                for (int i = 0; i < n; i++) {
                    values.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextInt(3) == 0 ? random.nextLong()
                            : integer(random, Long.MIN_VALUE, Long.MAX_VALUE));
                }
                Rows rows = rows(random, arena, n, seed);
                BigInteger sum = BigInteger.ZERO;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                long count = 0;
                for (int i = 0; i < n; i++) {
                    if (selected(rows, i)) {
                        long v = values.getAtIndex(ValueLayout.JAVA_LONG, i);
                        sum = sum.add(BigInteger.valueOf(v));
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        count++;
                    }
                }
                assertEquals(sum, AggKernels.sumLong(values, rows.bits, n).toBigInteger(), rows.where);
                assertEquals(sum, AggScalar.sumLong(values, rows.bits, n).toBigInteger(), rows.where);
                assertEquals(min, AggKernels.minLong(values, rows.bits, n), rows.where);
                assertEquals(min, AggScalar.minLong(values, rows.bits, n), rows.where);
                assertEquals(max, AggKernels.maxLong(values, rows.bits, n), rows.where);
                assertEquals(max, AggScalar.maxLong(values, rows.bits, n), rows.where);
                assertEquals(count, Aggregates.count(rows.validity, rows.selection, n), rows.where);
                Average avg = Aggregates.avgLong(values, rows.validity, rows.selection, n);
                assertEquals(count == 0 ? null : new Average(Int128.of(sum), count), avg, rows.where);
            }
        }
    }

    @Test
    void intAndShortAggregatesAreExact() {
        long seed = 102;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : LENGTHS) {
                MemorySegment ints = arena.allocate(4L * n + 4);
                MemorySegment shorts = arena.allocate(2L * n + 2);
                for (int i = 0; i < n; i++) {
                    ints.setAtIndex(ValueLayout.JAVA_INT, i, (int) integer(random, Integer.MIN_VALUE, Integer.MAX_VALUE));
                    shorts.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) integer(random, Short.MIN_VALUE, Short.MAX_VALUE));
                }
                Rows rows = rows(random, arena, n, seed);
                long intSum = 0;
                long shortSum = 0;
                int intMin = Integer.MAX_VALUE;
                int intMax = Integer.MIN_VALUE;
                short shortMin = Short.MAX_VALUE;
                short shortMax = Short.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    if (selected(rows, i)) {
                        int v = ints.getAtIndex(ValueLayout.JAVA_INT, i);
                        short s = shorts.getAtIndex(ValueLayout.JAVA_SHORT, i);
                        intSum += v;
                        shortSum += s;
                        intMin = Math.min(intMin, v);
                        intMax = Math.max(intMax, v);
                        shortMin = (short) Math.min(shortMin, s);
                        shortMax = (short) Math.max(shortMax, s);
                    }
                }
                String where = rows.where;
                assertEquals(intSum, AggKernels.sumInt(ints, rows.bits, n), where);
                assertEquals(intSum, AggScalar.sumInt(ints, rows.bits, n), where);
                assertEquals(shortSum, AggKernels.sumShort(shorts, rows.bits, n), where);
                assertEquals(shortSum, AggScalar.sumShort(shorts, rows.bits, n), where);
                assertEquals(intMin, AggKernels.minInt(ints, rows.bits, n), where);
                assertEquals(intMin, AggScalar.minInt(ints, rows.bits, n), where);
                assertEquals(intMax, AggKernels.maxInt(ints, rows.bits, n), where);
                assertEquals(intMax, AggScalar.maxInt(ints, rows.bits, n), where);
                assertEquals(shortMin, AggKernels.minShort(shorts, rows.bits, n), where);
                assertEquals(shortMin, AggScalar.minShort(shorts, rows.bits, n), where);
                assertEquals(shortMax, AggKernels.maxShort(shorts, rows.bits, n), where);
                assertEquals(shortMax, AggScalar.maxShort(shorts, rows.bits, n), where);
            }
        }
    }

    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
        Double.MAX_VALUE, Double.MIN_VALUE};

    @Test
    void floatingAggregatesFollowPostgresNanOrder() {
        long seed = 103;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : LENGTHS) {
                MemorySegment doubles = arena.allocate(8L * n + 8);
                MemorySegment floats = arena.allocate(4L * n + 4);
                int mode = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    double v = mode == 0 ? Double.NaN
                            : mode == 1 && random.nextInt(20) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                            : (random.nextDouble() - 0.5) * 1000;
                    doubles.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
                    floats.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v);
                }
                Rows rows = rows(random, arena, n, seed);
                double sum = 0;
                double floatSum = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                float fmin = Float.POSITIVE_INFINITY;
                float fmax = Float.NEGATIVE_INFINITY;
                boolean any = false;
                boolean number = false;
                for (int i = 0; i < n; i++) {
                    if (selected(rows, i)) {
                        double v = doubles.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                        float f = floats.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                        sum += v;
                        floatSum += f;
                        any = true;
                        if (!Double.isNaN(v)) {
                            number = true;
                            min = Math.min(min, v);
                            fmin = Math.min(fmin, f);
                        }
                        max = Math.max(max, v);
                        fmax = Math.max(fmax, f);
                    }
                }
                if (any && !number) {
                    min = Double.NaN;
                    fmin = Float.NaN;
                }
                // A zero extreme is reported as +0.0 whichever zero was seen.
                min += 0.0;
                max += 0.0;
                String where = rows.where + " mode=" + mode;
                double tolerance = 1e-9 * Math.max(1, n * 1000.0);
                assertClose(sum, AggKernels.sumDouble(doubles, rows.bits, n), tolerance, where);
                assertClose(sum, AggScalar.sumDouble(doubles, rows.bits, n), tolerance, where);
                assertClose(floatSum, AggKernels.sumFloat(floats, rows.bits, n), tolerance, where);
                assertClose(floatSum, AggScalar.sumFloat(floats, rows.bits, n), tolerance, where);
                assertEquals(min, AggKernels.minDouble(doubles, rows.bits, n), where);
                assertEquals(min, AggScalar.minDouble(doubles, rows.bits, n), where);
                assertEquals(max, AggKernels.maxDouble(doubles, rows.bits, n), where);
                assertEquals(max, AggScalar.maxDouble(doubles, rows.bits, n), where);
                assertEquals(fmin + 0.0, AggKernels.minFloat(floats, rows.bits, n), where);
                assertEquals(fmin + 0.0, AggScalar.minFloat(floats, rows.bits, n), where);
                assertEquals(fmax + 0.0, AggKernels.maxFloat(floats, rows.bits, n), where);
                assertEquals(fmax + 0.0, AggScalar.maxFloat(floats, rows.bits, n), where);
            }
        }
    }

    private static void assertClose(double expected, double actual, double tolerance, String where) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, where);
        } else {
            assertEquals(expected, actual, tolerance, where);
        }
    }
}
