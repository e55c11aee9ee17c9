package io.blueshift.storage.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads what a {@link ByteSink} wrote, with bounds checked against the segment. */
final class ByteSource {
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment data;
    private long at;

    ByteSource(MemorySegment data) {
        this.data = data;
    }

    MemorySegment data() {
        return data;
    }

    long position() {
        return at;
    }

    void skip(long bytes) {
        if (bytes < 0 || at + bytes > data.byteSize()) {
            throw new IndexOutOfBoundsException("past the end of " + data.byteSize() + " bytes");
        }
        at += bytes;
    }

    int getByte() {
        return data.get(ValueLayout.JAVA_BYTE, at++);
    }

    int getInt() {
        int v = data.get(INT, at);
        at += 4;
        return v;
    }

    long getLong() {
        long v = data.get(LONG, at);
        at += 8;
        return v;
    }

    String getString() {
        int n = getInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, b, 0, n);
        at += n;
        return new String(b, StandardCharsets.UTF_8);
    }
}
