package io.blueshift.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BufferPoolTest extends QueryMemoryFixture {
    private static final int ROWS = 1000;
    private BufferAllocator tableMemory;
    private final List<Batch> batches = new ArrayList<>();
    /** Reads from "disk", per batch: what the pool did not have. */
    private final List<AtomicInteger> reads = new ArrayList<>();
    private long columnBytes;

    @BeforeEach
    void openTable() {
        tableMemory = pool.root().newChildAllocator("table", 0, Long.MAX_VALUE);
    }

    @AfterEach
    void closeTable() {
        batches.forEach(Batch::close);
        tableMemory.close(); // fails on a column the pool or a batch leaked
    }

    /** A stored batch of one BIGINT column whose row i holds {@code base + i}, read on use. */
    private Batch stored(BufferPool buffers, long base) {
        AtomicInteger count = new AtomicInteger();
        reads.add(count);
        Batch b = Batch.stored(List.of("v"), new SqlType[] {SqlType.BIGINT}, ROWS, column -> {
            count.incrementAndGet();
            BigIntVector v = new BigIntVector("v", tableMemory);
            v.allocateNew(ROWS);
            for (int i = 0; i < ROWS; i++) {
                v.set(i, base + i);
            }
            v.setValueCount(ROWS);
            columnBytes = BufferPool.bytes(v);
            return v;
        }, buffers);
        batches.add(b);
        return b;
    }

    /** The query the scans run for ({@link Batch#pin(long)}); 0 for none. */
    private long query;

    /** What a scan does: pins the batch, takes a share of its column, unpins. */
    private FieldVector scan(Batch b) {
        b.pin(query);
        try {
            return Vectors.share(b.pinnedVector(0), memory);
        } finally {
            b.unpin();
        }
    }

    private long scanSum(Batch b) {
        try (FieldVector v = scan(b)) {
            long sum = 0;
            for (int i = 0; i < ROWS; i++) {
                sum += ((BigIntVector) v).get(i);
            }
            return sum;
        }
    }

    private static long expectedSum(long base) {
        return ROWS * base + (long) ROWS * (ROWS - 1) / 2;
    }

    /** The bytes one column of {@link #ROWS} BIGINTs takes, measured on a column read once. */
    private long measureColumn() {
        BufferPool probe = new BufferPool(Long.MAX_VALUE);
        Batch b = stored(probe, 0);
        scanSum(b);
        return columnBytes;
    }

    /**
     * A table of {@code chunks} stored chunks in {@code buffers}, scanned start to end {@code
     * passes} times, each pass a query of its own, each sum checked.
     */
    private List<Batch> scanInLoops(BufferPool buffers, int chunks, int passes) {
        List<Batch> table = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            table.add(stored(buffers, i * 1_000_000L));
        }
        for (int pass = 0; pass < passes; pass++) {
            query++;
            for (int i = 0; i < chunks; i++) {
                assertEquals(expectedSum(i * 1_000_000L), scanSum(table.get(i)));
            }
        }
        return table;
    }

    @Test
    void columnsPastTheBudgetAreEvictedAndReadAgainWithTheSameValues() {
        long column = measureColumn();
        BufferPool buffers = new BufferPool(3 * column);
        List<Batch> table = scanInLoops(buffers, 10, 3);
        BufferPool.Stats s = buffers.stats();
        assertTrue(s.bytesUsed() <= 3 * column, "within the budget once no scan holds a column: " + s);
        assertEquals(3, s.columns());
        assertEquals(3, table.stream().filter(b -> b.isLoaded(0)).count());
        assertEquals(s.misses(), s.evictions() + s.columns(), "every column read is kept or was evicted: " + s);
        assertTrue(s.misses() > 10, "a loop over three times the budget reads columns again: " + s);
        int reread = 0;
        for (int i = 0; i < 10; i++) {
            reread += reads.get(1 + i).get() - 1;
        }
        assertEquals(s.misses() - 10, reread, "every miss after the first pass read a chunk from disk again");
    }

    @Test
    void aLoopLargerThanThePoolKeepsWhatFitsAndReadsOnlyTheRest() {
        // a plain clock evicts each chunk before its next use and reads every chunk on every pass
        assertLoopKeepsThree(4, 5);
        assertLoopKeepsThree(9, 6);
    }

    /** {@code chunks} chunks scanned {@code passes} times, each pass a query, through a pool of three. */
    private void assertLoopKeepsThree(int chunks, int passes) {
        long column = measureColumn();
        BufferPool buffers = new BufferPool(3 * column);
        int first = batches.size();
        List<Batch> table = scanInLoops(buffers, chunks, passes);
        BufferPool.Stats s = buffers.stats();
        assertEquals(chunks + (passes - 1) * (chunks - 3), s.misses(), "three chunks kept, the rest read on each pass: " + s);
        assertEquals((passes - 1) * 3, s.hits());
        assertEquals(3, table.stream().filter(b -> b.isLoaded(0)).count());
        for (int i = 0; i < chunks; i++) {
            assertEquals(table.get(i).isLoaded(0) ? 1 : passes, reads.get(first + i).get(), "reads of chunk " + i);
        }
        assertTrue(s.bytesUsed() <= 3 * column, "within the budget once no scan holds a column: " + s);
    }

    @Test
    void columnsOfANewWorkloadTakeThePlaceOfColumnsNoLongerUsed() {
        long column = measureColumn();
        BufferPool buffers = new BufferPool(3 * column);
        List<Batch> loop = scanInLoops(buffers, 9, 4);
        // three chunks never read: kept from their first use
        List<Batch> fresh = scanInLoops(buffers, 3, 2);
        for (Batch b : fresh) {
            assertTrue(b.isLoaded(0), "a new chunk used twice is kept");
            assertEquals(1, reads.get(batches.indexOf(b)).get(), "and read once");
        }
        // three chunks of the loop the pool did not keep, used again by three queries: they take
        // the place of the new chunks, which are no longer used
        List<Batch> back = loop.stream().filter(b -> !b.isLoaded(0)).limit(3).toList();
        for (int pass = 0; pass < 3; pass++) {
            query++;
            for (Batch b : back) {
                scanSum(b);
            }
        }
        for (Batch b : back) {
            assertTrue(b.isLoaded(0), "kept: " + buffers.stats());
        }
        assertTrue(fresh.stream().noneMatch(b -> b.isLoaded(0)), "the columns no longer used went");
    }

    @Test
    void aColumnWithNoRoomWaitsOnProbationAndAColumnUsedAgainGetsASecondChance() {
        long column = measureColumn();
        BufferPool buffers = new BufferPool(3 * column);
        Batch a = stored(buffers, 0);
        Batch b = stored(buffers, 10);
        Batch c = stored(buffers, 20);
        Batch d = stored(buffers, 30);
        Batch e = stored(buffers, 40);
        Batch f = stored(buffers, 50);
        scanSum(a);
        scanSum(b);
        scanSum(c);
        // over the budget: the hand clears a's and b's bits (twice d's bytes), then gives up
        d.pin();
        FieldVector dv = d.pinnedVector(0);
        assertTrue(d.isLoaded(0), "a column on probation stays while its chunk is pinned");
        assertEquals(35, ((BigIntVector) dv).get(5));
        assertEquals(4 * column, buffers.stats().bytesUsed());
        d.unpin();
        assertFalse(d.isLoaded(0), "and is freed when unpinned");
        assertTrue(a.isLoaded(0) && b.isLoaded(0) && c.isLoaded(0), "the columns in the pool stay");
        scanSum(b); // used again: a second chance
        scanSum(e); // the hand clears c's bit, then finds a unused since it passed: a goes, e stays
        assertFalse(a.isLoaded(0), "the column not used since the hand passed goes");
        assertTrue(e.isLoaded(0));
        scanSum(f); // the hand clears b's bit, then finds c unused since it passed
        assertTrue(b.isLoaded(0), "the column used again stays");
        assertFalse(c.isLoaded(0));
        assertTrue(f.isLoaded(0));
        assertEquals(3 * column, buffers.stats().bytesUsed());
    }

    @Test
    void aBudgetSharedWithTheQueriesEvictsColumnsAsTheQueriesGrow() {
        long column = measureColumn();
        // four columns and the sixteenth a shared budget keeps free for the queries' batches
        BufferPool buffers = new BufferPool(4 * column + 4 * column / 15 + 16);
        pool.shareBudget(buffers);
        List<Batch> table = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            table.add(stored(buffers, i * 1_000_000L));
            scanSum(table.get(i));
        }
        assertEquals(4, table.stream().filter(b -> b.isLoaded(0)).count(), "the columns fill the budget");
        try (var batch = memory.allocator().buffer(column / 8)) {
            assertEquals(4, table.stream().filter(b -> b.isLoaded(0)).count(), "a query's batch fits what reads leave free");
        }
        // a query's allocation takes room from the pool before it is made
        try (var held = memory.allocator().buffer(2 * column)) {
            assertEquals(2, table.stream().filter(b -> b.isLoaded(0)).count(), "two columns made room for it");
            assertTrue(buffers.stats().bytesUsed() + pool.queriesUsed() <= buffers.budget());
            // columns read while the query holds half the budget keep within what it leaves
            Batch more = stored(buffers, 9_000_000L);
            assertEquals(expectedSum(9_000_000L), scanSum(more));
            assertTrue(buffers.stats().bytesUsed() <= 2 * column, "within what the query leaves: " + buffers.stats());
        }
        // once the query gave its memory back, columns have the whole budget again
        Batch last = stored(buffers, 10_000_000L);
        scanSum(last);
        assertTrue(last.isLoaded(0));
    }

    @Test
    void pinnedAndHeldColumnsStayAndSharesOutliveEviction() {
        long column = measureColumn();
        BufferPool buffers = new BufferPool(column);
        Batch pinned = stored(buffers, 0);
        Batch held = stored(buffers, 100);
        Batch other = stored(buffers, 200);

        pinned.pin();
        FieldVector vector = pinned.pinnedVector(0);
        FieldVector share = scan(other); // over the budget, but the pinned column cannot go
        assertTrue(pinned.isLoaded(0));
        assertEquals(5, ((BigIntVector) vector).get(5), "a pinned vector stays valid");
        pinned.unpin();
        scanSum(stored(buffers, 300));
        assertFalse(pinned.isLoaded(0), "evicted once unpinned");
        assertFalse(other.isLoaded(0));
        assertEquals(205, ((BigIntVector) share).get(5), "a share keeps its values after the pool evicted the column");
        share.close();

        FieldVector kept = held.vector(0); // taken for good: the pool never evicts it
        for (int i = 0; i < 5; i++) {
            scanSum(stored(buffers, 1000 + i));
        }
        assertTrue(held.isLoaded(0));
        assertEquals(105, ((BigIntVector) kept).get(5));
        assertEquals(column, buffers.stats().bytesHeld());
        assertThrows(IllegalStateException.class, () -> other.pinnedVector(0), "a pinned read needs a pin");
    }

    @Test
    void closingABatchGivesItsColumnsBack() {
        long column = measureColumn();
        BufferPool buffers = new BufferPool(10 * column);
        Batch a = stored(buffers, 0);
        scanSum(a);
        a.vector(0); // a hit, and held from now on
        Batch b = stored(buffers, 10);
        scanSum(b);
        assertEquals(2 * column, buffers.stats().bytesUsed());
        assertEquals(column, buffers.stats().bytesHeld());
        a.close();
        b.close();
        assertEquals(new BufferPool.Stats(10 * column, 0, 0, 0, 1, 2, 0), buffers.stats());
    }

    @Test
    void sizesReadAsUsersWriteThem() {
        assertEquals(8L << 30, BufferPool.parseSize("8GB"));
        assertEquals(512L << 20, BufferPool.parseSize(" 512 mb"));
        assertEquals(1536L << 20, BufferPool.parseSize("1.5GB"));
        assertEquals(4096, BufferPool.parseSize("4096"));
        assertThrows(IllegalArgumentException.class, () -> BufferPool.parseSize("lots"));
        assertThrows(IllegalArgumentException.class, () -> BufferPool.parseSize("-1GB"));
        assertTrue(BufferPool.configured().budget() >= 256L << 20);
    }
}
