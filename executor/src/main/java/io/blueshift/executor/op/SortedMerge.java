package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.sort.SortKey;
import io.blueshift.kernels.sort.Sorter;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.arrow.vector.FieldVector;

/**
 * The k-way merge of sorted streams of batches (a sort's runs spilled to disk, or the sorted
 * output of each worker of a parallel sort): a heap of each stream's next row, a batch of each
 * stream in memory at a time. It copies a range of rows from one stream while they come no later
 * than the head of every other, so streams that interleave little cost little more than a copy.
 * Rows that tie on every key come from the stream listed first.
 */
final class SortedMerge implements AutoCloseable {
    /** A sorted stream: its next batch (the merge's to close), or null at its end. */
    @FunctionalInterface
    interface Source {
        Batch next();
    }

    /** One stream's place: its current batch, that batch's sort keys and the next row. */
    private final class Cursor {
        final int index;
        final Source source;
        Batch batch;
        SortKey[] sortKeys;
        int row;

        Cursor(int index, Source source) {
            this.index = index;
            this.source = source;
        }

        /** Moves to the stream's next non-empty batch; false at its end. */
        boolean advance() {
            if (batch != null) {
                batch.close();
                batch = null;
            }
            for (Batch b = source.next(); b != null; b = source.next()) {
                if (b.rowCount() > 0) {
                    batch = b;
                    sortKeys = SortOp.sortKeys(b, keys);
                    row = 0;
                    return true;
                }
                b.close();
            }
            return false;
        }
    }

    private final ExecContext ctx;
    private final List<SqlType> types;
    private final List<SortOp.Key> keys;
    private final List<Cursor> cursors = new ArrayList<>();
    private final PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> compare(a, a.row, b));
    private final int batchRows;

    /** Reads the first batch of every source (waiting for each); merged batches hold {@link ExecContext#BATCH_ROWS} rows. */
    SortedMerge(ExecContext ctx, List<SqlType> types, List<SortOp.Key> keys, List<Source> sources) {
        this(ctx, types, keys, sources, ExecContext.BATCH_ROWS);
    }

    /** As above, merged batches of {@code batchRows} rows. */
    SortedMerge(ExecContext ctx, List<SqlType> types, List<SortOp.Key> keys, List<Source> sources, int batchRows) {
        this.ctx = ctx;
        this.batchRows = batchRows;
        this.types = List.copyOf(types);
        this.keys = List.copyOf(keys);
        for (int i = 0; i < sources.size(); i++) {
            Cursor c = new Cursor(i, sources.get(i));
            cursors.add(c);
            if (c.advance()) {
                heads.add(c);
            }
        }
    }

    /** The heads' order: row {@code rowA} of {@code a} against the head of {@code b}; ties go to the stream listed first. */
    private static int compare(Cursor a, int rowA, Cursor b) {
        int c = Sorter.compare(a.sortKeys, rowA, b.sortKeys, b.row);
        return c != 0 ? c : Integer.compare(a.index, b.index);
    }

    /** The next batch of merged rows, or null when every stream has ended. */
    Batch next() {
        if (heads.isEmpty()) {
            return null;
        }
        ctx.checkCancelled();
        List<FieldVector> out = new ArrayList<>(types.size());
        try {
            for (SqlType t : types) {
                out.add(Vectors.allocate(ctx.memory(), t, batchRows));
            }
            int n = 0;
            while (n < batchRows && !heads.isEmpty()) {
                Cursor c = heads.poll();
                Cursor next = heads.peek();
                int end = c.row + 1;
                int limit = Math.min(c.batch.rowCount(), c.row + batchRows - n);
                while (end < limit && (next == null || compare(c, end, next) < 0)) {
                    end++;
                }
                for (int col = 0; col < types.size(); col++) {
                    Vectors.append(out.get(col), n, c.batch.vector(col), c.row, end - c.row);
                }
                n += end - c.row;
                c.row = end;
                if (c.row < c.batch.rowCount() || c.advance()) {
                    heads.add(c);
                }
            }
            for (FieldVector v : out) {
                v.setValueCount(n);
            }
            return types.isEmpty() ? Batches.empty(n) : Batches.of(types, out, n);
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
    }

    /** Closes the batches the merge holds (not the sources). */
    @Override
    public void close() {
        for (Cursor c : cursors) {
            if (c.batch != null) {
                c.batch.close();
                c.batch = null;
            }
        }
    }
}
