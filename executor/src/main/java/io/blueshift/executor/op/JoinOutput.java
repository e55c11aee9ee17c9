package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Bools;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * What hash and nested-loop joins share once they have candidate pairs (left row, right row):
 * building the joined batch, applying the residual condition, and the bookkeeping of which rows
 * matched so that outer, semi and anti joins emit the right rows.
 */
final class JoinOutput {
    private final ExecContext ctx;
    private final List<SqlType> leftTypes;
    private final List<SqlType> rightTypes;
    private final Expr condition;
    private final JoinKind kind;
    private final boolean shareLeft;
    /** The joined columns emitted (indexes into the left columns then the right ones), or null for all. */
    private final int[] output;
    private final List<SqlType> allTypes;
    private final List<SqlType> outputTypes;
    final BitSet rightMatched = new BitSet();

    JoinOutput(ExecContext ctx, List<SqlType> leftTypes, List<SqlType> rightTypes, Expr condition, JoinKind kind) {
        this(ctx, leftTypes, rightTypes, condition, kind, true, null);
    }

    /**
     * Output that shares a whole left batch's columns only when {@code shareLeft}: not where the
     * left batch is a build that several threads read at once (sharing transfers its buffers); with
     * {@code output}, the joined rows have only those of the left then right columns, so a column
     * only the join's keys or condition read is never copied (null: all of them).
     */
    JoinOutput(ExecContext ctx, List<SqlType> leftTypes, List<SqlType> rightTypes, Expr condition, JoinKind kind,
            boolean shareLeft, int[] output) {
        this.ctx = ctx;
        this.leftTypes = leftTypes;
        this.rightTypes = rightTypes;
        this.condition = condition;
        this.kind = kind;
        this.shareLeft = shareLeft;
        this.output = output == null ? null : output.clone();
        List<SqlType> all = new ArrayList<>(leftTypes);
        all.addAll(rightTypes);
        this.allTypes = List.copyOf(all);
        this.outputTypes = select(allTypes, output);
    }

