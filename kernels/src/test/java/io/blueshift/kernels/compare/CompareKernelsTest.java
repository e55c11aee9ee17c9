package io.blueshift.kernels.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class CompareKernelsTest {
    private static final int[] LARGE = {127, 128, 129, 1000, 4099};

    /** A predicate with its plain-Java meaning per row. */
    record Case(String name, ComparePredicate predicate, IntPredicate expected) {
    }

    static List<Case> cases(CompareType type, MemorySegment a, MemorySegment b, MemorySegment c) {
        List<Case> cases = new ArrayList<>();
        for (CompareOp op : CompareOp.values()) {
            cases.add(new Case("const " + op, TestColumns.constant(type, op, c, 0),
                    i -> op.test(TestColumns.compare(type, a, i, c, 0))));
            cases.add(new Case("columns " + op, ComparePredicate.columns(type, op),
                    i -> op.test(TestColumns.compare(type, a, i, b, i))));
        }
        cases.add(new Case("between", TestColumns.between(type, c, 1, 2),
                i -> TestColumns.compare(type, a, i, c, 1) >= 0 && TestColumns.compare(type, a, i, c, 2) <= 0));
        for (int k = 0; k <= 4; k += 2) {
            int count = k;
            cases.add(new Case("in " + k, TestColumns.in(type, c, count, false), i -> {
                for (int j = 0; j < count; j++) {
                    if (TestColumns.compare(type, a, i, c, j) == 0) {
                        return true;
                    }
                }
                return false;
            }));
        }
        return cases;
    }

    static int[] expectedPositions(IntPredicate expected, int[] rows) {
        return Arrays.stream(rows).filter(expected).toArray();
    }

    @Test
    void simdMatchesScalarAndScalarMatchesPlainJava() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Integer> lengths = new ArrayList<>();
        for (int n = 0; n <= 70; n++) {
            lengths.add(n);
        }
        for (int n : LARGE) {
            lengths.add(n);
        }
        for (CompareType type : TestColumns.TYPES) {
            for (int n : lengths) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment a = TestColumns.random(arena, type, n, random);
                    MemorySegment b = TestColumns.random(arena, type, n, random);
                    MemorySegment c = TestColumns.random(arena, type, 8, random);
                    if (n > 0) {
                        MemorySegment.copy(a, (long) random.nextInt(n) * type.byteWidth(), c, 0, type.byteWidth());
                    }
                    for (Case k : cases(type, a, b, c)) {
                        check(k, a, b, n, random, "seed=" + seed + " type=" + type + " n=" + n + " " + k.name);
                    }
                }
            }
        }
    }

    private static void check(Case k, MemorySegment a, MemorySegment b, int n, Random random, String message) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        int[] expected = expectedPositions(k.expected, all);
        ComparePredicate p = k.predicate;
        MemorySegment second = p.isColumns() ? b : null;

        long[] scalarBits = new long[Bitmaps.words(n) + 1];
        long[] simdBits = new long[Bitmaps.words(n) + 1];
        Arrays.fill(simdBits, -1L);
        CompareScalar.evaluate(p, a, second, n, scalarBits);
        CompareKernels.evaluate(p, a, second, n, simdBits);
        simdBits[Bitmaps.words(n)] = 0;
        assertArrayEquals(scalarBits, simdBits, message);
        int[] fromBits = new int[n];
        assertArrayEquals(expected, Arrays.copyOf(fromBits, Bitmaps.toPositions(scalarBits, n, fromBits)), message);

        // an exact-size array exercises the scalar fallback near its end, a slack one the vector path
        for (int slack : new int[] {0, CompareKernels.SELECTION_SLACK}) {
            int[] out = new int[n + slack];
            assertArrayEquals(expected, Arrays.copyOf(out, CompareScalar.select(p, a, second, n, out)), message);
            out = new int[n + slack];
            assertArrayEquals(expected, Arrays.copyOf(out, CompareKernels.select(p, a, second, n, out)), message);
        }

        for (int density : new int[] {2, 50, 100}) {
            int[] in = Arrays.stream(all).filter(i -> random.nextInt(100) < density).toArray();
            int[] want = expectedPositions(k.expected, in);
            int[] out = new int[in.length];
            assertArrayEquals(want, Arrays.copyOf(out, CompareScalar.filter(p, a, second, n, in, in.length, out)),
                    message + " density=" + density);
            int[] inPlace = in.clone();
            assertArrayEquals(want, Arrays.copyOf(inPlace,
                    CompareKernels.filter(p, a, second, n, inPlace, inPlace.length, inPlace)), message + " density=" + density);
        }
    }

    private static int[] select(ComparePredicate p, MemorySegment a, int n) {
        int[] out = new int[n];
        int count = CompareKernels.select(p, a, null, n, out);
        int[] scalar = new int[n];
        assertEquals(CompareScalar.select(p, a, null, n, scalar), count);
        return Arrays.copyOf(out, count);
    }

    @Test
    void handComputedInts() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_INT_UNALIGNED,
                    5, 1, 7, 5, Integer.MIN_VALUE, Integer.MAX_VALUE);
            assertArrayEquals(new int[] {1, 4}, select(ComparePredicate.intConstant(CompareOp.LT, 5), a, 6));
            assertArrayEquals(new int[] {0, 2, 3, 5}, select(ComparePredicate.intConstant(CompareOp.GE, 5), a, 6));
            assertArrayEquals(new int[] {1, 2, 4, 5}, select(ComparePredicate.intConstant(CompareOp.NE, 5), a, 6));
            assertArrayEquals(new int[] {0, 2, 3}, select(ComparePredicate.intBetween(5, 7), a, 6));
            assertArrayEquals(new int[] {}, select(ComparePredicate.intBetween(7, 5), a, 6));
            assertArrayEquals(new int[] {1, 2, 5},
                    select(ComparePredicate.intIn(new int[] {1, 7, Integer.MAX_VALUE}, false), a, 6));
        }
    }

    @Test
    void floatsComparePostgresStyle() {
        float negativeNaN = Float.intBitsToFloat(0xFFC00001);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_FLOAT_UNALIGNED,
                    Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY, 1.0f, negativeNaN, Float.NEGATIVE_INFINITY);
            assertArrayEquals(new int[] {1, 2}, select(ComparePredicate.floatConstant(CompareOp.EQ, 0.0f), a, 7));
            assertArrayEquals(new int[] {1, 2}, select(ComparePredicate.floatConstant(CompareOp.EQ, -0.0f), a, 7));
            assertArrayEquals(new int[] {0, 5}, select(ComparePredicate.floatConstant(CompareOp.EQ, Float.NaN), a, 7));
            assertArrayEquals(new int[] {0, 5},
                    select(ComparePredicate.floatConstant(CompareOp.GT, Float.POSITIVE_INFINITY), a, 7));
            assertArrayEquals(new int[] {1, 2, 3, 4, 6},
                    select(ComparePredicate.floatConstant(CompareOp.LT, Float.NaN), a, 7));
            assertArrayEquals(new int[] {6}, select(ComparePredicate.floatConstant(CompareOp.LT, -0.0f), a, 7));
            assertArrayEquals(new int[] {1, 2, 3, 4},
                    select(ComparePredicate.floatBetween(-0.0f, Float.POSITIVE_INFINITY), a, 7));
            assertArrayEquals(new int[] {0, 4, 5}, select(ComparePredicate.floatIn(new float[] {negativeNaN, 1.0f}, false), a, 7));
        }
    }

    @Test
    void doublesComparePostgresStyle() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_DOUBLE_UNALIGNED,
                    Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, -Double.MIN_VALUE);
            MemorySegment b = arena.allocateFrom(ValueLayout.JAVA_DOUBLE_UNALIGNED,
                    Double.NaN, 0.0, -0.0, Double.NaN, 0.0);
            int[] out = new int[5];
            int count = CompareKernels.select(ComparePredicate.columns(CompareType.DOUBLE, CompareOp.EQ), a, b, 5, out);
            assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOf(out, count));
            count = CompareKernels.select(ComparePredicate.columns(CompareType.DOUBLE, CompareOp.LT), a, b, 5, out);
            assertArrayEquals(new int[] {3, 4}, Arrays.copyOf(out, count));
        }
    }

    @Test
    void decimal128ComparesSigned128Bit() {
        try (Arena arena = Arena.ofConfined()) {
            // -1, 2^64, 5, Long.MIN_VALUE as 128-bit two's complement (low, high)
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_LONG_UNALIGNED,
                    -1L, -1L, 0L, 1L, 5L, 0L, Long.MIN_VALUE, -1L);
            assertArrayEquals(new int[] {1, 2}, select(ComparePredicate.decimal128Constant(CompareOp.GT, 0, 0), a, 4));
            assertArrayEquals(new int[] {0, 2, 3}, select(ComparePredicate.decimal128Between(Long.MIN_VALUE, -1, 5, 0), a, 4));
            assertArrayEquals(new int[] {1}, select(ComparePredicate.decimal128In(new long[] {0, 1, 7, 0}, false), a, 4));
        }
    }
}
