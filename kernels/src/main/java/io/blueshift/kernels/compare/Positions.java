package io.blueshift.kernels.compare;

import io.blueshift.kernels.Simd;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Appends the rows of one bitmap word to a position list. The SIMD form compresses an iota
 * vector under the word's bits, a lane count at a time, which is branch-free and so does not
 * suffer the mispredictions that make a {@code if (p) out[n++] = i} loop slow at middling
 * selectivity. It stores whole vectors, so it needs 64 entries of room past {@code count}; where
 * the caller's array has less (the last words of a full array) it falls back to the scalar form.
 * Measured on 6M INTEGER rows at 50% selectivity (FilterBenchmark): about 1.1 ms, against 3.7 ms
 * for a SIMD bitmap followed by the set bits one at a time and 25 ms for the branchy scalar loop.
 */
final class Positions {
    private static final VectorSpecies<Integer> INT = Simd.INT;
    private static final int IL = INT.length();
    private static final IntVector IOTA = IntVector.zero(INT).addIndex(1);

    private Positions() {
    }

    static int appendVector(long word, int base, int[] out, int count) {
        if (word == 0) {
            return count;
        }
        if (count > out.length - 64) {
            return appendScalar(word, base, out, count);
        }
        IntVector rows = IOTA.add(base);
        for (int k = 0; k < 64; k += IL) {
            VectorMask<Integer> m = VectorMask.fromLong(INT, word >>> k);
            rows.add(k).compress(m).intoArray(out, count);
            count += m.trueCount();
        }
        return count;
    }

    static int appendScalar(long word, int base, int[] out, int count) {
        while (word != 0) {
            out[count++] = base + Long.numberOfTrailingZeros(word);
            word &= word - 1;
        }
        return count;
    }

    static int append(boolean simd, long word, int base, int[] out, int count) {
        return simd ? appendVector(word, base, out, count) : appendScalar(word, base, out, count);
    }
}
