package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.vector.Batches;
import io.blueshift.executor.vector.Vectors;
import io.blueshift.kernels.compare.TriBitmap;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * CASE WHEN c1 THEN v1 ... ELSE e END. Each branch value is computed only on the rows that take
 * that branch (gathered into a batch of their own), so that {@code CASE WHEN x <> 0 THEN 1 / x END}
 * never divides by zero, as in Postgres; when every remaining row takes one branch nothing is
 * copied. COALESCE and NULLIF arrive here as CASEs.
 */
public final class CaseExpr implements Expr {
    private final List<Expr> conditions;
    private final List<Expr> values;
    private final Expr otherwise;
    private final SqlType type;

    public CaseExpr(List<Expr> conditions, List<Expr> values, Expr otherwise, SqlType type) {
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
        this.otherwise = otherwise;
        this.type = type;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        FieldVector out = Vectors.allocate(ctx.memory(), type, n);
        try {
            out.setValueCount(n);
            int[] remaining = identity(n);
            int remainingCount = n;
            for (int b = 0; b < conditions.size() && remainingCount > 0; b++) {
                int[] taken = new int[remainingCount];
                int[] rest = new int[remainingCount];
                int takenCount = 0;
                int restCount = 0;
                try (Subset sub = Subset.of(in, remaining, remainingCount, n, ctx);
                     FieldVector c = conditions.get(b).eval(sub.batch(), ctx)) {
                    TriBitmap tri = Bools.toTri(c, remainingCount);
                    for (int i = 0; i < remainingCount; i++) {
                        if (tri.isTrue(i)) {
                            taken[takenCount++] = i;
                        } else {
                            rest[restCount++] = remaining[i];
                        }
                    }
                    if (takenCount > 0) {
                        branch(values.get(b), sub.batch(), taken, takenCount, remaining, out, ctx);
                    }
                }
                remaining = rest;
                remainingCount = restCount;
            }
            if (remainingCount > 0 && otherwise != null) {
                try (Subset sub = Subset.of(in, remaining, remainingCount, n, ctx)) {
                    branch(otherwise, sub.batch(), identity(remainingCount), remainingCount, remaining, out, ctx);
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Evaluates {@code value} on rows {@code rows} of {@code sub} and writes them to {@code out} at {@code map[row]}. */
    private static void branch(Expr value, Batch sub, int[] rows, int count, int[] map, FieldVector out,
            ExecContext ctx) {
        try (Subset part = Subset.of(sub, rows, count, sub.rowCount(), ctx);
             FieldVector v = value.eval(part.batch(), ctx)) {
            for (int i = 0; i < count; i++) {
                out.copyFromSafe(i, map[rows[i]], v);
            }
        }
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** The rows of a batch at some positions: the batch itself when they are all of its rows in order. */
    private record Subset(Batch batch, boolean owned) implements AutoCloseable {
        static Subset of(Batch in, int[] positions, int count, int n, ExecContext ctx) {
            if (count == n && (n == 0 || positions[n - 1] == n - 1)) {
                return new Subset(in, false);
            }
            return new Subset(Batches.gather(in, positions, count, ctx.memory()), true);
        }

        @Override
        public void close() {
            if (owned) {
                batch.close();
            }
        }
    }

    @Override
    public String toString() {
        return "CASE" + conditions + values + " ELSE " + otherwise;
    }
}
