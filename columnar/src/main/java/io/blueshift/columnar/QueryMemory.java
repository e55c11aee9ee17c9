package io.blueshift.columnar;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.OffHeapAllocator;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The off-heap memory of one query: an Arrow child allocator with the query's limit. Every
 * buffer the query allocates is accounted here; going over the limit fails the query with
 * SQLSTATE 53200 instead of taking memory from other queries. Closing checks that every buffer
 * was released and fails loudly on a leak, so tests that close their memory catch leaks.
 *
 * <p>It is also the {@link OffHeapAllocator} of the query's kernel hash tables, so their memory
 * counts against the same limit as its vectors.
 */
public final class QueryMemory implements OffHeapAllocator, AutoCloseable {
    private final BufferAllocator allocator;
    private final long limit;
    /** What this query's memory comes from, whose limit the concurrent queries share. */
    private final BufferAllocator pool;
    /** Buffers handed out as segments, by address, until they are released. */
    private final Map<Long, ArrowBuf> segmentBuffers = new HashMap<>();
    private static final AtomicLong QUERIES = new AtomicLong();
    /** This query's number, unique in the process: how the buffer pool tells its reads from other queries'. */
    private final long id = QUERIES.incrementAndGet();

    /** A query's memory under {@code parent} (a {@link MemoryPool}'s root, or another query). */
    public QueryMemory(BufferAllocator parent, String name, long limit) {
        this.allocator = parent.newChildAllocator(name, 0, limit);
        this.limit = limit;
        this.pool = parent;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** This query's number, unique in the process (never 0), for {@link Batch#pin(long)}. */
    public long id() {
        return id;
    }

    public long limit() {
        return limit;
    }

    /** Bytes allocated now. */
    public long used() {
        return allocator.getAllocatedMemory();
    }

    /**
     * Whether allocating about {@code more} bytes would take this query past three quarters of its
     * limit, counting all it holds now, or take more than three quarters of what the concurrent
     * queries leave of their shared limit: operators that spill at their own shares of the limit
     * (sorts, GROUP BYs, joins, windows) also spill there, so that together they still fit, and
     * a query spills rather than fail while others hold the memory.
     */
    public boolean nearLimit(long more) {
        return used() + more > limit / 4 * 3 || more > sharedHeadroom() / 4 * 3;
    }

    /**
     * Fails with 53200 unless about {@code bytes} more fit: within this query's limit and what the
     * concurrent queries leave. For memory a query holds that no allocation here counts (values on
     * the heap), checked before it is taken.
     */
    public void require(long bytes) {
        if (used() + bytes > limit) {
            throw new BlueshiftException(ErrorCode.OUT_OF_MEMORY, limit, used(), bytes);
        }
        if (bytes > sharedHeadroom()) {
            throw new BlueshiftException(ErrorCode.OUT_OF_SHARED_MEMORY, pool.getLimit(), pool.getAllocatedMemory(), bytes);
        }
    }

    /** The bytes the concurrent queries leave of their shared limit. */
    private long sharedHeadroom() {
        return Math.max(0, pool.getLimit() - pool.getAllocatedMemory());
    }

    /** The most bytes allocated at once so far, for EXPLAIN ANALYZE. */
    public long peak() {
        return allocator.getPeakMemoryAllocation();
    }

    /** A buffer of at least {@code bytes}, zeroed; fails with 53200 past the limit. */
    public ArrowBuf buffer(long bytes) {
        try {
            ArrowBuf buf = allocator.buffer(bytes);
            buf.setZero(0, buf.capacity());
            return buf;
        } catch (OutOfMemoryException e) {
            throw outOfMemory(e, bytes);
        }
    }

    /** A zeroed segment for a kernel data structure, charged to this query; see {@link #release}. */
    @Override
    public synchronized MemorySegment allocate(long bytes) {
        ArrowBuf buf = buffer(Math.max(8, bytes));
        MemorySegment segment = segment(buf).asSlice(0, bytes);
        segmentBuffers.put(segment.address(), buf);
        return segment;
    }

    @Override
    public synchronized void release(MemorySegment segment) {
        ArrowBuf buf = segmentBuffers.remove(segment.address());
        if (buf == null) {
            throw new IllegalArgumentException("segment was not allocated by this query or was released twice");
        }
        buf.close();
    }

    /** A new vector for {@code field} with room for {@code capacity} values. */
    public FieldVector newVector(Field field, int capacity) {
        FieldVector vector = field.createVector(allocator);
        try {
            vector.setInitialCapacity(capacity);
            vector.allocateNew();
            return vector;
        } catch (OutOfMemoryException e) {
            vector.close();
            throw outOfMemory(e, (long) capacity * Math.max(1, ArrowTypes.sqlType(field).physical().byteWidth()));
        }
    }

    /**
     * {@link #newVector} for a fixed-width vector whose caller writes every one of its first
     * {@code capacity} values: the value buffer is not zeroed first (Arrow zeroes every buffer it
     * allocates; for a gather's or an expression's output that is a second write of the same
     * memory, a tenth of TPC-H Q1). The validity bits start all zero, as from {@link #newVector}.
     * Other vectors come from {@link #newVector}.
     */
    public FieldVector newVectorToOverwrite(Field field, int capacity) {
        FieldVector vector = field.createVector(allocator);
        if (!(vector instanceof BaseFixedWidthVector fixed) || !overwritable(vector)) {
            vector.close();
            return newVector(field, capacity);
        }
        try {
            allocateToOverwrite(fixed, allocator, capacity);
            return vector;
        } catch (OutOfMemoryException e) {
            vector.close();
            throw outOfMemory(e, (long) capacity * fixed.getTypeWidth() + BitVectorHelper.getValidityBufferSizeFromCount(capacity));
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    /** Whether a vector's values are whole bytes a caller can overwrite: fixed width, not bits. */
    private static boolean overwritable(FieldVector vector) {
        return vector instanceof BaseFixedWidthVector && !(vector instanceof BitVector);
    }

    /**
     * Gives an empty vector of {@code allocator} room for {@code capacity} values that its caller
     * writes every one of: a fixed-width vector's value buffer is not zeroed (the validity bits
     * start all zero), any other vector is allocated as Arrow does (see {@link #newVectorToOverwrite}).
     */
    public static void allocateToOverwrite(FieldVector vector, BufferAllocator allocator, int capacity) {
        if (overwritable(vector)) {
            allocateToOverwrite((BaseFixedWidthVector) vector, allocator, capacity);
        } else {
            vector.setInitialCapacity(capacity);
            vector.allocateNew();
        }
    }

    private static void allocateToOverwrite(BaseFixedWidthVector vector, BufferAllocator allocator, int capacity) {
        long dataBytes = (long) capacity * vector.getTypeWidth();
        long validityBytes = BitVectorHelper.getValidityBufferSizeFromCount(capacity);
        try (ArrowBuf validity = allocator.buffer(validityBytes); ArrowBuf data = allocator.buffer(dataBytes)) {
            validity.setZero(0, validity.capacity());
            // a validity buffer of its own is kept whatever the null count says; the vector retains both
            vector.loadFieldBuffers(new ArrowFieldNode(capacity, 0), List.of(validity, data));
            vector.setValueCount(0);
        }
    }

    /**
     * Translates Arrow's allocation failure into the query's error: of the limit the concurrent
     * queries share where it left less room than the query's own.
     */
    public BlueshiftException outOfMemory(OutOfMemoryException e, long requested) {
        if (sharedHeadroom() < limit - used()) {
            return new BlueshiftException(ErrorCode.OUT_OF_SHARED_MEMORY, e, pool.getLimit(), pool.getAllocatedMemory(), requested);
        }
        return new BlueshiftException(ErrorCode.OUT_OF_MEMORY, e, limit, used(), requested);
    }

    /**
     * A memory view of an Arrow buffer for kernels. The view must not outlive the buffer: the
     * owner of the buffer (a {@link Batch}, an operator) decides when both go.
     */
    public static MemorySegment segment(ArrowBuf buf) {
        return MemorySegment.ofAddress(buf.memoryAddress()).reinterpret(buf.capacity());
    }

    /**
     * Releases the query's allocator. A buffer still allocated is a leak, a bug: it is released
     * with the allocator, and this fails with the allocator's account of who holds it.
     */
    @Override
    public void close() {
        long leaked = allocator.getAllocatedMemory();
        if (leaked != 0) {
            String detail = allocator.toVerboseString();
            try {
                allocator.close();
            } catch (IllegalStateException ignored) {
                // The leak is reported below with the allocator's own account of it.
            }
            throw new IllegalStateException("memory leak: " + leaked + " bytes still allocated when "
                    + allocator.getName() + " closed\n" + detail);
        }
        allocator.close();
    }
}
