package io.blueshift.kernels.compare;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Selection;
import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The executor of comparisons: it handles nulls once, a word (64 rows) at a time, and calls the
 * SIMD kernels or their scalar twins as {@link Simd#ENABLED} says. A row is NULL where any input
 * is null (Arrow validity, {@code null} segment = no nulls), and for {@code x IN (..., NULL)}
 * also where x matches no listed value. AND, OR and NOT follow SQL's three-valued logic; WHERE
 * keeps only the TRUE rows, which is what the selection methods return.
 */
public final class Predicates {
    private static final boolean SIMD = Simd.ENABLED;

    private Predicates() {
    }

    /** Evaluates {@code p} on {@code n} rows into {@code out} (TRUE and NULL bits). */
    public static void evaluate(ComparePredicate p, MemorySegment a, MemorySegment aValidity, MemorySegment b,
            MemorySegment bValidity, int n, TriBitmap out) {
        out.resize(n);
        long[] t = out.trueBits();
        long[] nulls = out.nullBits();
        CompareLoops.evaluate(SIMD, p, a, b, n, t);
        int words = Bitmaps.words(n);
        boolean listHasNull = p.listHasNull;
        if (aValidity == null && bValidity == null && !listHasNull) {
            Arrays.fill(nulls, 0, words, 0L);
            return;
        }
        for (int w = 0; w < words; w++) {
            long valid = Bitmaps.validityWord(aValidity, w, n) & Bitmaps.validityWord(bValidity, w, n);
            long tw = t[w] & valid;
            long nw = ~valid & Bitmaps.tailMask(w, n);
            if (listHasNull) {
                nw |= valid & ~tw;
            }
            t[w] = tw;
            nulls[w] = nw;
        }
    }

    /** Writes the rows below {@code n} where {@code p} is TRUE to {@code out}; returns how many. */
    public static int select(ComparePredicate p, MemorySegment a, MemorySegment aValidity, MemorySegment b,
            MemorySegment bValidity, int n, int[] out) {
        return CompareLoops.select(SIMD, p, a, aValidity, b, bValidity, 0, n, out);
    }

    /**
     * Narrows the selection {@code in} of a batch of {@code n} rows to the rows where {@code p} is
     * also TRUE (the next conjunct of a WHERE), writing their positions to {@code out}, which may
     * be {@code in}'s array, and returning how many.
     */
    public static int filter(ComparePredicate p, MemorySegment a, MemorySegment aValidity, MemorySegment b,
            MemorySegment bValidity, int n, Selection in, int[] out) {
        if (in.isRange()) {
            return CompareLoops.select(SIMD, p, a, aValidity, b, bValidity, in.start(), in.start() + in.count(), out);
        }
        return CompareLoops.filter(SIMD, p, a, aValidity, b, bValidity, n, in.positions(), in.count(), out);
    }

    /** {@code out = x AND y}: FALSE wins over NULL, NULL over TRUE. {@code out} may be an input. */
    public static void and(TriBitmap x, TriBitmap y, TriBitmap out) {
        combine(x, y, out, true);
    }

    /** {@code out = x OR y}: TRUE wins over NULL, NULL over FALSE. {@code out} may be an input. */
    public static void or(TriBitmap x, TriBitmap y, TriBitmap out) {
        combine(x, y, out, false);
    }

    /**
     * AND or OR a word at a time (C2 vectorizes these loops itself). With F = not (T or N): AND is
     * TRUE where both are TRUE and NULL where one is NULL and neither is FALSE; OR is TRUE where
     * either is TRUE and NULL where one is NULL and the result is not TRUE.
     */
    private static void combine(TriBitmap x, TriBitmap y, TriBitmap out, boolean and) {
        if (x.size() != y.size()) {
            throw new IllegalArgumentException("sizes differ: " + x.size() + " and " + y.size());
        }
        int n = x.size();
        out.resize(n);
        long[] xt = x.trueBits();
        long[] xn = x.nullBits();
        long[] yt = y.trueBits();
        long[] yn = y.nullBits();
        long[] ot = out.trueBits();
        long[] on = out.nullBits();
        int words = Bitmaps.words(n);
        if (and) {
            for (int w = 0; w < words; w++) {
                long t = xt[w] & yt[w];
                on[w] = (xn[w] | yn[w]) & (xt[w] | xn[w]) & (yt[w] | yn[w]);
                ot[w] = t;
            }
        } else {
            for (int w = 0; w < words; w++) {
                long t = xt[w] | yt[w];
                on[w] = (xn[w] | yn[w]) & ~t;
                ot[w] = t;
            }
        }
    }

    /** {@code out = NOT x}: TRUE and FALSE swap, NULL stays NULL. {@code out} may be {@code x}. */
    public static void not(TriBitmap x, TriBitmap out) {
        int n = x.size();
        out.resize(n);
        long[] xt = x.trueBits();
        long[] xn = x.nullBits();
        long[] ot = out.trueBits();
        long[] on = out.nullBits();
        int words = Bitmaps.words(n);
        for (int w = 0; w < words; w++) {
            long nw = xn[w];
            ot[w] = ~(xt[w] | nw) & Bitmaps.tailMask(w, n);
            on[w] = nw;
        }
    }

    /** The TRUE rows' positions in {@code out} (ascending); returns how many. */
    public static int selectTrue(TriBitmap x, int[] out) {
        long[] t = x.trueBits();
        int n = x.size();
        int words = Bitmaps.words(n);
        int count = 0;
        for (int w = 0; w < words; w++) {
            count = Positions.append(SIMD, t[w], w << 6, out, count);
        }
        return count;
    }

    /** The TRUE rows as a selection (a range when every row is TRUE). */
    public static Selection toSelection(TriBitmap x) {
        int n = x.size();
        int[] positions = new int[n + CompareKernels.SELECTION_SLACK];
        int count = selectTrue(x, positions);
        return count == n ? Selection.range(0, n) : Selection.positions(positions, count);
    }
}
