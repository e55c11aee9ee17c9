package io.blueshift.kernels.string;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Comparisons of Arrow VarChar strings with the Vector API; same contract as
 * {@link StringCompareScalar}. Equality first keeps only the rows of the right length (computed
 * a vector of offsets at a time), so that most rows never touch the data buffer; the survivors
 * and the ordering comparisons find their first differing byte a vector at a time.
 */
public final class StringCompareKernels {
    private StringCompareKernels() {
    }

    /** {@code string op constant} for each row, by unsigned byte order. */
    public static void compareConst(StringCompareOp op, MemorySegment offsets, MemorySegment data,
                                    int from, int to, byte[] constant, long[] out) {
        byte[] padded = BytesSimd.padded(constant);
        switch (op) {
            case EQ -> equalConst(offsets, data, from, to, padded, constant.length, false, out);
            case NE -> equalConst(offsets, data, from, to, padded, constant.length, true, out);
            case LT, LE, GT, GE -> orderConst(op, offsets, data, from, to, padded, constant.length, out);
        }
    }

    static void equalConst(MemorySegment offsets, MemorySegment data, int from, int to,
                                   byte[] padded, int m, boolean negate, long[] out) {
        long word = BytesSimd.smallWord(padded);
        long mask = BytesSimd.smallMask(m);
        long size = data.byteSize();
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            int base = w << 6;
            int end = Math.min(base + 64, to);
            if (m <= 8 && BytesScalar.offset(offsets, end) + 8L <= size) {
                // a flag or a code (l_returnflag = 'R'): each row's length and first word against
                // the constant's, without a branch on the outcome, which is a coin toss per row
                long bits = 0;
                int start = BytesScalar.offset(offsets, base);
                for (int i = base; i < end; i++) {
                    int next = BytesScalar.offset(offsets, i + 1);
                    long differs = ((data.get(ValueLayout.JAVA_LONG_UNALIGNED, start) ^ word) & mask) | (next - start - m);
                    bits |= (((differs | -differs) >>> 63) ^ 1) << (i - base);
                    start = next;
                }
                out[w] = negate ? ~bits & BytesScalar.rowMask(base, end) : bits;
                continue;
            }
            long candidates = BytesSimd.lengthMatches(offsets, base, end, m, false);
            long bits = candidates;
            while (candidates != 0) {
                int bit = Long.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (!BytesSimd.equalsConst(data, BytesScalar.offset(offsets, base + bit), padded, word, mask, m)) {
                    bits &= ~(1L << bit);
                }
            }
            out[w] = negate ? ~bits & BytesScalar.rowMask(base, end) : bits;
        }
    }

    private static void orderConst(StringCompareOp op, MemorySegment offsets, MemorySegment data, int from,
                                   int to, byte[] padded, int m, long[] out) {
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            int base = w << 6;
            int end = Math.min(base + 64, to);
            long bits = 0;
            int start = BytesScalar.offset(offsets, base);
            for (int i = base; i < end; i++) {
                int next = BytesScalar.offset(offsets, i + 1);
                if (op.holds(BytesSimd.compare(data, start, next - start, padded, m))) {
                    bits |= 1L << (i - base);
                }
                start = next;
            }
            out[w] = bits;
        }
    }

    /** {@code a op b} row by row for two string columns of the same batch. */
    public static void compareColumns(StringCompareOp op, MemorySegment offsetsA, MemorySegment dataA,
                                      MemorySegment offsetsB, MemorySegment dataB, int from, int to, long[] out) {
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            int base = w << 6;
            int end = Math.min(base + 64, to);
            long bits = 0;
            for (int i = base; i < end; i++) {
                int a = BytesScalar.offset(offsetsA, i);
                int aLen = BytesScalar.offset(offsetsA, i + 1) - a;
                int b = BytesScalar.offset(offsetsB, i);
                int bLen = BytesScalar.offset(offsetsB, i + 1) - b;
                boolean holds = switch (op) {
                    case EQ -> aLen == bLen && BytesSimd.mismatch(dataA, a, dataB, b, aLen) < 0;
                    case NE -> aLen != bLen || BytesSimd.mismatch(dataA, a, dataB, b, aLen) >= 0;
                    case LT, LE, GT, GE -> op.holds(BytesSimd.compare(dataA, a, aLen, dataB, b, bLen));
                };
                if (holds) {
                    bits |= 1L << (i - base);
                }
            }
            out[w] = bits;
        }
    }
}
