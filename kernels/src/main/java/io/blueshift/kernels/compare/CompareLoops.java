package io.blueshift.kernels.compare;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;

/**
 * The loops over words that both {@link CompareKernels} and {@link CompareScalar} run, with the
 * word itself computed by {@link VectorWords} or {@link ScalarWords} ({@code simd} says which).
 * Optional validity segments are ANDed into each word here so that {@link Predicates} can build
 * selections of TRUE rows in one pass; the public kernels pass none and never see nulls.
 */
final class CompareLoops {
    private CompareLoops() {
    }

    /** Word {@code w} of the predicate over {@code n} rows, negation applied, tail bits clear. */
    static long word(boolean simd, ComparePredicate p, MemorySegment a, MemorySegment b, int w, int n) {
        int row = w << 6;
        long flip = p.negate ? -1L : 0L;
        if (row + 64 <= n) {
            return (simd ? VectorWords.word(p, a, b, row) : ScalarWords.word(p, a, b, row, 64)) ^ flip;
        }
        return (ScalarWords.word(p, a, b, row, n - row) ^ flip) & Bitmaps.tailMask(w, n);
    }

    static void evaluate(boolean simd, ComparePredicate p, MemorySegment a, MemorySegment b, int n, long[] out) {
        int words = Bitmaps.words(n);
        for (int w = 0; w < words; w++) {
            out[w] = word(simd, p, a, b, w, n);
        }
    }

    /**
     * Positions of the rows in {@code [from, to)} where the predicate holds and both validity
     * buffers (null = all valid) say valid.
     */
    static int select(boolean simd, ComparePredicate p, MemorySegment a, MemorySegment aValidity,
            MemorySegment b, MemorySegment bValidity, int from, int to, int[] out) {
        if (from >= to) {
            return 0;
        }
        int count = 0;
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        boolean checkValidity = aValidity != null || bValidity != null;
        for (int w = first; w <= last; w++) {
            long word = word(simd, p, a, b, w, to);
            if (w == first) {
                word &= -1L << (from & 63);
            }
            if (checkValidity) {
                word &= Bitmaps.validityWord(aValidity, w, to) & Bitmaps.validityWord(bValidity, w, to);
            }
            count = Positions.append(simd, word, w << 6, out, count);
        }
        return count;
    }

    /**
     * Keeps the positions of {@code in} (ascending, below {@code n}) where the predicate holds and
     * the rows are valid. {@code out} may be {@code in}. Where the positions are dense, whole words
     * are computed and their bits tested; where they are sparse (fewer than one in 16 rows of their
     * span), each position is tested alone so as not to read 64 rows for one.
     */
    static int filter(boolean simd, ComparePredicate p, MemorySegment a, MemorySegment aValidity,
            MemorySegment b, MemorySegment bValidity, int n, int[] in, int inCount, int[] out) {
        if (inCount == 0) {
            return 0;
        }
        boolean checkValidity = aValidity != null || bValidity != null;
        int count = 0;
        if ((long) inCount * 16 < (long) in[inCount - 1] - in[0]) {
            for (int i = 0; i < inCount; i++) {
                int row = in[i];
                boolean keep = ScalarWords.test(p, a, b, row) != p.negate
                        && (!checkValidity || Bitmaps.isValid(aValidity, row) && Bitmaps.isValid(bValidity, row));
                out[count] = row;
                count += keep ? 1 : 0;
            }
            return count;
        }
        int current = -1;
        long word = 0;
        for (int i = 0; i < inCount; i++) {
            int row = in[i];
            int w = row >>> 6;
            if (w != current) {
                current = w;
                word = word(simd, p, a, b, w, n);
                if (checkValidity) {
                    word &= Bitmaps.validityWord(aValidity, w, n) & Bitmaps.validityWord(bValidity, w, n);
                }
            }
            out[count] = row;
            count += (int) (word >>> row) & 1;
        }
        return count;
    }
}
