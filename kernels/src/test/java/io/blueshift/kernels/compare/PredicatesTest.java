package io.blueshift.kernels.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Selection;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class PredicatesTest {
    /** SQL three-valued logic written out by hand: index 0 = FALSE, 1 = TRUE, 2 = NULL. */
    private static final int F = 0;
    private static final int T = 1;
    private static final int N = 2;
    private static final int[][] AND = {
        /* F */ {F, F, F},
        /* T */ {F, T, N},
        /* N */ {F, N, N},
    };
    private static final int[][] OR = {
        /* F */ {F, T, N},
        /* T */ {T, T, T},
        /* N */ {N, T, N},
    };
    private static final int[] NOT = {T, F, N};

    private static void set(TriBitmap r, int row, int value) {
        if (value == T) {
            Bitmaps.set(r.trueBits(), row);
        } else if (value == N) {
            Bitmaps.set(r.nullBits(), row);
        }
    }

    private static int get(TriBitmap r, int row) {
        return r.isTrue(row) ? T : r.isNull(row) ? N : F;
    }

    @Test
    void andOrNotFollowTheTruthTablesInEveryBitPosition() {
        // every pair of values at every one of 3 words' bit positions, with a ragged end
        int n = 9 * 20 + 5;
        TriBitmap x = new TriBitmap(n);
        TriBitmap y = new TriBitmap(n);
        x.resize(n);
        y.resize(n);
        for (int row = 0; row < n; row++) {
            set(x, row, (row % 9) / 3);
            set(y, row, row % 3);
        }
        TriBitmap and = new TriBitmap(n);
        TriBitmap or = new TriBitmap(n);
        TriBitmap not = new TriBitmap(n);
        Predicates.and(x, y, and);
        Predicates.or(x, y, or);
        Predicates.not(x, not);
        for (int row = 0; row < n; row++) {
            int xv = (row % 9) / 3;
            int yv = row % 3;
            assertEquals(AND[xv][yv], get(and, row), "AND row " + row);
            assertEquals(OR[xv][yv], get(or, row), "OR row " + row);
            assertEquals(NOT[xv], get(not, row), "NOT row " + row);
            assertEquals(false, and.isTrue(row) && and.isNull(row));
        }
        // bits past the size stay clear, and an output may be an input
        assertEquals(0, not.trueBits()[Bitmaps.words(n) - 1] >>> (n & 63));
        Predicates.and(x, y, x);
        for (int row = 0; row < n; row++) {
            assertEquals(AND[(row % 9) / 3][row % 3], get(x, row), "in place AND row " + row);
        }
    }

    private static MemorySegment randomValidity(Arena arena, int n, Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        MemorySegment v = arena.allocate(Math.max(1, (n + 7) / 8));
        for (int i = 0; i < n; i++) {
            if (random.nextInt(5) != 0) {
                v.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (v.get(ValueLayout.JAVA_BYTE, i >>> 3) | (1 << (i & 7))));
            }
        }
        return v.asSlice(0, (n + 7) / 8);
    }

    @Test
    void nullsComeFromValidityAndFromANullInTheList() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (CompareType type : TestColumns.TYPES) {
            for (int n : new int[] {0, 1, 63, 64, 65, 130, 1000}) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment a = TestColumns.random(arena, type, n, random);
                    MemorySegment b = TestColumns.random(arena, type, n, random);
                    MemorySegment c = TestColumns.random(arena, type, 8, random);
                    MemorySegment av = randomValidity(arena, n, random);
                    MemorySegment bv = randomValidity(arena, n, random);
                    for (CompareKernelsTest.Case k : CompareKernelsTest.cases(type, a, b, c)) {
                        check(k.predicate(), k.expected()::test, a, av, b, bv, n, random,
                                "seed=" + seed + " type=" + type + " n=" + n + " " + k.name());
                    }
                    ComparePredicate inWithNull = TestColumns.in(type, c, 2, true);
                    check(inWithNull, i -> TestColumns.compare(type, a, i, c, 0) == 0
                            || TestColumns.compare(type, a, i, c, 1) == 0, a, av, b, bv, n, random,
                            "seed=" + seed + " type=" + type + " n=" + n + " in with null");
                }
            }
        }
    }

    private static void check(ComparePredicate p, IntPredicate expected, MemorySegment a,
            MemorySegment av, MemorySegment b, MemorySegment bv, int n, Random random, String message) {
        MemorySegment second = p.isColumns() ? b : null;
        MemorySegment secondValidity = p.isColumns() ? bv : null;
        TriBitmap result = new TriBitmap(n);
        Predicates.evaluate(p, a, av, second, secondValidity, n, result);
        int[] trueRows = new int[n];
        int trueCount = 0;
        for (int i = 0; i < n; i++) {
            boolean valid = Bitmaps.isValid(av, i) && Bitmaps.isValid(secondValidity, i);
            boolean matches = expected.test(i);
            int want = !valid ? N : matches ? T : p.listHasNull() ? N : F;
            assertEquals(want, get(result, i), message + " row " + i);
            if (want == T) {
                trueRows[trueCount++] = i;
            }
        }
        int[] want = Arrays.copyOf(trueRows, trueCount);
        assertArrayEquals(want, Predicates.toSelection(result).toArray(), message);
        int[] out = new int[n];
        assertArrayEquals(want, Arrays.copyOf(out, Predicates.select(p, a, av, second, secondValidity, n, out)), message);

        int[] in = new int[n];
        int inCount = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                in[inCount++] = i;
            }
        }
        int[] wantFiltered = Arrays.stream(in, 0, inCount).filter(i -> Arrays.binarySearch(want, i) >= 0).toArray();
        int count = Predicates.filter(p, a, av, second, secondValidity, n, Selection.positions(in, inCount), in);
        assertArrayEquals(wantFiltered, Arrays.copyOf(in, count), message + " filter");
        if (n > 2) {
            int start = n / 3;
            int[] wantRange = Arrays.stream(want).filter(i -> i >= start && i < n - 1).toArray();
            count = Predicates.filter(p, a, av, second, secondValidity, n, Selection.range(start, n - 1 - start), out);
            assertArrayEquals(wantRange, Arrays.copyOf(out, count), message + " range filter");
        }
    }

    @Test
    void inListWithNullIsNullUnlessItMatches() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_INT_UNALIGNED, 1, 2, 3);
            MemorySegment validity = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 0b011);
            TriBitmap r = new TriBitmap(3);
            Predicates.evaluate(ComparePredicate.intIn(new int[] {1}, true), a, validity, null, null, 3, r);
            assertEquals(T, get(r, 0));
            assertEquals(N, get(r, 1));
            assertEquals(N, get(r, 2));
            Predicates.not(r, r);
            assertEquals(F, get(r, 0));
            assertEquals(N, get(r, 1));
        }
    }
}
