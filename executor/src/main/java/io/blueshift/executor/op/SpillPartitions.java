package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.ExecContext;
import io.blueshift.storage.format.SpillFile;
import java.util.List;

/**
 * Rows an operator could not keep in memory, written to disk in {@link #COUNT} partitions by the
 * hash of their key, so that each partition can be processed alone once the input ends (a GROUP
 * BY's groups, a window's PARTITION BY values, a join's keys all fall in one partition). A
 * partition still too big is partitioned again by the operator reading it, on the next 4
 * bits of the same hash ({@link #of}). The files are deleted on close.
 */
public final class SpillPartitions implements AutoCloseable {
    /** Partitions per level, chosen by 4 bits of a row's key hash. */
    public static final int COUNT = 16;
    /**
     * The deepest level that still spills (0 is the plan's operator, n one reading a partition of
     * level n - 1); a partition that does not fit there fails with 53200.
     */
    public static final int LEVELS = 4;

    private final ExecContext ctx;
    private final String what;
    private final List<SqlType> types;
    private final SpillFile[] files = new SpillFile[COUNT];
    private long rows;
    private long bytes;
    private boolean finished;

    /** Partitions of rows of {@code types}, their files named for {@code what} spilled them. */
    public SpillPartitions(ExecContext ctx, String what, List<SqlType> types) {
        this.ctx = ctx;
        this.what = what;
        this.types = List.copyOf(types);
    }

    /** The partition of a row whose key hashes to {@code hash}, at partitioning level {@code level} (0 first). */
    public static int of(long hash, int level) {
        return (int) (hash >>> (60 - 4 * level)) & (COUNT - 1);
    }

    /** Appends rows {@code positions[0..count)} of {@code b} to partition {@code p}. */
    public void write(Batch b, int p, int[] positions, int count) {
        if (count == 0) {
            return;
        }
        ctx.checkCancelled();
        if (files[p] == null) {
            files[p] = ctx.spill().create(what, types);
        }
        try (Batch part = count == b.rowCount() ? null : Batches.gather(b, positions, count, ctx.memory())) {
            long before = files[p].bytes();
            files[p].write(part == null ? b : part, ctx.memory());
            bytes += files[p].bytes() - before;
        }
        rows += count;
    }

    /** Appends each row i of {@code b} to partition {@code partition[i]}. */
    public void write(Batch b, int[] partition) {
        int[][] positions = Batches.positionsByPart(partition, b.rowCount(), COUNT);
        for (int p = 0; p < COUNT; p++) {
            write(b, p, positions[p], positions[p].length);
        }
    }

    /** Appends each row i of {@code b} to the partition of {@code hashes[i]} at {@code level}. */
    public void write(Batch b, long[] hashes, int level) {
        int[] partition = new int[b.rowCount()];
        for (int i = 0; i < partition.length; i++) {
            partition[i] = of(hashes[i], level);
        }
        write(b, partition);
    }

    /** Ends writing; partitions may be read from now on. */
    public void finish() {
        finished = true;
        for (SpillFile f : files) {
            if (f != null) {
                f.finish();
            }
        }
    }

    /** Whether any row went to partition {@code p}. */
    public boolean written(int p) {
        return files[p] != null;
    }

    /** Partition {@code p}'s rows as an operator's input (none where none went there). */
    public Operator input(int p) {
        if (!finished) {
            throw new IllegalStateException("spill partitions are still being written");
        }
        return new Input(files[p] == null ? null : files[p].reader(ctx.memory()));
    }

    /** Rows written, over all partitions. */
    public long rows() {
        return rows;
    }

    /** Bytes written (compressed), over all partitions. */
    public long bytes() {
        return bytes;
    }

    /** Deletes the files. */
    @Override
    public void close() {
        for (int p = 0; p < COUNT; p++) {
            if (files[p] != null) {
                files[p].close();
                files[p] = null;
            }
        }
    }

    /** The batches of one partition, read back in the order written. */
    private final class Input implements Operator {
        private final SpillFile.Reader reader;

        Input(SpillFile.Reader reader) {
            this.reader = reader;
        }

        @Override
        public List<SqlType> types() {
            return types;
        }

        @Override
        public Batch next() {
            ctx.checkCancelled();
            return reader == null ? null : reader.next();
        }

        @Override
        public List<Operator> inputs() {
            return List.of();
        }

        @Override
        public String explain(Explain explain) {
            return "SpillInput";
        }

        @Override
        public String describe() {
            return "SpillInput " + what;
        }

        @Override
        public void close() {
        }
    }
}
