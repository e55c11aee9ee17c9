package io.blueshift.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@link OffHeapAllocator} that gives every segment its own shared arena (so that it can be
 * freed on its own when a table grows) and counts the bytes still held, which tests assert to be
 * zero after a table is closed. Shared arenas let a table built on one thread be probed on another.
 */
public final class ArenaAllocator implements OffHeapAllocator {
    private final Map<Long, Arena> arenas = new HashMap<>();
    private long allocatedBytes;

    @Override
    public synchronized MemorySegment allocate(long bytes) {
        Arena arena = Arena.ofShared();
        MemorySegment segment = arena.allocate(Math.max(8, bytes), 8);
        arenas.put(segment.address(), arena);
        allocatedBytes += segment.byteSize();
        return segment;
    }

    @Override
    public synchronized void release(MemorySegment segment) {
        Arena arena = arenas.remove(segment.address());
        if (arena == null) {
            throw new IllegalArgumentException("segment was not allocated here or was released twice");
        }
        allocatedBytes -= segment.byteSize();
        arena.close();
    }

    /** Bytes allocated and not yet released. */
    public synchronized long allocatedBytes() {
        return allocatedBytes;
    }
}
