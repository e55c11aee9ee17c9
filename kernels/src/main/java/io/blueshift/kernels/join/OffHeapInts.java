package io.blueshift.kernels.join;

import io.blueshift.kernels.OffHeapAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A growable off-heap int array, zero-filled, freed by {@link #close()}. */
final class OffHeapInts implements AutoCloseable {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final OffHeapAllocator allocator;
    private MemorySegment segment;

    OffHeapInts(OffHeapAllocator allocator, int capacity) {
        this.allocator = allocator;
        this.segment = allocator.allocate((long) Math.max(16, capacity) << 2);
    }

    int get(int i) {
        return segment.getAtIndex(INT, i);
    }

    void set(int i, int value) {
        segment.setAtIndex(INT, i, value);
    }

    /** Makes room for indexes {@code 0..size-1}, keeping the contents. */
    void ensure(int size) {
        long bytes = (long) size << 2;
        if (bytes <= segment.byteSize()) {
            return;
        }
        MemorySegment grown = allocator.allocate(Math.max(bytes, segment.byteSize() * 2));
        MemorySegment.copy(segment, 0, grown, 0, segment.byteSize());
        allocator.release(segment);
        segment = grown;
    }

    @Override
    public void close() {
        if (segment != null) {
            allocator.release(segment);
            segment = null;
        }
    }
}
