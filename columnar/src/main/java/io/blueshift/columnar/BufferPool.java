package io.blueshift.columnar;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.LongAdder;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * The decoded columns of stored chunks ({@link Batch#stored}) that a database keeps in memory,
 * within a budget of bytes. A column is read from its segment file on first use (a miss) and
 * kept; when the columns kept pass the budget, the pool evicts columns no reader holds, chosen by
 * the clock algorithm, and a later use reads them again.
 *
 * <p>Why clock: a hit costs one plain write (the column's reference bit) and no lock, where LRU
 * would reorder a shared list on every use of a chunk by every scan; and a column gets a second
 * chance for each sweep it was used in, so the chunks that queries keep coming back to stay while
 * a single large scan streams through the rest. LRU-K would also resist that scan but needs
 * per-use history under a lock.
 *
 * <p>A query never evicts the columns it has read itself ({@link Batch#pin(long)} names the
 * query): a column it reads with no room left among other queries' columns is kept only while the
 * scan that read it has its chunk pinned (on probation), then freed. So a query that reads more
 * than the budget keeps the first columns it read and reads only the rest again, where a plain
 * clock evicts each column just before its next use and reads them all: run again, the query
 * finds the columns it read first in the pool. Other queries' columns the hand passes clearing
 * their bits, as a plain clock does, so a new query's columns take the place of those no longer
 * used within one turn of the hand; a read that finds the pool full of its own query's columns
 * gives up after passing {@value #OWN_COLUMNS_PASSED} of them. TPC-H at SF 30 in 8 GB, each query
 * run twice: Q1's second run read 1,769 of its 20,028 columns from disk, not all of them, and Q19
 * 8,669 of 17,858 (see ARCHITECTURE for the times).
 *
 * <p>A column is held, and so never evicted, while its batch is pinned ({@link Batch#pin}: a scan
 * pins a chunk while it takes shares of its columns, which then keep their memory alive by Arrow's
 * reference counts however long the query holds them), and for good once anything takes its
 * vector with {@link Batch#vector} (code that holds the vector itself, with no pin). Columns held
 * may take the pool past its budget; the budget bounds what it keeps beyond them.
 *
 * <p>Lock order: the pool's monitor, then a batch's. A batch calls into the pool only outside its
 * own monitor.
 */
public final class BufferPool {
    /** The budget when none is given: {@code -Dblueshift.bufferPool} (bytes, or with KB, MB, GB, TB). */
    public static final String PROPERTY = "blueshift.bufferPool";

    private final long budget;
    /** The bytes that share the budget with the pool's columns: what the database's queries hold (none by default). */
    private volatile LongSupplier others = () -> 0;
    /**
     * What a column read leaves free of a budget shared with the queries ({@link #shareWith}): a
     * query's batches come and go, and were each to evict a column ({@link #reserve}), the clock
     * would choose them and not the pool's rule for reads.
     */
    private volatile long headroom;
    /**
     * The clock's slots in the order the hand visits them; a column that leaves leaves a hole
     * (null), which the next column read takes: holes lie just behind the hand, so a column just
     * read is the last the hand reaches.
     */
    private final List<Entry> ring = new ArrayList<>();
    private final ArrayDeque<Integer> holes = new ArrayDeque<>();
    /** Columns read with no room for them, freed when their batch is next unpinned ({@link #release}). */
    private final List<Entry> probation = new ArrayList<>();
    private int hand;
    private int columnsInRing;
    /**
     * Bytes of the columns in the ring (evictable unless pinned at the moment) and on probation;
     * written under the monitor, volatile for {@link #reserve}'s check without it.
     */
    private volatile long used;
    /** Bytes of the columns held for good (taken with {@link Batch#vector}): out of the ring. */
    private volatile long held;
    private int heldColumns;
    private long evictions;
    private long misses;
    private final LongAdder hits = new LongAdder();

    /** A pool keeping at most {@code budget} bytes of columns no reader holds. */
    public BufferPool(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("a buffer pool budget cannot be negative: " + budget);
        }
        this.budget = budget;
    }

    /**
     * A pool with the configured budget ({@value #PROPERTY}), else three quarters of the machine's
     * memory (DuckDB's default is 80%), and at least 256 MB. Not less for a large heap: a heap's
     * maximum is rarely used (the TPC-H runner's is 16 GB), and a budget that subtracted it kept
     * 4 GB on a 24 GB machine, so SF 10's warm queries read their columns from disk again.
     */
    public static BufferPool configured() {
        String configured = System.getProperty(PROPERTY);
        return new BufferPool(configured != null && !configured.isBlank() ? parseSize(configured) : defaultBudget());
    }

    static long defaultBudget() {
        return Math.max(256L << 20, physicalMemory() / 4 * 3);
    }

    /** The machine's memory, as the JVM's operating-system bean reports it (4 heaps when it cannot). */
    public static long physicalMemory() {
        try {
            Object total = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "TotalMemorySize");
            if (total instanceof Long bytes && bytes > 0) {
                return bytes;
            }
        } catch (JMException | RuntimeException e) {
            // a JVM without the attribute: fall through
        }
        return 4 * Runtime.getRuntime().maxMemory();
    }

    /** A size such as {@code 8GB}, {@code 512MB} or a number of bytes. */
    public static long parseSize(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"TB", "40"}, {"GB", "30"}, {"MB", "20"}, {"KB", "10"}, {"B", "0"}}) {
            if (s.endsWith(u[0])) {
                unit = 1L << Integer.parseInt(u[1]);
                s = s.substring(0, s.length() - u[0].length()).strip();
                break;
            }
        }
        try {
            double value = Double.parseDouble(s);
            if (value < 0 || value * unit > Long.MAX_VALUE) {
                throw new IllegalArgumentException("a buffer pool size must be between 0 and 8 EB: " + text);
            }
            return (long) (value * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size (such as 8GB or 512MB): " + text, e);
        }
    }

    /**
     * How many of its own columns a query's read passes at most looking for room: a bound on the
     * work of a read that finds the pool full of them (a query reading more than the budget).
     */
    static final int OWN_COLUMNS_PASSED = 256;

    /** The slot of a column on probation. */
    static final int PROBATION = -2;

    /** One column of one stored batch kept in memory: the clock's slot. */
    static final class Entry {
        final Batch batch;
        final int column;
        final long bytes;
        /** Used since the clock hand last passed; a plain field: a lost write costs at most one early eviction. */
        boolean referenced = true;
        /** The query that used the column last ({@link Batch#pin(long)}), 0 for none; a plain field, as {@link #referenced}. */
        long reader;
        /** Index in the ring, {@link #PROBATION}, or -1 when in neither (guarded by the pool's monitor). */
        int slot = -1;
        /** Whether the batch gave the column's vector out for good (guarded by the batch's monitor). */
        boolean heldByBatch;
        /** Whether the column is held for good, counted in {@code held} (guarded by the pool's monitor). */
        boolean holding;

        Entry(Batch batch, int column, long bytes) {
            this.batch = batch;
            this.column = column;
            this.bytes = bytes;
        }
    }

    /** The bytes of a vector's buffers. */
    static long bytes(FieldVector v) {
        long n = 0;
        for (ArrowBuf b : v.getBuffers(false)) {
            n += b.capacity();
        }
        return n;
    }

    /** Counts a use of a column already in memory. */
    void hit() {
        hits.increment();
    }

    /**
     * Takes in a column just read (a miss), held for good when {@code hold}, then evicts while the
     * pool is over its budget; a column not held that finds no room goes on probation.
     */
    synchronized void admit(Entry e, boolean hold) {
        misses++;
        if (e.batch.gone(e)) {
            return; // closed while it was read
        }
        if (hold) {
            e.holding = true;
            held += e.bytes;
            heldColumns++;
            long shared = others.getAsLong();
            if (used + held + shared > budget) {
                evict(Long.MAX_VALUE, shared, 0);
            }
            return;
        }
        long room = e.bytes + others.getAsLong() + headroom;
        if (used + held + room > budget) {
            evict(e.reader == 0 ? 2 * e.bytes : Long.MAX_VALUE, room, e.reader);
            if (used + held + room > budget) {
                e.slot = PROBATION;
                probation.add(e);
                used += e.bytes;
                e.batch.onProbation();
                return;
            }
        }
        Integer hole = holes.pollFirst();
        if (hole == null) {
            e.slot = ring.size();
            ring.add(e);
        } else {
            e.slot = hole;
            ring.set(hole, e);
        }
        columnsInRing++;
        used += e.bytes;
    }

    /**
     * Makes the pool's budget also cover {@code others} (the bytes the database's queries hold,
     * read on each use): columns are then kept only in what the queries leave of it, and {@link
     * #reserve} evicts columns as the queries grow. One budget for both, as DuckDB's {@code
     * memory_limit}: the process stays within it where a pool and the queries with a budget each
     * could together take more than the machine (TPC-H Q18 at SF 30: an 8 GB pool full of lineitem
     * and a 6 GB aggregation beside DuckDB's 8 GB).
     */
    public void shareWith(LongSupplier others) {
        this.others = others;
        this.headroom = budget / 16;
    }

    /**
     * Called before what shares the budget allocates {@code bytes} more: evicts columns no reader
     * holds (whatever their reference bits: a query's memory comes before cached columns) until
     * they fit, or nothing more can go. Costs a few reads when they fit.
     */
    public void reserve(long bytes) {
        if (bytes <= 0 || used + held + others.getAsLong() + bytes <= budget) {
            return;
        }
        synchronized (this) {
            evict(Long.MAX_VALUE, others.getAsLong() + bytes, 0);
        }
    }

    /** Frees the columns on probation of a batch just unpinned (those no reader pinned again meanwhile). */
    synchronized void release(Batch batch) {
        for (int i = probation.size() - 1; i >= 0; i--) {
            Entry e = probation.get(i);
            if (e.batch != batch) {
                continue;
            }
            if (batch.evict(e)) {
                probation.remove(i);
                e.slot = -1;
                used -= e.bytes;
                evictions++;
            } else {
                batch.onProbation(); // pinned again meanwhile: the next unpin frees it
            }
        }
    }

    /** A column in the ring is now held for good: it leaves the ring and is never evicted. */
    synchronized void hold(Entry e) {
        if (e.slot >= 0 || e.slot == PROBATION) {
            remove(e);
            e.holding = true;
            held += e.bytes;
            heldColumns++;
        }
    }

    /** Forgets the columns of a batch that was closed (their memory went with it). */
    synchronized void forget(List<Entry> entries) {
        for (Entry e : entries) {
            remove(e);
            if (e.holding) {
                e.holding = false;
                held -= e.bytes;
                heldColumns--;
            }
        }
        if (holes.size() > 64 && holes.size() > ring.size() / 2) {
            compact();
        }
    }

    /**
     * The clock: a referenced column loses its bit and is passed over, one that is not is evicted
     * unless pinned, held or read by {@code reader} (a query's number; 0 for none). Stops when
     * {@code room} bytes more fit the budget, after passing {@code passing} bytes of other columns
     * without evicting them, after passing {@value #OWN_COLUMNS_PASSED} of the reader's own, or
     * after two turns of the hand (everything left is held).
     */
    private void evict(long passing, long room, long reader) {
        int steps = 2 * ring.size();
        int ownSteps = OWN_COLUMNS_PASSED;
        while (used + held + room > budget && steps-- > 0 && columnsInRing > 0 && passing > 0 && ownSteps > 0) {
            if (hand >= ring.size()) {
                hand = 0;
            }
            Entry e = ring.get(hand);
            if (e != null) {
                if (reader != 0 && e.reader == reader) {
                    ownSteps--;
                    e.referenced = false;
                } else if (!e.referenced && e.batch.evict(e)) {
                    remove(e);
                    evictions++;
                } else {
                    e.referenced = false;
                    passing -= e.bytes;
                }
            }
            hand++;
        }
        if (holes.size() > 64 && holes.size() > ring.size() / 2) {
            compact();
        }
    }

    /** Takes an entry out of the ring, leaving a hole, or off probation. */
    private void remove(Entry e) {
        if (e.slot == PROBATION) {
            probation.remove(e);
            e.slot = -1;
            used -= e.bytes;
            return;
        }
        if (e.slot < 0) {
            return;
        }
        ring.set(e.slot, null);
        holes.addFirst(e.slot);
        e.slot = -1;
        columnsInRing--;
        used -= e.bytes;
    }

    /** Closes the holes, keeping the order of the columns and the hand's place among them. */
    private void compact() {
        List<Entry> kept = new ArrayList<>(columnsInRing);
        int newHand = 0;
        for (int i = 0; i < ring.size(); i++) {
            Entry e = ring.get(i);
            if (e != null) {
                if (i < hand) {
                    newHand++;
                }
                e.slot = kept.size();
                kept.add(e);
            }
        }
        ring.clear();
        ring.addAll(kept);
        holes.clear();
        hand = newHand;
    }

    /** What the pool holds and has done, for {@code svv_buffer_pool}. */
    public record Stats(long budget, long bytesUsed, long bytesHeld, int columns, long hits, long misses, long evictions) {
    }

    public synchronized Stats stats() {
        return new Stats(budget, used + held, held, columnsInRing + probation.size() + heldColumns, hits.sum(), misses, evictions);
    }

    public long budget() {
        return budget;
    }
}
