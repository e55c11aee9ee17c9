package io.blueshift.columnar.vector;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Making, sharing and copying Arrow vectors for the operators. Copies work on the buffers as
 * memory (a switch on the value width outside the loop), never value by value through Arrow's
 * typed getters, which cost a bounds check and a null check per call.
 */
public final class Vectors {
    /** Strings this short are gathered as two 64-bit words, with slack past the end of both buffers. */
    private static final int SHORT_COPY = 16;
    /** The average run of consecutive source rows from which a gather copies runs, not rows. */
    private static final int MIN_RUN = 16;

    private Vectors() {
    }

    /** A vector of {@code type} with room for {@code capacity} values, value count still 0. */
    public static FieldVector allocate(QueryMemory memory, SqlType type, int capacity) {
        return memory.newVector(ArrowTypes.field("", type, true), Math.max(capacity, 1));
    }

    /**
     * {@link #allocate} for a caller that writes all {@code capacity} values (a fixed-width
     * vector's value buffer is then not zeroed first: {@link QueryMemory#newVectorToOverwrite}).
     */
    public static FieldVector allocateToOverwrite(QueryMemory memory, SqlType type, int capacity) {
        return memory.newVectorToOverwrite(ArrowTypes.field("", type, true), Math.max(capacity, 1));
    }

    /**
     * A new vector holding the same values as {@code v} without copying them: its buffers are
     * shared (reference counted) and accounted to {@code memory}. Closing either vector leaves the
     * other intact.
     */
    public static FieldVector share(FieldVector v, QueryMemory memory) {
        return share(v, memory.allocator());
    }

    /** {@link #share(FieldVector, QueryMemory)} into any allocator of the same root (a table's). */
    public static FieldVector share(FieldVector v, BufferAllocator allocator) {
        if (v instanceof BitVector bits) {
            return copyBits(bits, allocator);
        }
        TransferPair pair = v.getTransferPair(allocator);
        int count = v.getValueCount();
        if (count == 0) {
            FieldVector out = (FieldVector) pair.getTo();
            out.allocateNew();
            out.setValueCount(0);
            return out;
        }
        pair.splitAndTransfer(0, count);
        return (FieldVector) pair.getTo();
    }

