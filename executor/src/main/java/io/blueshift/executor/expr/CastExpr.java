package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.arith.ArithExecutor;
import io.blueshift.kernels.arith.Decimal128Arith;
import io.blueshift.kernels.arith.DecimalArithScalar;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * CAST on the fast path: widening integers, integers and 64-bit decimals to floating point,
 * raising a 64-bit decimal's scale, and integers and decimals to 128-bit decimals (any scale), as
 * loops over the buffers. Everything else (text, narrowing,
 * dates) goes value by value through {@link Conversions} ({@link #create} picks).
 */
public final class CastExpr implements Expr {
    private final Expr input;
    private final SqlType type;

    private CastExpr(Expr input, SqlType type) {
        this.input = input;
        this.type = type;
    }

    /** The cheapest expression computing CAST(input AS type). */
    public static Expr create(Expr input, SqlType type) {
        SqlType from = input.type();
        if (from.equals(type)) {
            return input;
        }
        Object k = input.constantValue();
        if (k != NOT_CONSTANT) {
            return new LiteralExpr(Conversions.convert(k, type), type);
        }
        if (fast(from, type)) {
            return new CastExpr(input, type);
        }
        if (from.kind() == TypeKind.CHAR && (type.kind() == TypeKind.VARCHAR || type.kind() == TypeKind.TEXT)) {
            // Postgres: the padding of char(n) is not part of the value; casting drops it.
            return new RowExpr("cast", args -> Conversions.convert(((String) args[0]).stripTrailing(), type),
                    List.of(input), type, true);
        }
        if (from.kind() == TypeKind.VARCHAR && type.kind() == TypeKind.TEXT
                || from.kind() == TypeKind.TEXT && type.kind() == TypeKind.VARCHAR && type.length() == 0) {
            return new Retyped(input, type);
        }
        return new RowExpr("cast", args -> Conversions.convert(args[0], type), List.of(input), type, true);
    }

    private static boolean fast(SqlType from, SqlType to) {
        boolean fromInt = from.kind() == TypeKind.SMALLINT || from.kind() == TypeKind.INTEGER || from.kind() == TypeKind.BIGINT;
        boolean fromLongDecimal = from.isDecimal() && from.physical() == PhysicalType.LONG;
        return switch (to.kind()) {
            case INTEGER -> from.kind() == TypeKind.SMALLINT;
            case BIGINT -> from.kind() == TypeKind.SMALLINT || from.kind() == TypeKind.INTEGER;
            case DOUBLE -> fromInt || fromLongDecimal || from.kind() == TypeKind.REAL;
            // to a 64-bit decimal the rescale checks each value against the precision (22003), so a
            // bigint cast to numeric(18,0) (TPC-H Q11's ps_availqty) needs no trip through BigDecimal
            case DECIMAL -> to.physical() == PhysicalType.LONG
                    ? fromLongDecimal && to.scale() >= from.scale() || fromInt
                    : from.isDecimal() || fromInt;
            case TIMESTAMP -> from.kind() == TypeKind.DATE;
            default -> false;
        };
    }

    /** The value cast. */
    public Expr input() {
        return input;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        try (FieldVector a = input.eval(in, ctx)) {
            FieldVector out = Vectors.allocate(ctx.memory(), type, n);
            try {
                convert(a, out, n);
                long[] validity = new long[Bitmaps.words(n)];
                MemorySegment va = Segs.validity(a);
                for (int w = 0; w < validity.length; w++) {
                    validity[w] = Bitmaps.validityWord(va, w, n);
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

    private void convert(FieldVector a, FieldVector out, int n) {
        SqlType from = input.type();
        MemorySegment x = Segs.values(a);
        MemorySegment o = Segs.values(out);
        if (type.isDecimal() && type.physical() != PhysicalType.LONG) {
            toWideDecimal(from, x, Segs.validity(a), o, n);
            return;
        }
        if (type.isDecimal()) {
            int k = type.scale() - (from.isDecimal() ? from.scale() : 0);
            MemorySegment src = x;
            if (!from.isDecimal() && from.kind() != TypeKind.BIGINT) {
                widenToLong(from, x, o, n);
                src = o;
            }
            ArithExecutor.decimalRescaleUp(src, Segs.validity(a), k, DecimalArithScalar.maxUnscaled(type.precision()),
                    o, new long[Bitmaps.words(n)], n);
            return;
        }
        if (type.kind() == TypeKind.DOUBLE) {
            double scale = from.isDecimal() ? Math.pow(10, from.scale()) : 1;
            for (int i = 0; i < n; i++) {
                double v = switch (from.kind()) {
                    case SMALLINT -> x.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
                    case INTEGER -> x.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                    case REAL -> x.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
                    case BIGINT -> x.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                    default -> x.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i) / scale;
                };
                o.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, v);
            }
            return;
        }
        if (type.kind() == TypeKind.BIGINT) {
            widenToLong(from, x, o, n);
            return;
        }
        if (type.kind() == TypeKind.TIMESTAMP) {
            // days since the epoch to microseconds since the epoch, midnight
            for (int i = 0; i < n; i++) {
                o.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, x.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) * 86_400_000_000L);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            o.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, x.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
        }
    }

    /**
     * An integer or a decimal of any width to a 128-bit decimal: the values widened to 128 bits (a
     * NULL row's to zero), then rescaled, rounding half away from zero where the scale drops, and
     * checked against the type's precision.
     */
    private void toWideDecimal(SqlType from, MemorySegment x, MemorySegment validity, MemorySegment o, int n) {
        if (from.isDecimal() && from.physical() != PhysicalType.LONG) {
            MemorySegment.copy(x, 0, o, 0, 16L * n);
        } else {
            for (int i = 0; i < n; i++) {
                long v = switch (from.kind()) {
                    case SMALLINT -> x.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
                    case INTEGER -> x.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                    default -> x.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                };
                o.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i, v);
                o.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1, v >> 63);
            }
        }
        if (validity != null) {
            for (int i = 0; i < n; i++) {
                if (!Bitmaps.isValid(validity, i)) {
                    o.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i, 0);
                    o.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1, 0);
                }
            }
        }
        int k = type.scale() - (from.isDecimal() ? from.scale() : 0);
        if (Decimal128Arith.rescale(o, k, type.precision(), o, n)) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field for " + type.name());
        }
    }

    private static void widenToLong(SqlType from, MemorySegment x, MemorySegment o, int n) {
        if (from.kind() == TypeKind.SMALLINT) {
            for (int i = 0; i < n; i++) {
                o.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, x.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                o.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, x.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i));
            }
        }
    }

    /** A string reinterpreted as another unbounded string type: the bytes are the same. */
    private record Retyped(Expr input, SqlType type) implements Expr {
        @Override
        public FieldVector eval(Batch in, ExecContext ctx) {
            return input.eval(in, ctx);
        }

        @Override
        public String sql(List<String> columns) {
            return SqlText.cast(input, type, columns);
        }
    }

    @Override
    public String sql(List<String> columns) {
        return SqlText.cast(input, type, columns);
    }

    @Override
    public String toString() {
        return "CAST(" + input + " AS " + type + ")";
    }
}
