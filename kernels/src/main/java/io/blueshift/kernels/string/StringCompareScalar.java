package io.blueshift.kernels.string;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;

/**
 * Comparisons of Arrow VarChar strings one byte at a time: the reference twin of
 * {@link StringCompareKernels}, with the same signatures. Rows {@code [from, to)} are compared
 * ({@code from} a multiple of 64, {@code to} a multiple of 64 or the row count) and the words of
 * {@code out} that cover them are overwritten with the bits of the rows where the comparison holds.
 */
public final class StringCompareScalar {
    private StringCompareScalar() {
    }

    /** {@code string op constant} for each row, by unsigned byte order. */
    public static void compareConst(StringCompareOp op, MemorySegment offsets, MemorySegment data,
                                    int from, int to, byte[] constant, long[] out) {
        int m = constant.length;
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            int base = w << 6;
            int end = Math.min(base + 64, to);
            long bits = 0;
            int start = BytesScalar.offset(offsets, base);
            for (int i = base; i < end; i++) {
                int next = BytesScalar.offset(offsets, i + 1);
                boolean holds = switch (op) {
                    case EQ -> next - start == m && BytesScalar.mismatch(data, start, constant, 0, m) < 0;
                    case NE -> next - start != m || BytesScalar.mismatch(data, start, constant, 0, m) >= 0;
                    case LT, LE, GT, GE -> op.holds(BytesScalar.compare(data, start, next - start, constant));
                };
                if (holds) {
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
                if (op.holds(BytesScalar.compare(dataA, a, aLen, dataB, b, bLen))) {
                    bits |= 1L << (i - base);
                }
            }
            out[w] = bits;
        }
    }
}
