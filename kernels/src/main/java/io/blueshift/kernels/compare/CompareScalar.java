package io.blueshift.kernels.compare;

import java.lang.foreign.MemorySegment;

/**
 * The scalar twin of {@link CompareKernels}, with the same methods and results, computed one row
 * at a time: the reference the SIMD kernels are tested against, and what {@link Predicates} runs
 * when {@code Simd.ENABLED} is false.
 */
public final class CompareScalar {
    private CompareScalar() {
    }

    /** Sets bit {@code i} of {@code out} where row {@code i} passes; bits at or past {@code n} are cleared. */
    public static void evaluate(ComparePredicate p, MemorySegment a, MemorySegment b, int n, long[] out) {
        CompareLoops.evaluate(false, p, a, b, n, out);
    }

    /** Writes the rows that pass to {@code out} in ascending order and returns how many. */
    public static int select(ComparePredicate p, MemorySegment a, MemorySegment b, int n, int[] out) {
        return CompareLoops.select(false, p, a, null, b, null, 0, n, out);
    }

    /**
     * Writes the positions of {@code in[0..inCount)} (ascending rows below {@code n}) that pass to
     * {@code out}, which may be {@code in}, and returns how many.
     */
    public static int filter(ComparePredicate p, MemorySegment a, MemorySegment b, int n, int[] in, int inCount,
            int[] out) {
        return CompareLoops.filter(false, p, a, null, b, null, n, in, inCount, out);
    }
}
