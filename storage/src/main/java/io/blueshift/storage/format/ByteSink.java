package io.blueshift.storage.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer on the heap, for building encoded chunks and file footers. */
final class ByteSink {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    private MemorySegment room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
        return MemorySegment.ofArray(bytes);
    }

    ByteSink putByte(int b) {
        room(1);
        bytes[size++] = (byte) b;
        return this;
    }

    ByteSink putInt(int v) {
        room(4).set(INT, size, v);
        size += 4;
        return this;
    }

    ByteSink putLong(long v) {
        room(8).set(LONG, size, v);
        size += 8;
        return this;
    }

    ByteSink putBytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    ByteSink putBytes(MemorySegment from, long offset, long length) {
        MemorySegment.copy(from, offset, room(Math.toIntExact(length)), size, length);
        size += (int) length;
        return this;
    }

    /** A string as its UTF-8 byte count and bytes; null as -1. */
    ByteSink putString(String s) {
        if (s == null) {
            return putInt(-1);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return putInt(b.length).putBytes(b);
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
