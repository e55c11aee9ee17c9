package io.blueshift.columnar;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * All the off-heap memory of one Blueshift instance, with a total limit; each query takes a
 * {@link QueryMemory} from it with its own limit. Its buffers' native memory comes from a
 * {@link BlockCache}, which keeps large freed blocks for the next query. Closing the pool with
 * memory still allocated is a leak and fails.
 */
public final class MemoryPool implements AutoCloseable {
    private final RootAllocator root;
    private final BlockCache blocks;
    private long queries;

    public MemoryPool(long limit) {
        this(limit, BlockCache.DEFAULT_CAP);
    }

    /** A pool of at most {@code limit} bytes in use, keeping at most {@code cacheBytes} of freed blocks. */
    public MemoryPool(long limit, long cacheBytes) {
        this.blocks = new BlockCache(cacheBytes);
        this.root = new RootAllocator(RootAllocator.configBuilder().maxAllocation(limit)
                .allocationManagerFactory(blocks).build());
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

    /** The freed blocks kept for reuse. */
    public BlockCache blocks() {
        return blocks;
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
        blocks.clear();
    }
}
