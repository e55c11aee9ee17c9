package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.arith.Int128;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.FieldVector;

/**
 * +, - and * with a DECIMAL result wider than 18 digits (128-bit values), as loops over the
 * operands' words without allocating: 64-bit products are exact through {@code Math.multiplyHigh},
 * and only a row whose operands do not both fit 64 bits goes through {@link BigInteger}. The result
 * is checked against the type's precision (22003). TPC-H's {@code price * (1 - discount) * (1 + tax)}
 * runs here.
 */
public final class WideDecimalExpr implements Expr {
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    private final ArithOp op;
    private final Expr left;
    private final Expr right;
    private final SqlType type;

    public WideDecimalExpr(ArithOp op, Expr left, Expr right, SqlType type) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.type = type;
    }

    /** Whether this class computes the operation: decimal operands, a 128-bit decimal result, scales that line up. */
    public static boolean supports(ArithOp op, SqlType l, SqlType r, SqlType type) {
        if (!type.isDecimal() || type.physical() == PhysicalType.LONG || !l.isDecimal() || !r.isDecimal()) {
            return false;
        }
        return switch (op) {
            case ADD, SUBTRACT -> l.scale() <= type.scale() && r.scale() <= type.scale();
            case MULTIPLY -> l.scale() + r.scale() == type.scale();
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
        try (FieldVector a = left.eval(in, ctx); FieldVector b = right.eval(in, ctx)) {
            FieldVector out = Vectors.allocateToOverwrite(ctx.memory(), type, n); // compute writes every row
            try {
                compute(a, b, out, n);
                long[] validity = new long[Bitmaps.words(n)];
                MemorySegment va = Segs.validity(a);
                MemorySegment vb = Segs.validity(b);
                for (int w = 0; w < validity.length; w++) {
                    validity[w] = Bitmaps.validityWord(va, w, n)
                            & Bitmaps.validityWord(vb, w, n);
                }
                ArithExpr.writeValidity(out, validity, n);
                out.setValueCount(n);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
    }

    private void compute(FieldVector a, FieldVector b, FieldVector out, int n) {
        SqlType lt = left.type();
        SqlType rt = right.type();
        boolean aWide = lt.physical() != PhysicalType.LONG;
        boolean bWide = rt.physical() != PhysicalType.LONG;
        MemorySegment x = Segs.values(a);
        MemorySegment y = Segs.values(b);
        MemorySegment o = Segs.values(out);
        MemorySegment va = Segs.validity(a);
        MemorySegment vb = Segs.validity(b);
        long scaleA = op == ArithOp.MULTIPLY ? 1 : pow10(type.scale() - lt.scale());
        long scaleB = op == ArithOp.MULTIPLY ? 1 : pow10(type.scale() - rt.scale());
        int precision = type.precision();
        boolean nulls = va != null || vb != null;
        if (op == ArithOp.MULTIPLY && !nulls && !bWide) {
            multiplyByNarrow(x, aWide, y, o, n, precision);
            return;
        }
        for (int i = 0; i < n; i++) {
            if (nulls && (!Bitmaps.isValid(va, i) || !Bitmaps.isValid(vb, i))) {
                o.setAtIndex(L, 2L * i, 0);
                o.setAtIndex(L, 2L * i + 1, 0);
                continue;
            }
            long xl = aWide ? x.getAtIndex(L, 2L * i) : x.getAtIndex(L, i);
            long xh = aWide ? x.getAtIndex(L, 2L * i + 1) : xl >> 63;
            long yl = bWide ? y.getAtIndex(L, 2L * i) : y.getAtIndex(L, i);
            long yh = bWide ? y.getAtIndex(L, 2L * i + 1) : yl >> 63;
            boolean xSmall = xh == (xl >> 63);
            boolean ySmall = yh == (yl >> 63);
            if (op == ArithOp.MULTIPLY && xSmall && ySmall) {
                store(o, i, Math.multiplyHigh(xl, yl), xl * yl, precision);
            } else if (op != ArithOp.MULTIPLY && xSmall && ySmall && scaleA == 1 && scaleB == 1) {
                long yl2 = op == ArithOp.SUBTRACT ? -yl : yl;
                long yh2 = op == ArithOp.SUBTRACT ? (yl == Long.MIN_VALUE ? 0 : yl2 >> 63) : yh;
                long rl = xl + yl2;
                long rh = xh + yh2 + (Long.compareUnsigned(rl, xl) < 0 ? 1 : 0);
                if (op == ArithOp.SUBTRACT && yl == Long.MIN_VALUE) {
                    rh = xh + (Long.compareUnsigned(rl, xl) < 0 ? 1 : 0);
                }
                store(o, i, rh, rl, precision);
            } else {
                BigInteger bx = big(xh, xl).multiply(BigInteger.valueOf(scaleA));
                BigInteger by = big(yh, yl).multiply(BigInteger.valueOf(scaleB));
                storeBig(o, i, switch (op) {
                    case ADD -> bx.add(by);
                    case SUBTRACT -> bx.subtract(by);
                    default -> bx.multiply(by);
                }, precision);
            }
        }
    }

    /**
     * The loop of {@link #compute} for its common case, a product with a 64-bit right operand and
     * no NULLs (TPC-H Q1's {@code price * (1 - discount)} and its product with {@code 1 + tax}):
     * no per-row test of the operands' kinds or NULLs, and the exact path of a left operand that
     * needs more than 64 bits taken row by row as in the general loop.
     */
    private static void multiplyByNarrow(MemorySegment x, boolean aWide, MemorySegment y, MemorySegment o, int n,
                                         int precision) {
        for (int i = 0; i < n; i++) {
            long xl = aWide ? x.getAtIndex(L, 2L * i) : x.getAtIndex(L, i);
            long xh = aWide ? x.getAtIndex(L, 2L * i + 1) : xl >> 63;
            long yl = y.getAtIndex(L, i);
            if (xh == (xl >> 63)) {
                store(o, i, Math.multiplyHigh(xl, yl), xl * yl, precision);
            } else {
                storeBig(o, i, big(xh, xl).multiply(BigInteger.valueOf(yl)), precision);
            }
        }
    }

    /** Writes row {@code i}'s 128-bit result {@code high:low}, 22003 when it has more digits than {@code precision}. */
    private static void store(MemorySegment o, int i, long high, long low, int precision) {
        // a result of 64 bits fits: a 128-bit decimal has a precision of 19 digits or more
        if (high != (low >> 63) && !Int128.fitsPrecision(high, low, precision)) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric");
        }
        o.setAtIndex(L, 2L * i, low);
        o.setAtIndex(L, 2L * i + 1, high);
    }

    /** {@link #store} of a result computed exactly, 22003 past 127 bits. */
    private static void storeBig(MemorySegment o, int i, BigInteger r, int precision) {
        if (r.bitLength() > 127) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric");
        }
        store(o, i, r.shiftRight(64).longValue(), r.longValue(), precision);
    }

    private static BigInteger big(long high, long low) {
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }

    @Override
    public String sql(List<String> columns) {
        return SqlText.operand(left, columns) + " " + SqlText.symbol(op) + " " + SqlText.operand(right, columns);
    }

    @Override
    public String toString() {
        return op.name().toLowerCase(Locale.ROOT) + "128(" + left + ", " + right + ")";
    }
}
