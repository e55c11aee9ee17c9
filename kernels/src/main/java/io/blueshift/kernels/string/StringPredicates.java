package io.blueshift.kernels.string;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;

/**
 * The executor of the string predicates: it handles validity a word at a time and calls the SIMD
 * kernels or their scalar twins ({@link Simd#ENABLED}). A null row never satisfies a predicate
 * (SQL's unknown filters out), so results are ANDed with validity; runs of words without any
 * valid row are skipped without touching the strings. Results are bitmaps of {@code n} rows in
 * {@code out} (at least {@link Bitmaps#words}(n) words); use {@link Bitmaps#toSelection} for a
 * selection.
 */
public final class StringPredicates {
    private StringPredicates() {
    }

    /** A kernel over rows {@code [from, to)} that overwrites the words of {@code out} covering them. */
    @FunctionalInterface
    private interface RangeKernel {
        void apply(int from, int to, long[] out);
    }

    /** {@code column op constant}; {@code validity} is the Arrow validity buffer or null. */
    public static void compareConst(StringCompareOp op, MemorySegment validity, MemorySegment offsets,
                                    MemorySegment data, int n, byte[] constant, long[] out) {
        boolean simd = Simd.ENABLED;
        run(validity, null, n, out, (from, to, bits) -> {
            if (simd) {
                StringCompareKernels.compareConst(op, offsets, data, from, to, constant, bits);
            } else {
                StringCompareScalar.compareConst(op, offsets, data, from, to, constant, bits);
            }
        });
    }

    /** {@code a op b} for two columns of the same batch. */
    public static void compareColumns(StringCompareOp op, MemorySegment validityA, MemorySegment offsetsA,
                                      MemorySegment dataA, MemorySegment validityB, MemorySegment offsetsB,
                                      MemorySegment dataB, int n, long[] out) {
        boolean simd = Simd.ENABLED;
        run(validityA, validityB, n, out, (from, to, bits) -> {
            if (simd) {
                StringCompareKernels.compareColumns(op, offsetsA, dataA, offsetsB, dataB, from, to, bits);
            } else {
                StringCompareScalar.compareColumns(op, offsetsA, dataA, offsetsB, dataB, from, to, bits);
            }
        });
    }

    /** {@code column [I]LIKE pattern}. */
    public static void like(LikePattern pattern, MemorySegment validity, MemorySegment offsets, MemorySegment data,
                            int n, long[] out) {
        boolean simd = Simd.ENABLED;
        run(validity, null, n, out, (from, to, bits) -> {
            if (simd) {
                LikeKernels.match(pattern, offsets, data, from, to, bits);
            } else {
                LikeScalar.match(pattern, offsets, data, from, to, bits);
            }
        });
    }

    /**
     * {@code starts_with(column, prefix)}; callers that run it over many batches should compile
     * {@link LikePattern#startsWith} once and call {@link #like}.
     */
    public static void startsWith(MemorySegment validity, MemorySegment offsets, MemorySegment data, int n,
                                  String prefix, long[] out) {
        like(LikePattern.startsWith(prefix), validity, offsets, data, n, out);
    }

    private static void run(MemorySegment validityA, MemorySegment validityB, int n, long[] out, RangeKernel kernel) {
        if (validityA == null && validityB == null) {
            kernel.apply(0, n, out);
            return;
        }
        int words = Bitmaps.words(n);
        int w = 0;
        while (w < words) {
            if (valid(validityA, validityB, w, n) == 0) {
                out[w++] = 0;
                continue;
            }
            int first = w;
            while (w < words && valid(validityA, validityB, w, n) != 0) {
                w++;
            }
            kernel.apply(first << 6, Math.min(w << 6, n), out);
            for (int v = first; v < w; v++) {
                out[v] &= valid(validityA, validityB, v, n);
            }
        }
    }

    private static long valid(MemorySegment validityA, MemorySegment validityB, int w, int n) {
        return Bitmaps.validityWord(validityA, w, n) & Bitmaps.validityWord(validityB, w, n);
    }
}
