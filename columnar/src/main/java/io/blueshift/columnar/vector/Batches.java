package io.blueshift.columnar.vector;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** Whole-batch copies: the rows at some positions, or a batch's columns shared into a new batch. */
public final class Batches {
    private Batches() {
    }

    /** A new dense batch of the rows of {@code in} at {@code positions[0..count)} (-1: a row of NULLs). */
    public static Batch gather(Batch in, int[] positions, int count, QueryMemory memory) {
        return gather(in, null, positions, count, memory);
    }

    /**
     * A new dense batch of the columns {@code columns} of {@code in} (all of them when null) at
     * {@code positions[0..count)} (-1: a row of NULLs).
     */
    public static Batch gather(Batch in, int[] columns, int[] positions, int count, QueryMemory memory) {
        int[] cols = columns == null ? all(in) : columns;
        FieldVector[] vectors = new FieldVector[cols.length];
        SqlType[] types = new SqlType[cols.length];
        int runs = Vectors.runs(positions, count);
        int[] ends = Vectors.runEnds(positions, count, runs);
        try {
            for (int c = 0; c < vectors.length; c++) {
                types[c] = in.type(cols[c]);
                vectors[c] = Vectors.gather(memory, types[c], in.vector(cols[c]), positions, count, runs, ends);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(Arrays.asList(vectors));
            throw e;
        }
        return new Batch(names(in, cols), types, vectors, count);
    }

    /** A batch of the same rows as {@code in} without copying them: its vectors share {@code in}'s buffers. */
    public static Batch share(Batch in, QueryMemory memory) {
        return share(in, null, memory);
    }

    /** {@link #share(Batch, QueryMemory)} of the columns {@code columns} of {@code in} (all of them when null). */
    public static Batch share(Batch in, int[] columns, QueryMemory memory) {
        int[] cols = columns == null ? all(in) : columns;
        FieldVector[] vectors = new FieldVector[cols.length];
        SqlType[] types = new SqlType[cols.length];
        try {
            for (int c = 0; c < vectors.length; c++) {
                types[c] = in.type(cols[c]);
                vectors[c] = Vectors.share(in.vector(cols[c]), memory);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(Arrays.asList(vectors));
            throw e;
        }
        return new Batch(names(in, cols), types, vectors, in.rowCount());
    }

    private static int[] all(Batch in) {
        int[] cols = new int[in.columnCount()];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = c;
        }
        return cols;
    }

    private static List<String> names(Batch in, int[] cols) {
        if (cols.length == in.columnCount()) {
            boolean same = true;
            for (int c = 0; same && c < cols.length; c++) {
                same = cols[c] == c;
            }
            if (same) {
                return in.names();
            }
        }
        List<String> names = new ArrayList<>(cols.length);
        for (int c : cols) {
            names.add(in.name(c));
        }
        return names;
    }

    /**
     * One dense batch holding the rows of all {@code parts} in order (the parts stay the caller's).
     * Used where an operator needs its input in one piece: a join's build side, a sort.
     */
    public static Batch concat(List<SqlType> types, List<Batch> parts, QueryMemory memory) {
        int total = 0;
        for (Batch b : parts) {
            total += b.rowCount();
        }
        List<FieldVector> out = new ArrayList<>(types.size());
        try {
            for (int c = 0; c < types.size(); c++) {
                FieldVector v = Vectors.allocate(memory, types.get(c), total);
                out.add(v);
                int at = 0;
                for (Batch b : parts) {
                    Vectors.appendAll(v, at, b.vector(c), b.rowCount());
                    at += b.rowCount();
                }
                v.setValueCount(total);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        return types.isEmpty() ? empty(total) : of(types, out, total);
    }

    /**
     * The positions of the rows of each part, {@code partOf[i]} being row i's part among
     * {@code parts}: an array of exactly its rows' positions per part, in row order.
     */
    public static int[][] positionsByPart(int[] partOf, int n, int parts) {
        int[] sizes = new int[parts];
        for (int i = 0; i < n; i++) {
            sizes[partOf[i]]++;
        }
        int[][] positions = new int[parts][];
        for (int p = 0; p < parts; p++) {
            positions[p] = new int[sizes[p]];
            sizes[p] = 0;
        }
        for (int i = 0; i < n; i++) {
            int p = partOf[i];
            positions[p][sizes[p]++] = i;
        }
        return positions;
    }

    /** The bytes of a batch's buffers (shared ones counted whole): what an operator holding it holds. */
    public static long bytes(Batch b) {
        long n = 0;
        for (int c = 0; c < b.columnCount(); c++) {
            n += b.vector(c).getBufferSize();
        }
        return n;
    }

    /** A batch over vectors the caller hands over (closed with the batch). */
    public static Batch of(List<SqlType> types, List<FieldVector> vectors, int rowCount) {
        List<String> names = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            names.add("c" + i);
        }
        return new Batch(names, types.toArray(new SqlType[0]), vectors.toArray(new FieldVector[0]), rowCount);
    }

    /** A batch with no columns and {@code rowCount} rows (what a scan of no columns yields: COUNT(*)). */
    public static Batch empty(int rowCount) {
        return new Batch(List.of(), new SqlType[0], new FieldVector[0], rowCount);
    }
}
