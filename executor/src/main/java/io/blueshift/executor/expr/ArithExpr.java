package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
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
import java.util.Arrays;
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

    public ArithExpr(ArithOp op, Expr left, Expr right, SqlType type) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.type = type;
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

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        FieldVector a = null;
        FieldVector b = null;
        FieldVector out = Vectors.allocate(ctx.memory(), type, n);
        try {
            a = left.eval(in, ctx);
            b = right.eval(in, ctx);
            long[] validity = new long[Bitmaps.words(n)];
            MemorySegment o = Segs.values(out);
            if (type.isDecimal()) {
                decimal(a, b, o, validity, n, ctx);
            } else {
                MemorySegment x = Segs.values(a);
                MemorySegment y = Segs.values(b);
                MemorySegment vx = Segs.validity(a);
                MemorySegment vy = Segs.validity(b);
                switch (type.kind()) {
                    case SMALLINT -> ArithExecutor.shorts(op, x, (short) 0, vx, y, (short) 0, vy, o, validity, n);
                    case INTEGER -> ArithExecutor.ints(op, x, 0, vx, y, 0, vy, o, validity, n);
                    case BIGINT -> ArithExecutor.longs(op, x, 0L, vx, y, 0L, vy, o, validity, n);
                    case REAL -> ArithExecutor.floats(op, x, 0f, vx, y, 0f, vy, o, validity, n);
                    case DOUBLE -> ArithExecutor.doubles(op, x, 0d, vx, y, 0d, vy, o, validity, n);
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
        switch (op) {
            case ADD, SUBTRACT -> {
                try (Scaled x = Scaled.of(a, type.scale() - lt.scale(), n, ctx);
                     Scaled y = Scaled.of(b, type.scale() - rt.scale(), n, ctx)) {
                    ArithExecutor.longs(op, x.values(), 0L, Segs.validity(a), y.values(), 0L, Segs.validity(b), o, validity, n);
                }
            }
            case MULTIPLY -> ArithExecutor.decimalMultiply(Segs.values(a), 0L, Segs.validity(a), Segs.values(b), 0L,
                    Segs.validity(b), limit, o, validity, n);
            case DIVIDE -> ArithExecutor.decimalDivide(Segs.values(a), 0L, lt.scale(), Segs.validity(a),
                    Segs.values(b), 0L, rt.scale(), Segs.validity(b), type.scale(), limit, o, validity, n);
            case MODULO -> throw new IllegalStateException("decimal % has no kernel");
        }
    }

    /** A decimal column raised by {@code k} digits of scale (itself when k = 0). */
    private record Scaled(MemorySegment values, FieldVector owned) implements AutoCloseable {
        static Scaled of(FieldVector v, int k, int n, ExecContext ctx) {
            if (k == 0) {
                return new Scaled(Segs.values(v), null);
            }
            FieldVector out = Vectors.allocate(ctx.memory(), SqlType.BIGINT, n);
            ArithExecutor.decimalRescaleUp(Segs.values(v), Segs.validity(v), k, Long.MAX_VALUE,
                    Segs.values(out), new long[Bitmaps.words(n)], n);
            return new Scaled(Segs.values(out), out);
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
            double a = real ? x.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) : x.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
            double b = real ? y.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) : y.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
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
        MemorySegment v = QueryMemory.segment(out.getValidityBuffer());
        int words = Bitmaps.words(n);
        for (int w = 0; w < words; w++) {
            long bits = validity[w] & Bitmaps.tailMask(w, n);
            int bytes = Math.min(8, (int) (v.byteSize() - ((long) w << 3)));
            if (bytes == 8) {
                v.set(ValueLayout.JAVA_LONG_UNALIGNED, (long) w << 3, bits);
            } else {
                for (int i = 0; i < bytes; i++) {
                    v.set(ValueLayout.JAVA_BYTE, ((long) w << 3) + i, (byte) (bits >>> (i << 3)));
                }
            }
        }
    }

    @Override
    public String toString() {
        return "(" + left + " " + op + " " + right + ")";
    }
}
