package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.arith.ArithExecutor;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.arith.DecimalArithScalar;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Binary arithmetic on the kernels, for operands of the result's own type (the planner casts
 * integers and floats to the result type first) and for DECIMALs held in 64 bits: the operands are
 * brought to the result's scale for + and -, multiplied with the scales adding up, or divided to the
 * result's scale. Overflow fails with 22003 and division by zero with 22012; NULL rows never fail.
 * {@link #supports} says which combinations run here; the others go through {@link RowExpr}.
 */
public final class ArithExpr implements Expr {
    private final ArithOp op;
    private final Expr left;
    private final Expr right;
    private final SqlType type;
    /**
     * A constant operand as the kernels take it (a Long of the operand's unscaled or integer
     * value, a Float or a Double), so no column of copies is made per batch; null otherwise.
     */
    private final Number leftConstant;
    private final Number rightConstant;

    public ArithExpr(ArithOp op, Expr left, Expr right, SqlType type) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.type = type;
        this.leftConstant = raised(kernelConstant(left), left.type());
        this.rightConstant = raised(kernelConstant(right), right.type());
    }

    /** A decimal constant of + or - brought to the result's scale (null when that overflows: it is then evaluated as a column). */
    private Number raised(Number k, SqlType operand) {
        if (k == null || !type.isDecimal() || (op != ArithOp.ADD && op != ArithOp.SUBTRACT)) {
            return k;
        }
        try {
            long v = k.longValue();
            for (int i = operand.scale(); i < type.scale(); i++) {
                v = Math.multiplyExact(v, 10L);
            }
            return v;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Number kernelConstant(Expr e) {
        Object v = e.constantValue();
        if (v == Expr.NOT_CONSTANT || v == null) {
            return null;
        }
        SqlType t = e.type();
        try {
            if (t.isDecimal()) {
                return t.physical() == PhysicalType.LONG
                        ? Values.toDecimal(v, t).setScale(t.scale(), RoundingMode.UNNECESSARY).unscaledValue().longValueExact() : null;
            }
            return switch (t.kind()) {
                case SMALLINT, INTEGER, BIGINT -> ((Number) v).longValue();
                case REAL -> ((Number) v).floatValue();
                case DOUBLE -> ((Number) v).doubleValue();
                default -> null;
            };
        } catch (ArithmeticException | ClassCastException e2) {
            return null;
        }
    }

    /** Whether the kernels compute {@code left op right} of result type {@code type}. */
    public static boolean supports(ArithOp op, SqlType left, SqlType right, SqlType type) {
        if (type.isDecimal()) {
            if (type.physical() != PhysicalType.LONG || !left.isDecimal() || !right.isDecimal()
                    || left.physical() != PhysicalType.LONG || right.physical() != PhysicalType.LONG) {
                return false;
            }
            return switch (op) {
                case ADD, SUBTRACT -> left.scale() <= type.scale() && right.scale() <= type.scale();
                case MULTIPLY -> left.scale() + right.scale() == type.scale();
                case DIVIDE -> true;
                case MODULO -> false;
            };
        }
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> left.equals(type) && right.equals(type);
            default -> false;
        };
    }

    public ArithOp op() {
        return op;
    }

    public Expr left() {
        return left;
    }

    public Expr right() {
        return right;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        FieldVector a = null;
        FieldVector b = null;
        // the kernels write every value (a NULL row's slot as garbage, as a gather does), or none
        // where every row is NULL: the value buffer need not be zeroed first
        FieldVector out = Vectors.allocateToOverwrite(ctx.memory(), type, n);
        try {
            a = leftConstant != null ? null : left.eval(in, ctx);
            b = rightConstant != null ? null : right.eval(in, ctx);
            long[] validity = new long[Bitmaps.words(n)];
            MemorySegment o = Segs.values(out);
            if (type.isDecimal()) {
                decimal(a, b, o, validity, n, ctx);
            } else {
                MemorySegment x = a == null ? null : Segs.values(a);
                MemorySegment y = b == null ? null : Segs.values(b);
                MemorySegment vx = a == null ? null : Segs.validity(a);
                MemorySegment vy = b == null ? null : Segs.validity(b);
                long kx = leftConstant == null ? 0 : leftConstant.longValue();
                long ky = rightConstant == null ? 0 : rightConstant.longValue();
                switch (type.kind()) {
                    case SMALLINT -> ArithExecutor.shorts(op, x, (short) kx, vx, y, (short) ky, vy, o, validity, n);
                    case INTEGER -> ArithExecutor.ints(op, x, (int) kx, vx, y, (int) ky, vy, o, validity, n);
                    case BIGINT -> ArithExecutor.longs(op, x, kx, vx, y, ky, vy, o, validity, n);
                    case REAL -> ArithExecutor.floats(op, x, leftConstant == null ? 0f : leftConstant.floatValue(), vx,
                            y, rightConstant == null ? 0f : rightConstant.floatValue(), vy, o, validity, n);
                    case DOUBLE -> ArithExecutor.doubles(op, x, leftConstant == null ? 0d : leftConstant.doubleValue(), vx,
                            y, rightConstant == null ? 0d : rightConstant.doubleValue(), vy, o, validity, n);
                    default -> throw new IllegalStateException("no arithmetic kernel for " + type);
                }
                if (type.kind() == TypeKind.REAL || type.kind() == TypeKind.DOUBLE) {
                    checkFloats(x, y, o, validity, n, type.kind() == TypeKind.REAL);
                }
            }
            writeValidity(out, validity, n);
            out.setValueCount(n);
            FieldVector done = out;
            out = null;
            return done;
        } finally {
            Vectors.closeAll(Arrays.asList(a, b, out));
        }
    }

    private void decimal(FieldVector a, FieldVector b, MemorySegment o, long[] validity, int n, ExecContext ctx) {
        SqlType lt = left.type();
        SqlType rt = right.type();
        long limit = DecimalArithScalar.maxUnscaled(type.precision());
        MemorySegment va = a == null ? null : Segs.validity(a);
        MemorySegment vb = b == null ? null : Segs.validity(b);
        switch (op) {
            case ADD, SUBTRACT -> {
                try (Scaled x = Scaled.of(a, leftConstant, type.scale() - lt.scale(), n, ctx);
                     Scaled y = Scaled.of(b, rightConstant, type.scale() - rt.scale(), n, ctx)) {
                    ArithExecutor.longs(op, x.values(), x.constant(), va, y.values(), y.constant(), vb, o, validity, n);
                }
            }
            case MULTIPLY -> ArithExecutor.decimalMultiply(a == null ? null : Segs.values(a), constant(leftConstant), va,
                    b == null ? null : Segs.values(b), constant(rightConstant), vb, limit, o, validity, n);
            case DIVIDE -> ArithExecutor.decimalDivide(a == null ? null : Segs.values(a), constant(leftConstant), lt.scale(), va,
                    b == null ? null : Segs.values(b), constant(rightConstant), rt.scale(), vb, type.scale(), limit, o, validity, n);
            case MODULO -> throw new IllegalStateException("decimal % has no kernel");
        }
    }

    private static long constant(Number k) {
        return k == null ? 0L : k.longValue();
    }

    /**
     * A decimal operand raised by {@code k} digits of scale (itself when k = 0): a column, or a
     * constant already raised.
     */
    private record Scaled(MemorySegment values, long constant, FieldVector owned) implements AutoCloseable {
        static Scaled of(FieldVector v, Number constant, int k, int n, ExecContext ctx) {
            if (v == null) {
                return new Scaled(null, constant.longValue(), null); // raised when the expression was made
            }
            if (k == 0) {
                return new Scaled(Segs.values(v), 0L, null);
            }
            FieldVector out = Vectors.allocate(ctx.memory(), SqlType.BIGINT, n);
            ArithExecutor.decimalRescaleUp(Segs.values(v), Segs.validity(v), k, Long.MAX_VALUE,
                    Segs.values(out), new long[Bitmaps.words(n)], n);
            return new Scaled(Segs.values(out), 0L, out);
        }

        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /**
     * Postgres fails floating-point division by zero (22012) and overflow to infinity from finite
     * operands (22003) where IEEE arithmetic would give infinities; checked after the kernel ran.
     */
    private void checkFloats(MemorySegment x, MemorySegment y, MemorySegment o, long[] validity, int n, boolean real) {
        for (int i = 0; i < n; i++) {
            if (!Bitmaps.get(validity, i)) {
                continue;
            }
            double a = x == null ? leftConstant.doubleValue()
                    : real ? x.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) : x.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
            double b = y == null ? rightConstant.doubleValue()
                    : real ? y.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) : y.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
            double r = real ? o.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) : o.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
            if ((op == ArithOp.DIVIDE || op == ArithOp.MODULO) && b == 0) {
                throw new BlueshiftException(ErrorCode.DIVISION_BY_ZERO);
            }
            if (Double.isInfinite(r) && Double.isFinite(a) && Double.isFinite(b)) {
                throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                        "value out of range: overflow; " + (real ? "real" : "double precision"));
            }
        }
    }

    /** Copies validity words into the vector's validity buffer. */
    static void writeValidity(FieldVector out, long[] validity, int n) {
        Vectors.writeBits(QueryMemory.segment(out.getValidityBuffer()), validity, n);
    }

    @Override
    public String sql(List<String> columns) {
        return SqlText.operand(left, columns) + " " + SqlText.symbol(op) + " " + SqlText.operand(right, columns);
    }

    @Override
    public String toString() {
        return "(" + left + " " + op + " " + right + ")";
    }
}
