package io.blueshift.kernels.string;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;

/**
 * LIKE over Arrow VarChar rows with the Vector API; same contract as {@link LikeScalar}.
 * EXACT, PREFIX and SUFFIX first keep the rows that are long enough (a vector of offsets at a
 * time) and compare only those. CONTAINS searches the whole data buffer of the rows at once, not
 * row by row, which suits short strings: a vector compare of the needle's first and last bytes
 * at every position finds candidates, a candidate is checked in full, then mapped to its row by
 * a cursor over the offsets (a match that would cross into the next row does not count). ILIKE
 * and GENERAL patterns go row by row like the scalar twin.
 */
public final class LikeKernels {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private LikeKernels() {
    }

    public static void match(LikePattern pattern, MemorySegment offsets, MemorySegment data, int from, int to,
                             long[] out) {
        if (pattern.caseInsensitive()) {
            LikeScalar.match(pattern, offsets, data, from, to, out);
            return;
        }
        byte[] lit = pattern.literalBytes();
        switch (pattern.kind()) {
            case ALL -> {
                for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
                    out[w] = BytesScalar.rowMask(w << 6, to);
                }
            }
            case EXACT -> StringCompareKernels.equalConst(offsets, data, from, to, BytesSimd.padded(lit), lit.length,
                    false, out);
            case PREFIX -> affix(offsets, data, from, to, BytesSimd.padded(lit), lit.length, false, out);
            case SUFFIX -> affix(offsets, data, from, to, BytesSimd.padded(lit), lit.length, true, out);
            case CONTAINS -> contains(offsets, data, from, to, BytesSimd.padded(lit), lit.length, out);
            case GENERAL -> general(pattern, offsets, data, from, to, out);
        }
    }

    /**
     * A pattern of several literal runs ({@code '%special%requests%'}): the rows that contain its
     * longest run, found by the vector search of {@link #contains} over the whole batch, are the
     * only ones that can match, and only those are matched run by run.
     */
    private static void general(LikePattern pattern, MemorySegment offsets, MemorySegment data, int from, int to,
                                long[] out) {
        byte[] run = pattern.longestRun();
        if (run == null || run.length < 2) {
            LikeScalar.match(pattern, offsets, data, from, to, out);
            return;
        }
        contains(offsets, data, from, to, BytesSimd.padded(run), run.length, out);
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            long candidates = out[w];
            while (candidates != 0) {
                int row = (w << 6) + Long.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (!pattern.matchesGeneral(data, BytesScalar.offset(offsets, row), BytesScalar.offset(offsets, row + 1))) {
                    out[w] &= ~(1L << row);
                }
            }
        }
    }

    private static void affix(MemorySegment offsets, MemorySegment data, int from, int to, byte[] padded, int m,
                              boolean suffix, long[] out) {
        long word = BytesSimd.smallWord(padded);
        long mask = BytesSimd.smallMask(m);
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            int base = w << 6;
            int end = Math.min(base + 64, to);
            long candidates = BytesSimd.lengthMatches(offsets, base, end, m, true);
            long bits = candidates;
            while (candidates != 0) {
                int bit = Long.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                long at = suffix ? BytesScalar.offset(offsets, base + bit + 1) - m : BytesScalar.offset(offsets, base + bit);
                if (!BytesSimd.equalsConst(data, at, padded, word, mask, m)) {
                    bits &= ~(1L << bit);
                }
            }
            out[w] = bits;
        }
    }

    private static void contains(MemorySegment offsets, MemorySegment data, int from, int to, byte[] padded, int m,
                                 long[] out) {
        for (int w = from >>> 6; w < Bitmaps.words(to); w++) {
            out[w] = 0;
        }
        long dEnd = BytesScalar.offset(offsets, to);
        long p = BytesScalar.offset(offsets, from);
        int row = from;
        long skipUntil = p;
        ByteVector first = ByteVector.broadcast(BytesSimd.BYTES, padded[0]);
        ByteVector last = ByteVector.broadcast(BytesSimd.BYTES, padded[m - 1]);
        int lanes = BytesSimd.LANES;
        for (; p + m - 1 + lanes <= dEnd; p += lanes) {
            long candidates = ByteVector.fromMemorySegment(BytesSimd.BYTES, data, p, LE).compare(VectorOperators.EQ, first)
                    .and(ByteVector.fromMemorySegment(BytesSimd.BYTES, data, p + m - 1, LE).compare(VectorOperators.EQ, last))
                    .toLong();
            while (candidates != 0) {
                long pos = p + Long.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (pos >= skipUntil) {
                    while (BytesScalar.offset(offsets, row + 1) <= pos) {
                        row++;
                    }
                    long rowEnd = BytesScalar.offset(offsets, row + 1);
                    if (pos + m <= rowEnd && (m <= 2 || BytesSimd.mismatch(data, pos + 1, padded, 1, m - 2) < 0)) {
                        out[row >>> 6] |= 1L << row;
                        skipUntil = rowEnd;
                    }
                }
            }
        }
        byte head = padded[0];
        for (p = Math.max(p, skipUntil); p + m <= dEnd; p++) {
            if (BytesScalar.at(data, p) == head && p >= skipUntil && BytesScalar.mismatch(data, p, padded, 0, m) < 0) {
                while (BytesScalar.offset(offsets, row + 1) <= p) {
                    row++;
                }
                long rowEnd = BytesScalar.offset(offsets, row + 1);
                if (p + m <= rowEnd) {
                    out[row >>> 6] |= 1L << row;
                    skipUntil = rowEnd;
                }
            }
        }
    }
}
