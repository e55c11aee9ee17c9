package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.compare.TriBitmap;
import io.blueshift.kernels.string.LikePattern;
import io.blueshift.kernels.string.StringPredicates;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** {@code s [NOT] [I]LIKE 'constant pattern'} on the string kernels; the pattern is compiled once. */
public final class LikeExpr implements Expr {
    private final Expr input;
    private final LikePattern pattern;
    private final boolean negated;

    private final String text;

    public LikeExpr(Expr input, LikePattern pattern, boolean negated) {
        this(input, pattern, negated, null);
    }

    /** A match of {@code pattern}, compiled from {@code text} (what EXPLAIN shows; null: the compiled form). */
    public LikeExpr(Expr input, LikePattern pattern, boolean negated, String text) {
        this.input = input;
        this.pattern = pattern;
        this.negated = negated;
        this.text = text;
    }

    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public boolean total() {
        return input.total();
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        try (FieldVector s = input.eval(in, ctx)) {
            TriBitmap out = new TriBitmap(n);
            out.resize(n);
            var validity = Segs.validity(s);
            StringPredicates.like(pattern, validity, Segs.offsets(s), Segs.values(s), n, out.trueBits());
            for (int w = 0; w < Bitmaps.words(n); w++) {
                long valid = Bitmaps.validityWord(validity, w, n);
                long t = out.trueBits()[w] & valid;
                out.trueBits()[w] = negated ? ~t & valid : t;
                out.nullBits()[w] = ~valid & Bitmaps.tailMask(w, n);
            }
            return Bools.toVector(ctx.memory(), out, n);
        }
    }

    @Override
    public String sql(List<String> columns) {
        String like = pattern.caseInsensitive() ? "ILIKE" : "LIKE";
        return SqlText.operand(input, columns) + (negated ? " NOT " : " ") + like + " "
                + (text != null ? SqlText.quoted(text) : pattern.toString());
    }

    @Override
    public String toString() {
        return input + (negated ? " NOT LIKE " : " LIKE ") + pattern;
    }
}
