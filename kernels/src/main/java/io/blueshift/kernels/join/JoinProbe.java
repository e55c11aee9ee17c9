package io.blueshift.kernels.join;

import io.blueshift.kernels.hash.KeyColumn;

/**
 * Probes a {@link JoinHashTable} with batches of keys and writes the result as pairs of int
 * arrays (probe row, build row), a buffer at a time: {@link #next} resumes where the previous call
 * stopped, in the middle of a key's chain if need be, so a key matching many build rows never
 * overflows the caller's buffers. The keys of a batch are hashed with the vector kernels (or their
 * scalar twins) and looked up once in {@link #start}; the chains are then walked row by row.
 * A probe hashes into arrays of its own, so one table may be probed by several threads at once,
 * one probe each (RIGHT and FULL joins mark the shared table: one thread only). Reuse a probe for
 * every batch of a thread: its arrays grow once.
 */
public final class JoinProbe {
    /** A probe row whose key has a NULL: it matches nothing. */
    private static final int NULL_KEY = -2;

    private final JoinHashTable table;
    private final JoinType type;
    private int[] ids = new int[0];
    private final JoinHashTable.ProbeScratch scratch = new JoinHashTable.ProbeScratch();
    private int n;
    /**
     * The batch's rows whose key was found, in order. When few were (under a quarter) and the join
     * keeps no unmatched probe row (INNER, RIGHT), {@link #pairs} walks these and not every row of
     * the batch (TPC-H Q11 finds 4% of its 1.6 M probe rows, Q17 0.1%).
     */
    private int[] found = new int[0];
    private int foundCount;
    private boolean sparse;
    /** Where {@link #next} resumes: a row of the batch, or an index into {@link #found} when {@link #sparse}. */
    private int row;
    /** The chain link to resume at inside a row's matches; 0 at the start of a row. */
    private int chain;
    /** The rows of the batches so far, and those whose key was in the table. */
    private long probed;
    private long hitRows;

    public JoinProbe(JoinHashTable table, JoinType type) {
        if (type.marksBuild() && !table.tracksMatches()) {
            throw new IllegalArgumentException(type + " join needs a table that tracks matched rows");
        }
        this.table = table;
        this.type = type;
    }

    /** Starts a batch of {@code n} probe rows (the key columns must stay valid until it is drained). */
    public void start(KeyColumn[] columns, int n) {
        if (ids.length < n) {
            ids = new int[n];
        }
        scratch.ensure(n);
        // Most keys so far missed (fewer than a quarter found): the table's Bloom filter first.
        boolean mostlyMissing = probed > 0 && hitRows * 4 < probed;
        table.lookup(columns, n, ids, scratch, mostlyMissing);
        for (KeyColumn column : columns) {
            if (column.validity() != null) {
                for (int i = 0; i < n; i++) {
                    if (column.isNull(i)) {
                        ids[i] = NULL_KEY;
                    }
                }
            }
        }
        // the rows found, counted and listed in one pass; walked instead of the batch when few
        if (found.length < n) {
            found = new int[n];
        }
        int hits = 0;
        for (int i = 0; i < n; i++) {
            found[hits] = i;
            hits += ids[i] >= 0 ? 1 : 0;
        }
        probed += n;
        hitRows += hits;
        this.n = n;
        this.row = 0;
        this.chain = 0;
        this.foundCount = hits;
        this.sparse = hits * 4 < n && (type == JoinType.INNER || type == JoinType.RIGHT);
    }

    /** Whether the batch has been drained. */
    public boolean done() {
        return row >= (sparse ? foundCount : n);
    }

    /**
     * Writes up to {@code min(probeRows.length, buildRows.length)} result rows and returns how many;
     * 0 once the batch is drained. SEMI and ANTI joins write -1 as the build row.
     */
    public int next(int[] probeRows, int[] buildRows) {
        int capacity = Math.min(probeRows.length, buildRows.length);
        return switch (type) {
            case INNER, RIGHT, LEFT, FULL -> pairs(probeRows, buildRows, capacity);
            case SEMI -> filter(probeRows, buildRows, capacity, true, false);
            case ANTI -> filter(probeRows, buildRows, capacity, false, true);
            case ANTI_NULL_AWARE -> notIn(probeRows, buildRows, capacity);
        };
    }

    private int pairs(int[] probeRows, int[] buildRows, int capacity) {
        boolean outer = type.keepsUnmatchedProbe();
        boolean mark = type.marksBuild();
        int count = 0;
        int end = sparse ? foundCount : n;
        while (row < end) {
            int at = sparse ? found[row] : row;
            int link = chain;
            if (link == 0) {
                int id = ids[at];
                link = id < 0 ? 0 : table.firstLink(id);
                if (link == 0) {
                    if (outer) {
                        if (count == capacity) {
                            return count;
                        }
                        probeRows[count] = at;
                        buildRows[count++] = -1;
                    }
                    row++;
                    continue;
                }
            }
            while (true) {
                if (count == capacity) {
                    chain = link;
                    return count;
                }
                int build = JoinHashTable.rowOf(link);
                probeRows[count] = at;
                buildRows[count++] = build;
                if (mark) {
                    table.mark(build);
                }
                if (!JoinHashTable.hasMore(link)) {
                    break;
                }
                link = table.nextLink(build);
            }
            chain = 0;
            row++;
        }
        return count;
    }

    /** SEMI (rows with a match) or ANTI (rows without one, NULL keys included). */
    private int filter(int[] probeRows, int[] buildRows, int capacity, boolean matched, boolean nullKeys) {
        int count = 0;
        for (; row < n && count < capacity; row++) {
            int id = ids[row];
            if (id >= 0 ? matched : (id == NULL_KEY ? nullKeys : !matched)) {
                probeRows[count] = row;
                buildRows[count++] = -1;
            }
        }
        return count;
    }

    private int notIn(int[] probeRows, int[] buildRows, int capacity) {
        if (table.hasNullKey()) {
            row = n;
            return 0;
        }
        return filter(probeRows, buildRows, capacity, false, table.rowCount() == 0);
    }
}