    /** The columns of {@code all} at {@code columns}, or all of them when {@code columns} is null. */
    static <T> List<T> select(List<T> all, int[] columns) {
        if (columns == null) {
            return all;
        }
        List<T> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(all.get(c));
        }
        return List.copyOf(out);
    }

    /** The residual condition over the left columns then the right ones, or null. */
    Expr condition() {
        return condition;
    }

    static List<SqlType> types(List<SqlType> left, List<SqlType> right, JoinKind kind) {
        if (kind.leftOnly()) {
            return left;
        }
        List<SqlType> out = new ArrayList<>(left);
        out.addAll(right);
        return List.copyOf(out);
    }

    /** The joined rows of the pairs (a -1 side is NULLs), in the output's columns. */
    Batch pairs(Batch left, int[] leftRows, Batch right, int[] rightRows, int count) {
        return pairs(left, leftRows, right, rightRows, count, output);
    }

    /** The joined rows of the pairs in {@code columns} of the left then right columns (null: all). */
    private Batch pairs(Batch left, int[] leftRows, Batch right, int[] rightRows, int count, int[] columns) {
        int leftWidth = leftTypes.size();
        int width = columns == null ? leftWidth + rightTypes.size() : columns.length;
        List<FieldVector> out = new ArrayList<>(width);
        // every left row once and in order (a foreign key joined to its key): the left columns
        // are shared, not copied
        boolean wholeLeft = shareLeft && whole(left, leftRows, count);
        int leftRuns = Integer.MIN_VALUE;
        int rightRuns = Integer.MIN_VALUE;
        int[] leftEnds = null;
        int[] rightEnds = null;
        try {
            for (int i = 0; i < width; i++) {
                int c = columns == null ? i : columns[i];
                if (c < leftWidth) {
                    if (wholeLeft) {
                        out.add(Vectors.share(left.vector(c), ctx.memory()));
                        continue;
                    }
                    if (leftRuns == Integer.MIN_VALUE) {
                        leftRuns = Vectors.runs(leftRows, count);
                        leftEnds = Vectors.runEnds(leftRows, count, leftRuns);
                    }
                    out.add(Vectors.gather(ctx.memory(), leftTypes.get(c), left.vector(c), leftRows, count, leftRuns,
                            leftEnds));
                } else {
                    if (rightRuns == Integer.MIN_VALUE) {
                        rightRuns = Vectors.runs(rightRows, count);
                        rightEnds = Vectors.runEnds(rightRows, count, rightRuns);
                    }
                    out.add(Vectors.gather(ctx.memory(), rightTypes.get(c - leftWidth), right.vector(c - leftWidth),
                            rightRows, count, rightRuns, rightEnds));
                }
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        return Batches.of(columns == output ? outputTypes : select(allTypes, columns), out, count);
    }

    /**
     * Applies the residual condition to candidate pairs, keeps the surviving pairs in the arrays
     * (returning how many), and records matches: left rows in {@code leftMatched}, right rows in
     * {@link #rightMatched}.
     */
    int filter(Batch left, int[] leftRows, Batch right, int[] rightRows, int count, boolean[] leftMatched) {
        if (condition != null && count > 0) {
            try (Batch joined = pairs(left, leftRows, right, rightRows, count, null);
                 FieldVector v = condition.eval(joined, ctx)) {
                int[] keep = new int[count];
                int kept = Bools.trueRows(v, count, keep);
                for (int i = 0; i < kept; i++) {
                    leftRows[i] = leftRows[keep[i]];
                    rightRows[i] = rightRows[keep[i]];
                }
                count = kept;
            }
        }
        for (int i = 0; i < count; i++) {
            if (leftMatched != null) {
                leftMatched[leftRows[i]] = true;
            }
            if (kind.keepsUnmatchedRight()) {
                rightMatched.set(rightRows[i]);
            }
        }
        return count;
    }

    /**
     * The pairs that pass the condition, joined, or null when none pass or the join is SEMI or ANTI
     * (which emit their left rows once the batch is done); marks the matched rows as {@link #filter}.
     */
    Batch passing(Batch left, int[] leftRows, Batch right, int[] rightRows, int count, boolean[] leftMatched) {
        int kept = filter(left, leftRows, right, rightRows, count, leftMatched);
        return kept > 0 && !kind.leftOnly() ? pairs(left, leftRows, right, rightRows, kept) : null;
    }

    /**
     * What a left batch of {@code n} rows leaves once every pair was tried: for LEFT and FULL its
     * unmatched rows with NULLs on the right, for SEMI its matched rows, for ANTI its unmatched ones;
     * null when there are none or the join is INNER or RIGHT.
     */
    Batch afterLeftBatch(Batch left, Batch right, boolean[] leftMatched, int n) {
        if (kind.keepsUnmatchedLeft()) {
            int[] rows = leftRowsAfter(leftMatched, n, false);
            if (rows.length == 0) {
                return null;
            }
            int[] none = new int[rows.length];
            Arrays.fill(none, -1);
            return pairs(left, rows, right, none, rows.length);
        }
        if (kind.leftOnly()) {
            int[] rows = leftRowsAfter(leftMatched, n, kind == JoinKind.SEMI);
            return rows.length == 0 ? null : leftOnly(left, rows);
        }
        return null;
    }

    /** The left rows a SEMI, ANTI or LEFT/FULL join emits once a left batch is done. */
    int[] leftRowsAfter(boolean[] leftMatched, int n, boolean matched) {
        int count = 0;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (leftMatched[i] == matched) {
                out[count++] = i;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** The right rows not in {@code matched} (RIGHT and FULL joins), joined with NULLs on the left. */
    Batch unmatchedRight(Batch left, Batch right, BitSet matched) {
        int n = right.rowCount();
        int[] rightRows = new int[n - matched.get(0, n).cardinality()];
        int count = 0;
        for (int r = matched.nextClearBit(0); r < n; r = matched.nextClearBit(r + 1)) {
            rightRows[count++] = r;
        }
        if (count == 0) {
            return null;
        }
        int[] leftRows = new int[count];
        Arrays.fill(leftRows, -1);
        return pairs(left, leftRows, right, rightRows, count);
    }

    Batch leftOnly(Batch left, int[] rows) {
        if (shareLeft && whole(left, rows, rows.length)) {
            return Batches.share(left, ctx.memory());
        }
        return Batches.gather(left, rows, rows.length, ctx.memory());
    }

    /** Whether {@code rows} are all the rows of {@code batch}, each once and in order. */
    static boolean whole(Batch batch, int[] rows, int count) {
        if (count == 0 || count != batch.rowCount() || rows[count - 1] != count - 1) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }

    ExecContext ctx() {
        return ctx;
    }
}
