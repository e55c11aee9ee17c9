package io.blueshift.executor.window;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.op.SortOp;
import io.blueshift.kernels.sort.SortKey;
import io.blueshift.kernels.sort.Sorter;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The functions of OVER clauses over one batch of rows that holds whole partitions: for each
 * clause, sorts the rows by partition and order keys (the radix sorter) and computes every
 * function of the clause for every row in that order ({@link ClauseEvaluator}), the results put
 * back in the batch's order.
 */
final class WindowEvaluator {
    private WindowEvaluator() {
    }

    /**
     * Bytes computing the clauses takes per row beyond the input's, by a generous estimate of 32
     * bytes a value: for each clause its sort (the order and a value per PARTITION BY and ORDER BY
     * key), and for each function its boxed result on the heap, its output column and a value for
     * what reading its argument boxes.
     */
    static long bytesPerRow(List<WindowSpec> specs) {
        long values = 0;
        for (WindowSpec s : specs) {
            values += 1 + s.partition().size() + s.order().size() + 3L * s.calls().size();
        }
        return 32 * values;
    }

    /**
     * The batch's columns followed by one column per function, clause after clause, rows in the
     * batch's order; {@code all} stays the caller's. Fails with 53200 before it starts where what
     * it would hold ({@link #bytesPerRow}), heap included, takes the query past its limit: the
     * heap is not the query's to exhaust.
     */
    static Batch compute(Batch all, List<WindowSpec> specs, List<SqlType> types, ExecContext ctx) {
        int n = all.rowCount();
        ctx.memory().require(n * bytesPerRow(specs));
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < all.columnCount(); c++) {
                vectors.add(Vectors.share(all.vector(c), ctx.memory()));
            }
            for (WindowSpec spec : specs) {
                ctx.checkCancelled();
                List<FieldVector> out = new ArrayList<>();
                for (WindowCall call : spec.calls()) {
                    FieldVector v = Vectors.allocate(ctx.memory(), call.type(), n);
                    vectors.add(v);
                    out.add(v);
                }
                evaluate(all, spec, n, out, ctx.memory());
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return Batches.of(types, vectors, n);
    }

    /**
     * Every function of one clause for every row, into {@code out} (a vector of n values per
     * function) in the batch's order: BIGINT results (row_number, rank, COUNT) set unboxed as
     * they are computed, the others collected boxed and set in order (a vector of text is
     * written front to back).
     */
    private static void evaluate(Batch all, WindowSpec spec, int n, List<FieldVector> out, QueryMemory memory) {
        List<SortKey> keys = new ArrayList<>();
        for (int p : spec.partition()) {
            keys.add(SortOp.sortKey(all, new SortOp.Key(p, false, false)));
        }
        for (SortOp.Key k : spec.order()) {
            keys.add(SortOp.sortKey(all, k));
        }
        int[] order = keys.isEmpty() ? identity(n) : Sorter.sort(keys.toArray(new SortKey[0]), n);
        int count = spec.calls().size();
        Object[][] results = new Object[count][];
        BigIntVector[] longs = new BigIntVector[count];
        Object[] values = new Object[count];
        long[] longValues = new long[count];
        try (ClauseEvaluator clause = new ClauseEvaluator(spec, WindowRows.inMemory(all, order), memory)) {
            for (int f = 0; f < count; f++) {
                if (clause.longResult(f)) {
                    longs[f] = (BigIntVector) out.get(f);
                } else {
                    results[f] = new Object[n];
                }
            }
            for (int r = 0; r < n; r++) {
                clause.next(values, longValues);
                for (int f = 0; f < count; f++) {
                    if (longs[f] != null) {
                        longs[f].set(order[r], longValues[f]);
                    } else {
                        results[f][order[r]] = values[f];
                    }
                }
            }
        }
        for (int f = 0; f < count; f++) {
            FieldVector v = out.get(f);
            if (results[f] != null) {
                SqlType type = spec.calls().get(f).type();
                for (int r = 0; r < n; r++) {
                    set(v, type, r, results[f][r]);
                }
            }
            v.setValueCount(n);
        }
    }

    /** Sets a function's result (a value of any Java type its computation gives) at {@code row} of its output vector. */
    static void set(FieldVector out, SqlType type, int row, Object value) {
        Values.set(out, type, row, value == null ? null : Conversions.convert(value, type));
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
