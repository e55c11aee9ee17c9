package io.blueshift.kernels.string;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;

/**
 * LIKE / ILIKE over Arrow VarChar rows one byte at a time: the reference twin of
 * {@link LikeKernels}, with the same contract as {@link StringCompareScalar} (rows
 * {@code [from, to)}, whole words of {@code out} overwritten).
 */
public final class LikeScalar {
    private LikeScalar() {
    }

    public static void match(LikePattern pattern, MemorySegment offsets, MemorySegment data, int from, int to,
                             long[] out) {
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            int base = w << 6;
            int end = Math.min(base + 64, to);
            long bits = 0;
            int start = BytesScalar.offset(offsets, base);
            for (int i = base; i < end; i++) {
                int next = BytesScalar.offset(offsets, i + 1);
                if (matchRow(pattern, data, start, next)) {
                    bits |= 1L << (i - base);
                }
                start = next;
            }
            out[w] = bits;
        }
    }

    private static boolean matchRow(LikePattern pattern, MemorySegment data, long start, long end) {
        if (pattern.caseInsensitive()) {
            return pattern.matchesFolded(data, start, end);
        }
        byte[] lit = pattern.literalBytes();
        int m = lit.length;
        long len = end - start;
        return switch (pattern.kind()) {
            case ALL -> true;
            case EXACT -> len == m && BytesScalar.mismatch(data, start, lit, 0, m) < 0;
            case PREFIX -> len >= m && BytesScalar.mismatch(data, start, lit, 0, m) < 0;
            case SUFFIX -> len >= m && BytesScalar.mismatch(data, end - m, lit, 0, m) < 0;
            case CONTAINS -> contains(data, start, end, lit);
            case GENERAL -> pattern.matchesGeneral(data, start, end);
        };
    }

    private static boolean contains(MemorySegment data, long start, long end, byte[] lit) {
        byte first = lit[0];
        for (long at = start; at + lit.length <= end; at++) {
            if (BytesScalar.at(data, at) == first && BytesScalar.mismatch(data, at, lit, 0, lit.length) < 0) {
                return true;
            }
        }
        return false;
    }
}
