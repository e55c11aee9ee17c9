package io.blueshift.storage.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Unsigned values of one bit width packed end to end into little-endian 64-bit words (the
 * frame-of-reference and dictionary-id layouts).
 */
final class BitPacking {
    private BitPacking() {
    }

    /** The bits needed for unsigned values up to {@code max}. */
    static int bitsFor(long max) {
        return 64 - Long.numberOfLeadingZeros(max);
    }

    /** The bytes {@code n} values of {@code bits} take (whole words). */
    static long bytes(long n, int bits) {
        return (n * bits + 63) / 64 * 8;
    }

    static void pack(long[] values, int n, int bits, ByteSink out) {
        if (bits == 0) {
            return;
        }
        long word = 0;
        int used = 0;
        for (int i = 0; i < n; i++) {
            long x = values[i];
            word |= x << used;
            used += bits;
            if (used >= 64) {
                out.putLong(word);
                used -= 64;
                word = used == 0 ? 0 : x >>> (bits - used);
            }
        }
        if (used > 0) {
            out.putLong(word);
        }
    }

    /**
     * Reads {@code n} values packed at {@code offset} into {@code out}, each plus {@code base}. The
     * packed bytes are copied to the heap in one call and unpacked from an array, not read one by
     * one through the memory segment (warm scans at SF 1: Q1 0.91x, Q6 0.88x). A value of at most
     * 56 bits is one unaligned 8-byte read at its first byte, shifted by its bit within that byte:
     * the packed words are little-endian, so their bytes are the bit stream in order. Wider values
     * take two words.
     */
    static void unpack(MemorySegment in, long offset, int bits, int n, long[] out, long base) {
        if (bits == 0) {
            Arrays.fill(out, 0, n, base);
            return;
        }
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        if (bits <= MAX_BYTE_ALIGNED) {
            byte[] packed = bytes(in, offset, bits, n);
            long bit = 0;
            for (int i = 0; i < n; i++, bit += bits) {
                out[i] = ((long) LONG.get(packed, (int) (bit >>> 3)) >>> (bit & 7) & mask) + base;
            }
            return;
        }
        long[] packed = words(in, offset, bits, n);
        long bit = 0;
        for (int i = 0; i < n; i++, bit += bits) {
            int word = (int) (bit >>> 6);
            int shift = (int) bit & 63;
            // (next << 1) << (63 - shift) is next << (64 - shift), and 0 when shift is 0
            out[i] = ((packed[word] >>> shift | packed[word + 1] << 1 << (63 - shift)) & mask) + base;
        }
    }

    /** {@link #unpack(MemorySegment, long, int, int, long[], long)} into ints: values of at most 32 bits. */
    static void unpack(MemorySegment in, long offset, int bits, int n, int[] out, long base) {
        if (bits == 0) {
            Arrays.fill(out, 0, n, (int) base);
            return;
        }
        if (bits > 32) {
            throw new IllegalArgumentException(bits + " bits do not fit an int");
        }
        byte[] packed = bytes(in, offset, bits, n);
        long mask = (1L << bits) - 1;
        long bit = 0;
        for (int i = 0; i < n; i++, bit += bits) {
            out[i] = (int) (((long) LONG.get(packed, (int) (bit >>> 3)) >>> (bit & 7) & mask) + base);
        }
    }

    /** Widths whose values, shifted by at most 7 bits, fit one 8-byte read. */
    private static final int MAX_BYTE_ALIGNED = 56;
    /** Eight bytes of a byte array as one little-endian long. */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The bytes that hold {@code n} values of {@code bits} at {@code offset}, then 8 zero bytes. */
    private static byte[] bytes(MemorySegment in, long offset, int bits, int n) {
        int count = Math.toIntExact(bytes(n, bits));
        byte[] packed = Scratch.get().packed(count + Long.BYTES);
        MemorySegment.copy(in, ValueLayout.JAVA_BYTE, offset, packed, 0, count);
        Arrays.fill(packed, count, count + Long.BYTES, (byte) 0);
        return packed;
    }

    /** The words that hold {@code n} values of {@code bits} at {@code offset}, then a zero word. */
    private static long[] words(MemorySegment in, long offset, int bits, int n) {
        int count = Math.toIntExact(bytes(n, bits) / 8);
        long[] packed = Scratch.get().words(count + 1);
        MemorySegment.copy(in, ByteSource.LONG, offset, packed, 0, count);
        packed[count] = 0;
        return packed;
    }

    /**
     * Arrays a thread's decoders reuse from chunk to chunk: a chunk of 64 K values decoded into fresh
     * arrays allocated and zeroed half a megabyte each time, outside the thread's allocation
     * buffer. Arrays longer than {@link #KEEP} are not kept.
     */
    static final class Scratch {
        static final int KEEP = 1 << 18;
        private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);

        private long[] words = new long[0];
        private byte[] packed = new byte[0];
        private long[] values = new long[0];
        private int[] ints = new int[0];
        private int[] offsets = new int[0];
        private byte[] bytes = new byte[0];

        static Scratch get() {
            return CURRENT.get();
        }

        /** The packed words of a chunk (used within one unpack). */
        long[] words(int n) {
            return words.length >= n ? words : n > KEEP ? new long[n] : (words = new long[grow(n)]);
        }

        /** The packed bytes of a chunk (used within one unpack). */
        byte[] packed(int n) {
            return packed.length >= n ? packed : n > 8 * KEEP ? new byte[n] : (packed = new byte[grow(n)]);
        }

        long[] values(int n) {
            return values.length >= n ? values : n > KEEP ? new long[n] : (values = new long[grow(n)]);
        }

        int[] ints(int n) {
            return ints.length >= n ? ints : n > KEEP ? new int[n] : (ints = new int[grow(n)]);
        }

        int[] offsets(int n) {
            return offsets.length >= n ? offsets : n > KEEP ? new int[n] : (offsets = new int[grow(n)]);
        }

        byte[] bytes(int n) {
            return bytes.length >= n ? bytes : n > 4 * KEEP ? new byte[n] : (bytes = new byte[Math.max(n, 1024)]);
        }

        private static int grow(int n) {
            return Math.max(n, 1024);
        }
    }
}
