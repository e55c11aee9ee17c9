package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.compare.Predicates;
import io.blueshift.kernels.compare.TriBitmap;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * AND, OR and NOT in SQL's three-valued logic, and the IS [NOT] NULL / IS [NOT] TRUE / IS [NOT]
 * FALSE tests, a 64-row word at a time.
 */
public final class LogicExpr implements Expr {
    /** The operations. */
    public enum Op { AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE }

    private final Op op;
    private final List<Expr> args;

    public LogicExpr(Op op, List<Expr> args) {
        this.op = op;
        this.args = List.copyOf(args);
    }

    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        TriBitmap acc;
        try (FieldVector first = args.get(0).eval(in, ctx)) {
            acc = op == Op.IS_NULL || op == Op.IS_NOT_NULL ? nullTest(first, n) : Bools.toTri(first, n);
        }
        switch (op) {
            case AND, OR -> {
                for (int i = 1; i < args.size(); i++) {
                    TriBitmap next;
                    try (FieldVector v = args.get(i).eval(in, ctx)) {
                        next = Bools.toTri(v, n);
                    }
                    TriBitmap out = new TriBitmap(n);
                    if (op == Op.AND) {
                        Predicates.and(acc, next, out);
                    } else {
                        Predicates.or(acc, next, out);
                    }
                    acc = out;
                }
            }
            case NOT -> {
                TriBitmap out = new TriBitmap(n);
                Predicates.not(acc, out);
                acc = out;
            }
            case IS_NULL, IS_NOT_NULL -> {
            }
            case IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> acc = truthTest(acc, n);
        }
        return Bools.toVector(ctx.memory(), acc, n);
    }

    private TriBitmap nullTest(FieldVector v, int n) {
        TriBitmap out = new TriBitmap(n);
        out.resize(n);
        var validity = Segs.validity(v);
        for (int w = 0; w < Bitmaps.words(n); w++) {
            long valid = Bitmaps.validityWord(validity, w, n);
            out.trueBits()[w] = op == Op.IS_NULL ? ~valid & Bitmaps.tailMask(w, n) : valid;
            out.nullBits()[w] = 0;
        }
        return out;
    }

    private TriBitmap truthTest(TriBitmap x, int n) {
        TriBitmap out = new TriBitmap(n);
        out.resize(n);
        for (int w = 0; w < Bitmaps.words(n); w++) {
            long mask = Bitmaps.tailMask(w, n);
            long t = x.trueBits()[w];
            long nu = x.nullBits()[w];
            long f = ~t & ~nu & mask;
            out.trueBits()[w] = switch (op) {
                case IS_TRUE -> t;
                case IS_NOT_TRUE -> ~t & mask;
                case IS_FALSE -> f;
                case IS_NOT_FALSE -> ~f & mask;
                default -> throw new IllegalStateException(op.name());
            };
            out.nullBits()[w] = 0;
        }
        return out;
    }

    @Override
    public String toString() {
        return op + args.toString();
    }
}
