package io.blueshift.kernels.arith;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;

/**
 * Runs an arithmetic kernel over a batch with nulls. The result's validity is the AND of the
 * operands' validity, built a word at a time into {@code outValidity} (at least
 * {@code Bitmaps.words(n)} words). The kernel runs over every row, nulls included (their values
 * are garbage and so is the result under them); only when it reports an error are the valid rows
 * looked at again, one by one, to throw the first real one, so a zero divisor or an overflow under
 * a null row never raises.
 *
 * <p>A null operand segment stands for the constant beside it, and a null validity segment for
 * "no nulls" (constants are never null: a NULL constant makes the whole result NULL, which the
 * planner folds before any kernel runs). Calls the SIMD kernels, or their scalar twins when
 * {@link Simd#ENABLED} is false.
 */
public final class ArithExecutor {
    private static final int NONE_VALID = 0;
    private static final int ALL_VALID = 1;
    private static final int SOME_VALID = 2;

    private ArithExecutor() {
    }

    public static void shorts(ArithOp op, MemorySegment a, short ka, MemorySegment aValidity,
            MemorySegment b, short kb, MemorySegment bValidity, MemorySegment out, long[] outValidity, int n) {
        int valid = combine(aValidity, bValidity, outValidity, n);
        if (valid != NONE_VALID
                && (Simd.ENABLED ? ShortArith.apply(op, a, ka, b, kb, out, n)
                        : ShortArithScalar.apply(op, a, ka, b, kb, out, n))) {
            ShortArithScalar.raise(op, a, ka, b, kb, out, valid == ALL_VALID ? null : outValidity, n);
        }
    }

    public static void ints(ArithOp op, MemorySegment a, int ka, MemorySegment aValidity,
            MemorySegment b, int kb, MemorySegment bValidity, MemorySegment out, long[] outValidity, int n) {
        int valid = combine(aValidity, bValidity, outValidity, n);
        if (valid != NONE_VALID
                && (Simd.ENABLED ? IntArith.apply(op, a, ka, b, kb, out, n)
                        : IntArithScalar.apply(op, a, ka, b, kb, out, n))) {
            IntArithScalar.raise(op, a, ka, b, kb, out, valid == ALL_VALID ? null : outValidity, n);
        }
    }

    public static void longs(ArithOp op, MemorySegment a, long ka, MemorySegment aValidity,
            MemorySegment b, long kb, MemorySegment bValidity, MemorySegment out, long[] outValidity, int n) {
        int valid = combine(aValidity, bValidity, outValidity, n);
        if (valid != NONE_VALID
                && (Simd.ENABLED ? LongArith.apply(op, a, ka, b, kb, out, n)
                        : LongArithScalar.apply(op, a, ka, b, kb, out, n))) {
            LongArithScalar.raise(op, a, ka, b, kb, out, valid == ALL_VALID ? null : outValidity, n);
        }
    }

    public static void floats(ArithOp op, MemorySegment a, float ka, MemorySegment aValidity,
            MemorySegment b, float kb, MemorySegment bValidity, MemorySegment out, long[] outValidity, int n) {
        int valid = combine(aValidity, bValidity, outValidity, n);
        if (valid != NONE_VALID
                && (Simd.ENABLED ? FloatArith.apply(op, a, ka, b, kb, out, n)
                        : FloatArithScalar.apply(op, a, ka, b, kb, out, n))) {
            FloatArithScalar.raise(op, a, ka, b, kb, out, valid == ALL_VALID ? null : outValidity, n);
        }
    }

    public static void doubles(ArithOp op, MemorySegment a, double ka, MemorySegment aValidity,
            MemorySegment b, double kb, MemorySegment bValidity, MemorySegment out, long[] outValidity, int n) {
        int valid = combine(aValidity, bValidity, outValidity, n);
        if (valid != NONE_VALID
                && (Simd.ENABLED ? DoubleArith.apply(op, a, ka, b, kb, out, n)
                        : DoubleArithScalar.apply(op, a, ka, b, kb, out, n))) {
            DoubleArithScalar.raise(op, a, ka, b, kb, out, valid == ALL_VALID ? null : outValidity, n);
        }
    }

    /** {@link DecimalArith#multiply} over a batch with nulls; the result's scale is the sum of the operands'. */
    public static void decimalMultiply(MemorySegment a, long ka, MemorySegment aValidity, MemorySegment b, long kb,
            MemorySegment bValidity, long limit, MemorySegment out, long[] outValidity, int n) {
        int valid = combine(aValidity, bValidity, outValidity, n);
        if (valid != NONE_VALID
                && (Simd.ENABLED ? DecimalArith.multiply(a, ka, b, kb, limit, out, n)
                        : DecimalArithScalar.multiply(a, ka, b, kb, limit, out, n))) {
            DecimalArithScalar.raiseMultiply(a, ka, b, kb, limit, out, valid == ALL_VALID ? null : outValidity, n);
        }
    }

    /** {@link DecimalArithScalar#divide} over a batch with nulls. */
    public static void decimalDivide(MemorySegment a, long ka, int sa, MemorySegment aValidity, MemorySegment b,
            long kb, int sb, MemorySegment bValidity, int resultScale, long limit, MemorySegment out,
            long[] outValidity, int n) {
        int valid = combine(aValidity, bValidity, outValidity, n);
        if (valid != NONE_VALID && DecimalArithScalar.divide(a, ka, sa, b, kb, sb, resultScale, limit, out, n)) {
            DecimalArithScalar.raiseDivide(a, ka, sa, b, kb, sb, resultScale, limit, out,
                    valid == ALL_VALID ? null : outValidity, n);
        }
    }

    /** {@link DecimalArith#rescaleUp} over a column with nulls (the result has the same validity). */
    public static void decimalRescaleUp(MemorySegment a, MemorySegment aValidity, int k, long limit,
            MemorySegment out, long[] outValidity, int n) {
        int valid = combine(aValidity, null, outValidity, n);
        if (valid != NONE_VALID
                && (Simd.ENABLED ? DecimalArith.rescaleUp(a, k, limit, out, n)
                        : DecimalArithScalar.rescaleUp(a, k, limit, out, n))) {
            DecimalArithScalar.raiseRescaleUp(a, k, limit, out, valid == ALL_VALID ? null : outValidity, n);
        }
    }

    /**
     * Writes the AND of two validity buffers into {@code out} a word at a time and says whether
     * no row, every row or some rows are valid.
     */
    static int combine(MemorySegment aValidity, MemorySegment bValidity, long[] out, int n) {
        int words = Bitmaps.words(n);
        long none = 0;
        long all = -1L;
        for (int w = 0; w < words; w++) {
            long word = Bitmaps.validityWord(aValidity, w, n) & Bitmaps.validityWord(bValidity, w, n);
            out[w] = word;
            none |= word;
            all &= word | ~Bitmaps.tailMask(w, n);
        }
        return none == 0 ? NONE_VALID : all == -1L ? ALL_VALID : SOME_VALID;
    }
}
