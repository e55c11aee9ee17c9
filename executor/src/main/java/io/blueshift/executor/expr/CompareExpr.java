package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.compare.CompareOp;
import io.blueshift.kernels.compare.ComparePredicate;
import io.blueshift.kernels.compare.CompareType;
import io.blueshift.kernels.compare.Predicates;
import io.blueshift.kernels.compare.TriBitmap;
import io.blueshift.kernels.string.StringCompareOp;
import io.blueshift.kernels.string.StringPredicates;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code left op right} for two operands of the same type (the planner casts them to a common
 * type first). A constant on the right runs the column-constant kernels; numbers, dates and times
 * go to the comparison kernels, strings to the string kernels, the rest (booleans, intervals)
 * through Java comparisons.
 */
public final class CompareExpr implements Expr {
    private final CompareOp op;
    private final Expr left;
    private final Expr right;
    private final SqlType operandType;
    private final ComparePredicate constantPredicate;
    private final byte[] constantString;

    public CompareExpr(CompareOp op, Expr left, Expr right) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.operandType = left.type();
        Object k = right.constantValue();
        CompareType ct = Segs.compareType(operandType);
        this.constantPredicate = k != NOT_CONSTANT && k != null && ct != null ? constant(op, ct, operandType, k) : null;
        this.constantString = k != NOT_CONSTANT && k != null && operandType.isString()
                ? k.toString().getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public boolean total() {
        return left.total() && right.total();
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        return Bools.toVector(ctx.memory(), tri(in, ctx), in.rowCount());
    }

    @Override
    public long[] trueBits(Batch in, ExecContext ctx) {
        return tri(in, ctx).trueBits();
    }

    private TriBitmap tri(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        try (FieldVector a = left.eval(in, ctx)) {
            TriBitmap out = new TriBitmap(n);
            if (constantPredicate != null) {
                Predicates.evaluate(constantPredicate, Segs.values(a), Segs.validity(a), null, null, n, out);
            } else if (constantString != null) {
                out.resize(n);
                StringPredicates.compareConst(stringOp(op), Segs.validity(a), Segs.offsets(a), Segs.values(a), n,
                        constantString, out.trueBits());
                nulls(Segs.validity(a), null, n, out);
            } else {
                try (FieldVector b = right.eval(in, ctx)) {
                    columns(a, b, n, out);
                }
            }
            return out;
        }
    }

    private void columns(FieldVector a, FieldVector b, int n, TriBitmap out) {
        CompareType ct = Segs.compareType(operandType);
        if (ct != null) {
            Predicates.evaluate(ComparePredicate.columns(ct, op), Segs.values(a), Segs.validity(a),
                    Segs.values(b), Segs.validity(b), n, out);
        } else if (operandType.isString()) {
            out.resize(n);
            StringPredicates.compareColumns(stringOp(op), Segs.validity(a), Segs.offsets(a), Segs.values(a),
                    Segs.validity(b), Segs.offsets(b), Segs.values(b), n, out.trueBits());
            nulls(Segs.validity(a), Segs.validity(b), n, out);
        } else {
            out.resize(n);
            Arrays.fill(out.trueBits(), 0L);
            Arrays.fill(out.nullBits(), 0L);
            for (int i = 0; i < n; i++) {
                Object x = Values.get(a, operandType, i);
                Object y = Values.get(b, operandType, i);
                if (x == null || y == null) {
                    Bitmaps.set(out.nullBits(), i);
                } else if (op.test(compareObjects(x, y))) {
                    Bitmaps.set(out.trueBits(), i);
                }
            }
        }
    }

    /** Three-way comparison of two non-null values of one SQL type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareObjects(Object x, Object y) {
        if (x instanceof Interval i && y instanceof Interval j) {
            return Comparator.comparingDouble((Interval v) ->
                    v.months() * 30.0 * 86_400e6 + v.days() * 86_400e6 + v.micros()).compare(i, j);
        }
        if (x instanceof String s && y instanceof String t) {
            return Bytes.compareUtf8(s, t);
        }
        return ((Comparable) x).compareTo(y);
    }

    private static void nulls(MemorySegment va, MemorySegment vb, int n, TriBitmap out) {
        long[] t = out.trueBits();
        long[] nulls = out.nullBits();
        for (int w = 0; w < Bitmaps.words(n); w++) {
            long valid = Bitmaps.validityWord(va, w, n) & Bitmaps.validityWord(vb, w, n);
            t[w] &= valid;
            nulls[w] = ~valid & Bitmaps.tailMask(w, n);
        }
    }

    private static StringCompareOp stringOp(CompareOp op) {
        return switch (op) {
            case EQ -> StringCompareOp.EQ;
            case NE -> StringCompareOp.NE;
            case LT -> StringCompareOp.LT;
            case LE -> StringCompareOp.LE;
            case GT -> StringCompareOp.GT;
            case GE -> StringCompareOp.GE;
        };
    }

    private static ComparePredicate constant(CompareOp op, CompareType ct, SqlType type, Object k) {
        return switch (ct) {
            case SHORT -> ComparePredicate.shortConstant(op, ((Number) k).shortValue());
            case INT -> ComparePredicate.intConstant(op, (int) Raw.longBits(k, type));
            case LONG -> ComparePredicate.longConstant(op, Raw.longBits(k, type));
            case FLOAT -> ComparePredicate.floatConstant(op, ((Number) k).floatValue());
            case DOUBLE -> ComparePredicate.doubleConstant(op, ((Number) k).doubleValue());
            case DECIMAL128 -> {
                BigInteger u = Values.toDecimal(k, type).unscaledValue();
                yield ComparePredicate.decimal128Constant(op, u.longValue(), u.shiftRight(64).longValue());
            }
        };
    }

    /**
     * {@code column = constant} as {@code [column, constant]} SQL texts, for writing ORs of them as
     * one IN list; null for any other comparison.
     */
    String[] equalsConstant(List<String> columns) {
        return op == CompareOp.EQ && right instanceof LiteralExpr k && k.value() != null
                ? new String[] {SqlText.operand(left, columns), k.sql(columns)} : null;
    }

    @Override
    public String sql(List<String> columns) {
        return SqlText.operand(left, columns) + " " + SqlText.symbol(op) + " " + SqlText.operand(right, columns);
    }

    @Override
    public String toString() {
        return left + " " + op + " " + right;
    }
}
