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
    public boolean total() {
        return args.stream().allMatch(Expr::total);
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

    /** An OR of equalities of one expression with constants as {@code x IN (a, b)}, else null. */
    private String inList(List<String> columns) {
        String subject = null;
        StringBuilder values = new StringBuilder();
        for (Expr a : args) {
            String[] eq = a instanceof CompareExpr c ? c.equalsConstant(columns) : null;
            if (eq == null || subject != null && !subject.equals(eq[0])) {
                return null;
            }
            subject = eq[0];
            values.append(values.isEmpty() ? "" : ", ").append(eq[1]);
        }
        return subject + " IN (" + values + ")";
    }

    @Override
    public String sql(List<String> columns) {
        return switch (op) {
            case AND, OR -> {
                String in = op == Op.OR ? inList(columns) : null;
                if (in != null) {
                    yield in;
                }
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    sb.append(i == 0 ? "" : " " + op + " ").append(SqlText.operand(args.get(i), columns));
                }
                yield sb.toString();
            }
            case NOT -> "NOT " + SqlText.operand(args.get(0), columns);
            case IS_NULL -> SqlText.operand(args.get(0), columns) + " IS NULL";
            case IS_NOT_NULL -> SqlText.operand(args.get(0), columns) + " IS NOT NULL";
            case IS_TRUE -> SqlText.operand(args.get(0), columns) + " IS TRUE";
            case IS_NOT_TRUE -> SqlText.operand(args.get(0), columns) + " IS NOT TRUE";
            case IS_FALSE -> SqlText.operand(args.get(0), columns) + " IS FALSE";
            case IS_NOT_FALSE -> SqlText.operand(args.get(0), columns) + " IS NOT FALSE";
        };
    }

    @Override
    public String toString() {
        return op + args.toString();
    }
}
