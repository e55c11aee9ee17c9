package io.blueshift.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Where hash tables take their off-heap memory from, so that the executor can charge it to the
 * query's memory limit (and refuse it). Tables release every segment they allocated when they
 * are closed or when they grow out of one.
 */
public interface OffHeapAllocator {
    /** A zero-filled segment of {@code bytes} bytes, 8-byte aligned. */
    MemorySegment allocate(long bytes);

    /** Gives back a segment this allocator returned; it must not be used afterwards. */
    void release(MemorySegment segment);
}
