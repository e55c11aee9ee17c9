package io.blueshift.columnar;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Where a {@link MemoryPool}'s Arrow buffers get their native memory: large blocks that a query
 * frees are kept, up to a cap, and handed to the next request of the same size class instead of
 * going back to the system.
 *
 * <p>Why: the C allocator serves a request above its mmap threshold (128 KiB at first) with fresh
 * pages from the kernel and unmaps them on free, so every batch-sized vector, concatenated build
 * side or hash table paid a page fault per 4 KiB page the first time it was written, and in a
 * virtual machine a fault costs several microseconds. Profiles of TPC-H Q7 put 41% of its samples
 * in allocating the vectors of a join's build side. A kept block is already mapped: reusing it
 * costs what zeroing it costs.
 *
 * <p>Blocks from 64 KiB up are rounded to a power of two (a size class) and kept per class; the
 * cache holds at most {@code capBytes} in all and frees what would go past it. Blocks of 4 MiB and
 * more are aligned to 2 MiB and advised to use transparent huge pages ({@link HugePages}). Smaller
 * requests go to the C allocator as they come: it keeps those itself. Accounting is unchanged:
 * the allocators count the bytes a buffer asked for, and a kept block counts as free.
 */
public final class BlockCache implements AllocationManager.Factory {
    /** Requests smaller than this are not cached. */
    static final long MIN_BLOCK = 64L << 10;
    private static final int MIN_CLASS = Long.numberOfTrailingZeros(MIN_BLOCK);
    private static final int MAX_CLASS = 40;
    private static final long HUGE_PAGE = 2L << 20;
    /** The cap when none is configured: {@code -Dblueshift.memory.cacheMiB}. */
    public static final long DEFAULT_CAP = Long.getLong("blueshift.memory.cacheMiB", 512) << 20;

    private final long capBytes;
    /** Kept blocks per size class: a stack of their base addresses (as the C allocator returned them). */
    private final long[][] kept = new long[MAX_CLASS + 1][];
    private final int[] keptCount = new int[MAX_CLASS + 1];
    private long keptBytes;
    private long reused;
    private long fresh;

    public BlockCache(long capBytes) {
        this.capBytes = Math.max(0, capBytes);
    }

    @Override
    public AllocationManager create(BufferAllocator accountingAllocator, long size) {
        if (size < MIN_BLOCK) {
            return new Block(accountingAllocator, size, -1, MemoryUtil.allocateMemory(size), 0);
        }
        int sizeClass = 64 - Long.numberOfLeadingZeros(size - 1);
        if (sizeClass > MAX_CLASS) {
            return new Block(accountingAllocator, size, -1, MemoryUtil.allocateMemory(size), 0);
        }
        long align = alignment(sizeClass);
        long base = take(sizeClass);
        if (base == 0) {
            base = allocateBlock(1L << sizeClass, align);
        }
        return new Block(accountingAllocator, size, sizeClass, base, align);
    }

    @Override
    public ArrowBuf empty() {
        return UnsafeAllocationManager.FACTORY.empty();
    }

    /** Bytes kept for reuse now. */
    public synchronized long keptBytes() {
        return keptBytes;
    }

    /** Requests served from a kept block, and from a fresh one, so far (for tests and diagnostics). */
    public synchronized long[] counts() {
        return new long[] {reused, fresh};
    }

    /** Frees every kept block; blocks still in use are freed as they come back. */
    public synchronized void clear() {
        for (int c = MIN_CLASS; c <= MAX_CLASS; c++) {
            for (int i = 0; i < keptCount[c]; i++) {
                MemoryUtil.freeMemory(kept[c][i]);
            }
            keptCount[c] = 0;
            kept[c] = null;
        }
        keptBytes = 0;
    }

    private synchronized long take(int sizeClass) {
        int n = keptCount[sizeClass];
        if (n == 0) {
            fresh++;
            return 0;
        }
        reused++;
        keptCount[sizeClass] = n - 1;
        keptBytes -= 1L << sizeClass;
        return kept[sizeClass][n - 1];
    }

    /** Keeps a block a buffer no longer uses, or frees it when the cache is full. */
    private void giveBack(int sizeClass, long base) {
        synchronized (this) {
            long bytes = 1L << sizeClass;
            if (keptBytes + bytes <= capBytes) {
                long[] stack = kept[sizeClass];
                int n = keptCount[sizeClass];
                if (stack == null || n == stack.length) {
                    long[] grown = new long[stack == null ? 4 : n * 2];
                    if (stack != null) {
                        System.arraycopy(stack, 0, grown, 0, n);
                    }
                    kept[sizeClass] = stack = grown;
                }
                stack[n] = base;
                keptCount[sizeClass] = n + 1;
                keptBytes += bytes;
                return;
            }
        }
        MemoryUtil.freeMemory(base);
        NativeMemory.freed(1L << sizeClass);
    }

    /** Blocks of huge-page size and more start on a huge page, so advice covers all of them. */
    private static long alignment(int sizeClass) {
        return (1L << sizeClass) >= HugePages.MIN_BYTES ? HUGE_PAGE : 0;
    }

    /** A fresh block of {@code bytes} from an {@code align} boundary (none when 0), advised as huge pages when aligned. */
    private static long allocateBlock(long bytes, long align) {
        long base = MemoryUtil.allocateMemory(bytes + align);
        if (align != 0) {
            HugePages.advise(aligned(base, align), bytes);
        }
        return base;
    }

    private static long aligned(long base, long align) {
        return align == 0 ? base : (base + align - 1) & -align;
    }

    /** One buffer's memory: a kept or fresh block of a size class, or (class -1) memory of its own. */
    private final class Block extends AllocationManager {
        private final long size;
        private final int sizeClass;
        private final long base;
        private final long address;

        Block(BufferAllocator accountingAllocator, long size, int sizeClass, long base, long align) {
            super(accountingAllocator);
            this.size = size;
            this.sizeClass = sizeClass;
            this.base = base;
            this.address = aligned(base, align);
        }

        @Override
        public long getSize() {
            return size;
        }

        @Override
        protected long memoryAddress() {
            return address;
        }

        @Override
        protected void release0() {
            if (sizeClass < 0) {
                MemoryUtil.freeMemory(base); // small: not counted toward a trim, whose cause is large blocks
            } else {
                giveBack(sizeClass, base);
            }
        }
    }
}
