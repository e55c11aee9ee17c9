package io.blueshift.columnar;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * All the off-heap memory of one Blueshift instance, with a total limit; each query takes a
 * {@link QueryMemory} from it with its own limit. Closing the pool with memory still allocated
 * is a leak and fails.
 */
public final class MemoryPool implements AutoCloseable {
    private final RootAllocator root;
    private long queries;

    public MemoryPool(long limit) {
        this.root = new RootAllocator(limit);
    }

    /** A pool limited only by the machine. */
    public MemoryPool() {
        this(Long.MAX_VALUE);
    }

    /** Memory for a new query, with at most {@code limit} bytes. */
    public synchronized QueryMemory newQuery(String name, long limit) {
        return new QueryMemory(root, name + "#" + (++queries), limit);
    }

    public BufferAllocator root() {
        return root;
    }

    public long used() {
        return root.getAllocatedMemory();
    }

    @Override
    public void close() {
        long leaked = root.getAllocatedMemory();
        if (leaked != 0 || !root.getChildAllocators().isEmpty()) {
            String detail = root.toVerboseString();
            throw new IllegalStateException("memory leak: " + leaked + " bytes and "
                    + root.getChildAllocators().size() + " query allocators still open\n" + detail);
        }
        root.close();
    }
}