    /**
     * A copy of a boolean vector: Arrow's split-and-transfer of a bit vector whose length is not a
     * multiple of 8 allocates in the source's allocator and leaves that buffer behind (seen as a
     * 16-byte leak of the query when an INSERT stored a boolean), and booleans are cheap to copy.
     */
    private static FieldVector copyBits(BitVector v, BufferAllocator allocator) {
        int count = v.getValueCount();
        BitVector out = (BitVector) v.getField().createVector(allocator);
        try {
            out.allocateNew(Math.max(count, 1));
            long bytes = (count + 7) / 8;
            MemorySegment.copy(QueryMemory.segment(v.getDataBuffer()), 0, QueryMemory.segment(out.getDataBuffer()), 0, bytes);
            MemorySegment.copy(QueryMemory.segment(v.getValidityBuffer()), 0, QueryMemory.segment(out.getValidityBuffer()), 0, bytes);
            out.setValueCount(count);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A vector of {@code n} copies of {@code value} (null: all NULL). */
    public static FieldVector constant(QueryMemory memory, SqlType type, Object value, int n) {
        FieldVector out = allocate(memory, type, n);
        try {
            if (value == null || n == 0) {
                out.setValueCount(n);
                return out;
            }
            Values.set(out, type, 0, value);
            if (out instanceof BaseVariableWidthVector) {
                for (int i = 1; i < n; i++) {
                    out.copyFromSafe(0, i, out);
                }
                out.setValueCount(n);
                return out;
            }
            out.setValueCount(n);
            if (out instanceof BitVector) {
                for (int i = 1; i < n; i++) {
                    copyFixed(out, 0, out, i);
                }
                return out;
            }
            // the first value repeated by doubling copies, every row marked valid a byte at a time
            MemorySegment data = QueryMemory.segment(out.getDataBuffer());
            long total = (long) ((BaseFixedWidthVector) out).getTypeWidth() * n;
            for (long filled = ((BaseFixedWidthVector) out).getTypeWidth(); filled < total; filled *= 2) {
                MemorySegment.copy(data, 0, data, filled, Math.min(filled, total - filled));
            }
            setValid(QueryMemory.segment(out.getValidityBuffer()), n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * A new vector of the values of {@code v} at {@code positions[0..count)}; a position of -1
     * gives NULL (the unmatched side of an outer join).
     */
    public static FieldVector gather(QueryMemory memory, SqlType type, FieldVector v, int[] positions, int count) {
        return gather(memory, type, v, positions, count, runs(positions, count));
    }

    /**
     * {@link #gather(QueryMemory, SqlType, FieldVector, int[], int)} with {@code runs}, the
     * {@link #runs} of the positions, counted once for all the columns of a batch.
     */
    public static FieldVector gather(QueryMemory memory, SqlType type, FieldVector v, int[] positions, int count,
            int runs) {
        return gather(memory, type, v, positions, count, runs, runEnds(positions, count, runs));
    }

    /**
     * {@link #gather(QueryMemory, SqlType, FieldVector, int[], int, int)} with {@code ends}, the
     * {@link #runEnds} of the positions, also found once for all the columns of a batch.
     */
    public static FieldVector gather(QueryMemory memory, SqlType type, FieldVector v, int[] positions, int count,
            int runs, int[] ends) {
        // gatherFixed writes every value (a NULL row's too), gatherVariable its offsets from a zeroed buffer
        FieldVector out = v instanceof BaseVariableWidthVector ? allocate(memory, type, count)
                : allocateToOverwrite(memory, type, count);
        try {
            if (v instanceof BaseVariableWidthVector src) {
                gatherVariable(src, (BaseVariableWidthVector) out, positions, count, runs, ends);
            } else {
                gatherFixed(v, out, positions, count, runs, ends);
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Appends {@code count} values of {@code src} from {@code srcStart} at {@code dstStart} of {@code dst}. */
    public static void append(FieldVector dst, int dstStart, FieldVector src, int srcStart, int count) {
        for (int i = 0; i < count; i++) {
            dst.copyFromSafe(srcStart + i, dstStart + i, src);
        }
    }

    /**
     * Copies all {@code count} values of {@code src} to {@code dst} from row {@code at} on, as
     * memory copies (value bytes, validity bits, rebased string offsets); {@code dst} grows as needed.
     */
    public static void appendAll(FieldVector dst, int at, FieldVector src, int count) {
        if (count == 0) {
            return;
        }
        if (src instanceof BaseVariableWidthVector s && dst instanceof BaseVariableWidthVector d) {
            MemorySegment so = QueryMemory.segment(s.getOffsetBuffer());
            int start = so.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 0);
            int end = so.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, count);
            while (d.getValueCapacity() < at + count) {
                d.reallocValidityAndOffsetBuffers();
            }
            MemorySegment doff = QueryMemory.segment(d.getOffsetBuffer());
            int base = at == 0 ? 0 : doff.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, at);
            while (d.getDataBuffer().capacity() < (long) base + (end - start)) {
                d.reallocDataBuffer();
            }
            doff = QueryMemory.segment(d.getOffsetBuffer());
            MemorySegment.copy(QueryMemory.segment(s.getDataBuffer()), start, QueryMemory.segment(d.getDataBuffer()), base, end - start);
            for (int i = 0; i <= count; i++) {
                doff.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, at + i, base + so.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) - start);
            }
            copyValidity(src, dst, at, count);
            d.setLastSet(at + count - 1);
            return;
        }
        while (dst.getValueCapacity() < at + count) {
            dst.reAlloc();
        }
        if (src instanceof BitVector) {
            copyBits(QueryMemory.segment(src.getDataBuffer()), QueryMemory.segment(dst.getDataBuffer()), at, count);
        } else {
            long w = ((BaseFixedWidthVector) src).getTypeWidth();
            MemorySegment.copy(QueryMemory.segment(src.getDataBuffer()), 0, QueryMemory.segment(dst.getDataBuffer()),
                    at * w, count * w);
        }
        copyValidity(src, dst, at, count);
    }

    private static void copyValidity(FieldVector src, FieldVector dst, int at, int count) {
        MemorySegment d = QueryMemory.segment(dst.getValidityBuffer());
        if (src.getNullCount() == 0) {
            setBits(d, at, count);
        } else {
            copyBits(QueryMemory.segment(src.getValidityBuffer()), d, at, count);
        }
    }

    /** Copies bits 0 to {@code count} of bitmap {@code s} to bits {@code at} on of bitmap {@code d}, a byte at a time. */
    static void copyBits(MemorySegment s, MemorySegment d, int at, int count) {
        int i = 0;
        for (; i < count && ((at + i) & 7) != 0; i++) {
            putBit(d, at + i, bit(s, i));
        }
        int bytes = (count - i) >>> 3;
        long from = i >>> 3;
        long to = (at + i) >>> 3;
        int shift = i & 7;
        if (shift == 0) {
            MemorySegment.copy(s, from, d, to, bytes);
        } else {
            long last = s.byteSize() - 1;
            for (int b = 0; b < bytes; b++) {
                int lo = s.get(ValueLayout.JAVA_BYTE, from + b) & 0xFF;
                int hi = from + b + 1 > last ? 0 : s.get(ValueLayout.JAVA_BYTE, from + b + 1) & 0xFF;
                d.set(ValueLayout.JAVA_BYTE, to + b, (byte) ((lo >>> shift) | (hi << (8 - shift))));
            }
        }
        for (i += bytes << 3; i < count; i++) {
            putBit(d, at + i, bit(s, i));
        }
    }

    /** Sets bits {@code at} to {@code at + count} of bitmap {@code d}. */
    static void setBits(MemorySegment d, int at, int count) {
        int i = 0;
        for (; i < count && ((at + i) & 7) != 0; i++) {
            setBit(d, at + i);
        }
        int bytes = (count - i) >>> 3;
        d.asSlice((at + i) >>> 3, bytes).fill((byte) -1);
        for (i += bytes << 3; i < count; i++) {
            setBit(d, at + i);
        }
    }

    private static void putBit(MemorySegment bits, int i, boolean on) {
        if (on) {
            setBit(bits, i);
        } else {
            clearBit(bits, i);
        }
    }

    /** Closes every non-null vector, keeping the first failure. */
    public static void closeAll(List<? extends AutoCloseable> vectors) {
        RuntimeException failure = null;
        for (AutoCloseable v : vectors) {
            try {
                if (v != null) {
                    v.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * How many runs of consecutive source rows {@code positions} holds (a filter that keeps most
     * rows leaves long ones), or -1 when one is negative (a NULL row).
     */
    public static int runs(int[] positions, int count) {
        if (count == 0) {
            return 0;
        }
        int or = positions[0];
        int runs = 1;
        for (int i = 1; i < count; i++) {
            int p = positions[i];
            or |= p;
            int gap = p - positions[i - 1] - 1;
            runs += (gap | -gap) >>> 31; // without a branch: a filter's kept rows are a coin toss each
        }
        return or < 0 ? -1 : runs;
    }

    /** Whether runs this long are copied whole (a memory copy per run) instead of row by row. */
    private static boolean longRuns(int runs, int count) {
        return runs >= 0 && (long) runs * MIN_RUN <= count;
    }

    /**
     * Where each of the {@code runs} runs of consecutive source rows in {@code positions} ends
     * (exclusive), when they are long enough to be copied a run at a time; null otherwise.
     */
    public static int[] runEnds(int[] positions, int count, int runs) {
        if (!longRuns(runs, count) || count == 0) {
            return null;
        }
        int[] ends = new int[runs];
        for (int i = 0, r = 0; i < count; r++) {
            i = runEnd(positions, i, count);
            ends[r] = i;
        }
        return ends;
    }

    private static void gatherFixed(FieldVector src, FieldVector out, int[] positions, int count, int runs,
            int[] ends) {
        while (out.getValueCapacity() < count) {
            out.reAlloc();
        }
        MemorySegment srcValidity = QueryMemory.segment(src.getValidityBuffer());
        MemorySegment outValidity = QueryMemory.segment(out.getValidityBuffer());
        boolean srcHasNulls = anyNull(src, srcValidity, positions, count);
        if (!srcHasNulls && runs >= 0) {
            setValid(outValidity, count); // a filter's or an inner join's rows of a column without NULLs
        } else {
            // validity built a 64-bit word at a time: a bit per row is a read and a write of memory per row
            long[] words = new long[(count + 63) >>> 6];
            for (int i = 0; i < count; i++) {
                int p = positions[i];
                if (p >= 0 && (!srcHasNulls || bit(srcValidity, p))) {
                    words[i >>> 6] |= 1L << i;
                }
            }
            writeBits(outValidity, words, count);
        }
        MemorySegment s = QueryMemory.segment(src.getDataBuffer());
        MemorySegment d = QueryMemory.segment(out.getDataBuffer());
        if (src instanceof BitVector) {
            for (int i = 0; i < count; i++) {
                int p = positions[i];
                if (p >= 0 && bit(s, p)) {
                    setBit(d, i);
                } else {
                    clearBit(d, i);
                }
            }
        } else if (ends != null) {
            long w = ((BaseFixedWidthVector) src).getTypeWidth();
            for (int r = 0, i = 0; r < ends.length; r++) {
                int j = ends[r];
                MemorySegment.copy(s, positions[i] * w, d, i * w, (j - i) * w);
                i = j;
            }
        } else {
            switch (((BaseFixedWidthVector) src).getTypeWidth()) {
                case 1 -> { for (int i = 0; i < count; i++) { int p = Math.max(positions[i], 0); d.set(ValueLayout.JAVA_BYTE, i, s.get(ValueLayout.JAVA_BYTE, p)); } }
                case 2 -> { for (int i = 0; i < count; i++) { int p = Math.max(positions[i], 0); d.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, p)); } }
                case 4 -> { for (int i = 0; i < count; i++) { int p = Math.max(positions[i], 0); d.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, s.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, p)); } }
                case 8 -> { for (int i = 0; i < count; i++) { int p = Math.max(positions[i], 0); d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, p)); } }
                case 16 -> {
                    for (int i = 0; i < count; i++) {
                        long p = Math.max(positions[i], 0);
                        d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i, s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2 * p));
                        d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1, s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2 * p + 1));
                    }
                }
                default -> {
                    int w = ((BaseFixedWidthVector) src).getTypeWidth();
                    for (int i = 0; i < count; i++) {
                        MemorySegment.copy(s, (long) Math.max(positions[i], 0) * w, d, (long) i * w, w);
                    }
                }
            }
        }
        out.setValueCount(count);
    }

    private static void gatherVariable(BaseVariableWidthVector src, BaseVariableWidthVector out, int[] positions,
            int count, int runs, int[] ends) {
        MemorySegment srcOffsets = QueryMemory.segment(src.getOffsetBuffer());
        MemorySegment srcValidity = QueryMemory.segment(src.getValidityBuffer());
        boolean srcHasNulls = anyNull(src, srcValidity, positions, count);
        if (!srcHasNulls && ends != null) {
            gatherVariableRuns(src, out, positions, count, ends, srcOffsets);
            return;
        }
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int p = positions[i];
            if (p >= 0) {
                bytes += srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, p + 1)
                        - srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, p);
            }
        }
        // SHORT_COPY bytes of slack past the last string: a short string is copied as two words
        out.allocateNew(bytes + SHORT_COPY, Math.max(count, 1));
        MemorySegment s = QueryMemory.segment(src.getDataBuffer());
        long srcBytes = s.byteSize();
        ArrowBuf dataBuf = out.getDataBuffer();
        MemorySegment d = QueryMemory.segment(dataBuf);
        MemorySegment outOffsets = QueryMemory.segment(out.getOffsetBuffer());
        boolean allValid = !srcHasNulls && runs >= 0;
        long[] words = allValid ? null : new long[(count + 63) >>> 6];
        int at = 0;
        outOffsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 0, 0);
        for (int i = 0; i < count; i++) {
            int p = positions[i];
            if (p >= 0 && (!srcHasNulls || bit(srcValidity, p))) {
                int start = srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, p);
                int len = srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, p + 1) - start;
                if (len <= SHORT_COPY && start + SHORT_COPY <= srcBytes) {
                    // a bulk copy's set-up costs more than the few bytes of a code or a flag
                    d.set(ValueLayout.JAVA_LONG_UNALIGNED, at, s.get(ValueLayout.JAVA_LONG_UNALIGNED, start));
                    d.set(ValueLayout.JAVA_LONG_UNALIGNED, at + 8, s.get(ValueLayout.JAVA_LONG_UNALIGNED, start + 8));
                } else {
                    MemorySegment.copy(s, start, d, at, len);
                }
                at += len;
                if (!allValid) {
                    words[i >>> 6] |= 1L << i;
                }
            }
            outOffsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i + 1, at);
        }
        if (allValid) {
            setValid(QueryMemory.segment(out.getValidityBuffer()), count);
        } else {
            writeBits(QueryMemory.segment(out.getValidityBuffer()), words, count);
        }
        out.setLastSet(count - 1);
        out.setValueCount(count);
    }

    /** The end of the run of consecutive source rows that starts at {@code i}. */
    private static int runEnd(int[] positions, int i, int count) {
        int j = i + 1;
        while (j < count && positions[j] == positions[j - 1] + 1) {
            j++;
        }
        return j;
    }

    /** {@link #gatherVariable} of rows without NULLs in long runs: the bytes of each run in one copy. */
    private static void gatherVariableRuns(BaseVariableWidthVector src, BaseVariableWidthVector out, int[] positions,
            int count, int[] ends, MemorySegment srcOffsets) {
        int runs = ends.length;
        long bytes = 0;
        for (int r = 0, i = 0; r < runs; r++) {
            int j = ends[r];
            bytes += srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, positions[j - 1] + 1)
                    - srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, positions[i]);
            i = j;
        }
        out.allocateNew(Math.max(bytes, 1), Math.max(count, 1));
        MemorySegment s = QueryMemory.segment(src.getDataBuffer());
        MemorySegment d = QueryMemory.segment(out.getDataBuffer());
        MemorySegment outOffsets = QueryMemory.segment(out.getOffsetBuffer());
        int at = 0;
        outOffsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 0, 0);
        for (int r = 0, i = 0; r < runs; r++) {
            int j = ends[r];
            int p = positions[i];
            int first = srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, p);
            int end = srcOffsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, p + (j - i));
            MemorySegment.copy(s, first, d, at, end - first);
            // the run's end offsets, moved from where its bytes were to where they are now
            int shift = at - first;
            for (long k = (i + 1L) << 2, from = (p + 1L) << 2, stop = (j + 1L) << 2; k < stop; k += 4, from += 4) {
                outOffsets.set(ValueLayout.JAVA_INT_UNALIGNED, k, srcOffsets.get(ValueLayout.JAVA_INT_UNALIGNED, from) + shift);
            }
            at += end - first;
            i = j;
        }
        setValid(QueryMemory.segment(out.getValidityBuffer()), count);
        out.setLastSet(count - 1);
        out.setValueCount(count);
    }

    private static void copyFixed(FieldVector src, int from, FieldVector dst, int to) {
        dst.copyFrom(from, to, src);
    }

    /** Marks row {@code i} of a fixed-width vector valid (its value written through memory). */
    public static void markValid(FieldVector v, int i) {
        setBit(QueryMemory.segment(v.getValidityBuffer()), i);
    }

    /** Marks rows 0..n-1 valid in a validity bitmap. */
    public static void setValid(MemorySegment bits, int n) {
        bits.asSlice(0, n >>> 3).fill((byte) -1);
        if ((n & 7) != 0) {
            bits.set(ValueLayout.JAVA_BYTE, n >>> 3, (byte) ((1 << (n & 7)) - 1));
        }
    }

    /**
     * Writes the first {@code n} bits of {@code words} into a bitmap (bits past n in the last word
     * as 0, which also clears them in {@code words}).
     */
    public static void writeBits(MemorySegment bitmap, long[] words, int n) {
        int count = (n + 63) >>> 6;
        if (count == 0) {
            return;
        }
        if ((n & 63) != 0) {
            words[count - 1] &= (1L << (n & 63)) - 1;
        }
        int whole = (int) Math.min(count, bitmap.byteSize() >>> 3);
        for (int w = 0; w < whole; w++) {
            bitmap.set(ValueLayout.JAVA_LONG_UNALIGNED, (long) w << 3, words[w]);
        }
        for (int w = whole; w < count; w++) {
            long at = (long) w << 3;
            int bytes = (int) Math.min(8, bitmap.byteSize() - at);
            for (int i = 0; i < bytes; i++) {
                bitmap.set(ValueLayout.JAVA_BYTE, at + i, (byte) (words[w] >>> (i << 3)));
            }
        }
    }

    /**
     * Whether a gather of rows {@code positions[0..count)} of {@code src} meets a NULL (-1, a row
     * of NULLs, is not one): by the rows themselves where they are few against the vector (a
     * batch's rows out of a sort's or a join build's millions, where counting the vector's NULLs
     * for every batch made emitting them quadratic), else a 64-bit word of the bitmap at a time.
     */
    static boolean anyNull(FieldVector src, MemorySegment validity, int[] positions, int count) {
        int n = src.getValueCount();
        if ((long) count * 64 < n) {
            for (int i = 0; i < count; i++) {
                int p = positions[i];
                if (p >= 0 && !bit(validity, p)) {
                    return true;
                }
            }
            return false;
        }
        int words = n >>> 6;
        for (int w = 0; w < words; w++) {
            if (validity.get(ValueLayout.JAVA_LONG_UNALIGNED, (long) w * 8) != -1L) {
                return true;
            }
        }
        for (int i = words << 6; i < n; i++) {
            if (!bit(validity, i)) {
                return true;
            }
        }
        return false;
    }

    static boolean bit(MemorySegment bits, int i) {
        return (bits.get(ValueLayout.JAVA_BYTE, i >>> 3) & (1 << (i & 7))) != 0;
    }

    /** Sets bit {@code i} of an Arrow bitmap (validity or BOOLEAN values). */
    public static void setBit(MemorySegment bits, int i) {
        long at = i >>> 3;
        bits.set(ValueLayout.JAVA_BYTE, at, (byte) (bits.get(ValueLayout.JAVA_BYTE, at) | (1 << (i & 7))));
    }

    static void clearBit(MemorySegment bits, int i) {
        long at = i >>> 3;
        bits.set(ValueLayout.JAVA_BYTE, at, (byte) (bits.get(ValueLayout.JAVA_BYTE, at) & ~(1 << (i & 7))));
    }
}
