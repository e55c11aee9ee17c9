package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.compare.TriBitmap;
import java.util.ArrayList;
import java.util.Arrays;
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

    public List<Expr> conditions() {
        return conditions;
    }

    public List<Expr> values() {
        return values;
    }

    /** The ELSE value, or null for none (NULL). */
    public Expr otherwise() {
        return otherwise;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        // Where each output row's value is: a branch result vector and a row of it (-1: NULL).
        // Rows are copied out in row order at the end, as variable-width vectors need.
        int[] fromBranch = new int[n];
        int[] fromRow = new int[n];
        Arrays.fill(fromBranch, -1);
        List<FieldVector> results = new ArrayList<>();
        try {
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
                        results.add(branch(values.get(b), sub.batch(), taken, takenCount, ctx));
                        for (int i = 0; i < takenCount; i++) {
                            fromBranch[remaining[taken[i]]] = results.size() - 1;
                            fromRow[remaining[taken[i]]] = i;
                        }
                    }
                }
                remaining = rest;
                remainingCount = restCount;
            }
            if (remainingCount > 0 && otherwise != null) {
                try (Subset sub = Subset.of(in, remaining, remainingCount, n, ctx)) {
                    results.add(branch(otherwise, sub.batch(), identity(remainingCount), remainingCount, ctx));
                    for (int i = 0; i < remainingCount; i++) {
                        fromBranch[remaining[i]] = results.size() - 1;
                        fromRow[remaining[i]] = i;
                    }
                }
            }
            if (results.size() == 1 && remainingCount == 0 && inOrder(fromRow, n)) {
                return results.remove(0);
            }
            FieldVector out = Vectors.allocate(ctx.memory(), type, n);
            try {
                for (int i = 0; i < n; i++) {
                    if (fromBranch[i] >= 0) {
                        out.copyFromSafe(fromRow[i], i, results.get(fromBranch[i]));
                    } else {
                        out.setNull(i);
                    }
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        } finally {
            Vectors.closeAll(results);
        }
    }

    /** Whether every row comes from the one branch at its own position (nothing to copy). */
    private static boolean inOrder(int[] fromRow, int n) {
        for (int i = 0; i < n; i++) {
            if (fromRow[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} evaluated on rows {@code rows} of {@code sub}. */
    private static FieldVector branch(Expr value, Batch sub, int[] rows, int count, ExecContext ctx) {
        try (Subset part = Subset.of(sub, rows, count, sub.rowCount(), ctx)) {
            return value.eval(part.batch(), ctx);
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
    public String sql(List<String> columns) {
        StringBuilder sb = new StringBuilder("CASE");
        for (int i = 0; i < conditions.size(); i++) {
            sb.append(" WHEN ").append(conditions.get(i).sql(columns)).append(" THEN ").append(values.get(i).sql(columns));
        }
        if (otherwise != null) {
            sb.append(" ELSE ").append(otherwise.sql(columns));
        }
        return sb.append(" END").toString();
    }

    @Override
    public String toString() {
        return "CASE" + conditions + values + " ELSE " + otherwise;
    }
}
