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
    final BitSet rightMatched = new BitSet();

    JoinOutput(ExecContext ctx, List<SqlType> leftTypes, List<SqlType> rightTypes, Expr condition, JoinKind kind) {
        this(ctx, leftTypes, rightTypes, condition, kind, true);
    }

    /**
     * Output that shares a whole left batch's columns only when {@code shareLeft}: not where the
     * left batch is a build that several threads read at once (sharing transfers its buffers).
     */
    JoinOutput(ExecContext ctx, List<SqlType> leftTypes, List<SqlType> rightTypes, Expr condition, JoinKind kind,
            boolean shareLeft) {
        this.ctx = ctx;
        this.leftTypes = leftTypes;
        this.rightTypes = rightTypes;
        this.condition = condition;
        this.kind = kind;
        this.shareLeft = shareLeft;
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

    /** The joined rows of the pairs (a -1 side is NULLs). */
    Batch pairs(Batch left, int[] leftRows, Batch right, int[] rightRows, int count) {
        List<FieldVector> out = new ArrayList<>(leftTypes.size() + rightTypes.size());
        // every left row once and in order (a foreign key joined to its key): the left columns
        // are shared, not copied
        boolean wholeLeft = shareLeft && whole(left, leftRows, count);
        try {
            int leftRuns = wholeLeft ? 1 : Vectors.runs(leftRows, count);
            for (int c = 0; c < leftTypes.size(); c++) {
                out.add(wholeLeft ? Vectors.share(left.vector(c), ctx.memory())
                        : Vectors.gather(ctx.memory(), leftTypes.get(c), left.vector(c), leftRows, count, leftRuns));
            }
            int rightRuns = Vectors.runs(rightRows, count);
            for (int c = 0; c < rightTypes.size(); c++) {
                out.add(Vectors.gather(ctx.memory(), rightTypes.get(c), right.vector(c), rightRows, count, rightRuns));
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        List<SqlType> all = new ArrayList<>(leftTypes);
        all.addAll(rightTypes);
        return Batches.of(all, out, count);
    }

    /**
     * Applies the residual condition to candidate pairs, keeps the surviving pairs in the arrays
     * (returning how many), and records matches: left rows in {@code leftMatched}, right rows in
     * {@link #rightMatched}.
     */
    int filter(Batch left, int[] leftRows, Batch right, int[] rightRows, int count, boolean[] leftMatched) {
        if (condition != null && count > 0) {
            try (Batch joined = pairs(left, leftRows, right, rightRows, count);
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
