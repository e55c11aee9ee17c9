package io.blueshift.kernels.compare;

import java.lang.foreign.MemorySegment;

/**
 * Comparison kernels with the Vector API: a {@link ComparePredicate} over column {@code a} (and
 * column {@code b} for two-column predicates, else {@code null}) of {@code n} rows, with no nulls
 * (see {@link Predicates} for those). {@link CompareScalar} has the same methods in plain Java.
 *
 * <p>Output forms: a bitmap ({@link #evaluate}), the ascending positions of the rows that pass
 * ({@link #select}), and an existing selection narrowed to the rows that also pass
 * ({@link #filter}, for chained ANDs). Position arrays are fastest with
 * {@link #SELECTION_SLACK} entries beyond the most positions they can receive.
 */
public final class CompareKernels {
    /** Extra entries a position array wants so that whole vectors can be stored near its end. */
    public static final int SELECTION_SLACK = 64;

    private CompareKernels() {
    }

    /** Sets bit {@code i} of {@code out} where row {@code i} passes; bits at or past {@code n} are cleared. */
    public static void evaluate(ComparePredicate p, MemorySegment a, MemorySegment b, int n, long[] out) {
        CompareLoops.evaluate(true, p, a, b, n, out);
    }

    /** Writes the rows that pass to {@code out} in ascending order and returns how many. */
    public static int select(ComparePredicate p, MemorySegment a, MemorySegment b, int n, int[] out) {
        return CompareLoops.select(true, p, a, null, b, null, 0, n, out);
    }

    /**
     * Writes the positions of {@code in[0..inCount)} (ascending rows below {@code n}) that pass to
     * {@code out}, which may be {@code in}, and returns how many.
     */
    public static int filter(ComparePredicate p, MemorySegment a, MemorySegment b, int n, int[] in, int inCount,
            int[] out) {
        return CompareLoops.filter(true, p, a, null, b, null, n, in, inCount, out);
    }
}
