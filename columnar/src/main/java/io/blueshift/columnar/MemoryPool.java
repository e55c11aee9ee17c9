package io.blueshift.columnar;

import java.util.Collection;
import org.apache.arrow.memory.AllocationListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * All the off-heap memory of one Blueshift instance, with a total limit that its concurrent queries
 * share (the database's {@code memory_limit}); each query takes a {@link QueryMemory} from it with
 * its own limit. Its buffers' native memory comes from a
 * {@link BlockCache}, which keeps large freed blocks for the next query. Closing the pool with
 * memory still allocated is a leak and fails.
 */
public final class MemoryPool implements AutoCloseable {
    private final RootAllocator root;
    /** Under the root: the queries' memory, within the limit they share (tables' rows are beside it). */
    private final BufferAllocator queriesMemory;
    private final long limit;
    private final BlockCache blocks;
    private long queries;

    public MemoryPool(long limit) {
        this(limit, BlockCache.DEFAULT_CAP);
    }

    /** A pool whose queries hold at most {@code limit} bytes together, keeping at most {@code cacheBytes} of freed blocks. */
    public MemoryPool(long limit, long cacheBytes) {
        this.limit = limit;
        this.blocks = new BlockCache(cacheBytes);
        this.root = new RootAllocator(RootAllocator.configBuilder().maxAllocation(Long.MAX_VALUE)
                .allocationManagerFactory(blocks).build());
        // the queries' allocators inherit the listener: each allocation first makes room in the
        // buffer pool that shares the budget, if any
        this.queriesMemory = root.newChildAllocator("queries", new AllocationListener() {
            @Override
            public void onPreAllocation(long size) {
                BufferPool b = sharing;
                if (b != null) {
                    b.reserve(size);
                }
            }
        }, 0, limit);
    }

    /** The buffer pool whose budget also covers the queries' memory, or null. */
    private volatile BufferPool sharing;

    /**
     * Makes {@code buffers}' budget cover the queries' memory too ({@link BufferPool#shareWith}):
     * their allocations evict its columns as they need room.
     */
    public void shareBudget(BufferPool buffers) {
        buffers.shareWith(this::queriesUsed);
        sharing = buffers;
        budgeted = Math.max(buffers.budget(), limit);
        NativeMemory.budget(budgeted);
    }

    /** The off-heap budget this pool counts in {@link NativeMemory#budget} while open (the shared budget's), or 0. */
    private long budgeted;

    /** A pool limited only by the machine. */
    public MemoryPool() {
        this(Long.MAX_VALUE);
    }

    /** Memory for a new query, with at most {@code limit} bytes. */
    public synchronized QueryMemory newQuery(String name, long limit) {
        return new QueryMemory(queriesMemory, name + "#" + (++queries), limit);
    }

    public BufferAllocator root() {
        return root;
    }

    public long used() {
        return root.getAllocatedMemory();
    }

    /** The allocators of the queries open now (one per {@link QueryMemory} not yet closed). */
    public Collection<BufferAllocator> openQueries() {
        return queriesMemory.getChildAllocators();
    }

    /** The bytes the queries hold now. */
    public long queriesUsed() {
        return queriesMemory.getAllocatedMemory();
    }

    /** The most bytes all queries together may hold (the database's {@code memory_limit}). */
    public long limit() {
        return limit;
    }

    /** The freed blocks kept for reuse. */
    public BlockCache blocks() {
        return blocks;
    }

    @Override
    public void close() {
        long leaked = root.getAllocatedMemory();
        if (leaked != 0 || !queriesMemory.getChildAllocators().isEmpty() || root.getChildAllocators().size() > 1) {
            String detail = root.toVerboseString();
            throw new IllegalStateException("memory leak: " + leaked + " bytes and "
                    + (queriesMemory.getChildAllocators().size() + root.getChildAllocators().size() - 1)
                    + " allocators still open\n" + detail);
        }
        queriesMemory.close();
        root.close();
        blocks.clear();
        NativeMemory.budget(-budgeted);
        budgeted = 0;
    }
}
