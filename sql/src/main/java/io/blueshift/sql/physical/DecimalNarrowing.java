package io.blueshift.sql.physical;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.ZoneMap;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.CaseExpr;
import io.blueshift.executor.expr.CastExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.executor.expr.WideDecimalExpr;
import io.blueshift.executor.op.FilterOp;
import io.blueshift.executor.op.GatherOp;
import io.blueshift.executor.op.HashJoinOp;
import io.blueshift.executor.op.JoinKind;
import io.blueshift.executor.op.MeteredOp;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.ProjectOp;
import io.blueshift.executor.op.ScanOp;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.storage.table.MemTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Decimal products and sums that an aggregate sums, computed in 64 bits where the values of the
 * columns they read prove that the result fits 18 digits. SQL types a product by the digits its
 * operands could have: {@code l_extendedprice * (1 - l_discount)} is DECIMAL(32,4), a 128-bit
 * value a row, though with TPC-H's prices (at most 104,949.50) and discounts it never exceeds 11
 * digits. The bounds come from the zone maps of the table versions the run reads (each chunk's
 * least and greatest value, so a run never sees a value outside them), followed from a column of
 * the aggregate's input down through projections, filters, joins and gathers to its table, and
 * through constants, casts that keep the scale, sums, differences and products. A narrowed
 * expression keeps its scale (DECIMAL(18, s)) and only the aggregate reads it: SUM and AVG take a
 * 64-bit argument into their 128-bit sums as they do a DECIMAL(15,2) column's, so the aggregate's
 * result type is the query's own. Where a bound is unknown or too large the expression stays as
 * it was, with whatever parts of it could be narrowed.
 */
final class DecimalNarrowing {
    private DecimalNarrowing() {
    }

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(SqlType.MAX_LONG_DECIMAL_PRECISION);

    /** The least and greatest value an expression takes (NULLs aside). */
    record Bounds(BigDecimal lo, BigDecimal hi) {
        static Bounds of(BigDecimal a, BigDecimal b, BigDecimal c, BigDecimal d) {
            return new Bounds(a.min(b).min(c).min(d), a.max(b).max(c).max(d));
        }

        /** Whether every value in these bounds has fewer than 19 digits at scale {@code scale}. */
        boolean fits(int scale) {
            return lo.abs().max(hi.abs()).movePointRight(scale).compareTo(LIMIT) < 0;
        }
    }

    /**
     * {@code input} with its projection's expressions at {@code columns} (those only SUM and AVG
     * read) narrowed where they can be; {@code input} itself where none changes.
     */
    static PhysicalOperator narrowed(PhysicalOperator input, Set<Integer> columns, ExecContext ctx) {
        if (input instanceof MeteredOp.Plan m) {
            PhysicalOperator inner = narrowed(m.inner(), columns, ctx);
            return inner == m.inner() ? input : new MeteredOp.Plan(inner);
        }
        if (!(input instanceof ProjectOp.Plan p) || columns.isEmpty()) {
            return input;
        }
        List<Expr> exprs = new ArrayList<>(p.exprs());
        boolean changed = false;
        // each column's bounds once (a pass over its table's zone maps), though expressions and
        // their parts ask again as they narrow bottom up
        Map<Integer, Optional<Bounds>> seen = new HashMap<>();
        IntFunction<Bounds> below = c -> seen.computeIfAbsent(c,
                k -> Optional.ofNullable(columnBounds(p.input(), k, ctx))).orElse(null);
        for (int c : columns) {
            Expr e = exprs.get(c);
            Expr n = narrow(e, below);
            if (n != e) {
                exprs.set(c, n);
                changed = true;
            }
        }
        return changed ? new ProjectOp.Plan(p.input(), exprs) : input;
    }

    /** {@code e} with its 128-bit decimal arithmetic in 64 bits where the bounds allow, bottom up. */
    static Expr narrow(Expr e, IntFunction<Bounds> columns) {
        if (e instanceof CaseExpr c) {
            return narrowCase(c, columns);
        }
        if (!(e instanceof WideDecimalExpr w)) {
            return e;
        }
        Expr left = narrow(w.left(), columns);
        Expr right = narrow(w.right(), columns);
        SqlType narrow = SqlType.decimal(SqlType.MAX_LONG_DECIMAL_PRECISION, w.type().scale());
        Bounds b = bounds(e, columns);
        if (b != null && b.fits(narrow.scale()) && operandsFit(w, columns, narrow.scale())
                && ArithExpr.supports(w.op(), left.type(), right.type(), narrow)) {
            return new ArithExpr(w.op(), left, right, narrow);
        }
        return left == w.left() && right == w.right() ? e : new WideDecimalExpr(w.op(), left, right, w.type());
    }

    /**
     * Whether the operands of a sum or difference fit 18 digits at the result's scale, to which
     * the 64-bit kernel brings them before adding: bounds of a sum may fit where its operands do
     * not ({@code a - b} of two equal large values). A product's operands are not rescaled.
     */
    private static boolean operandsFit(WideDecimalExpr w, IntFunction<Bounds> columns, int scale) {
        if (w.op() == ArithOp.MULTIPLY) {
            return true;
        }
        Bounds a = bounds(w.left(), columns);
        Bounds b = bounds(w.right(), columns);
        return a != null && b != null && a.fits(scale) && b.fits(scale);
    }

    /**
     * A CASE of 128-bit decimals whose every branch narrows (TPC-H Q8's and Q14's
     * {@code sum(CASE WHEN .. THEN l_extendedprice * (1 - l_discount) ELSE 0 END)}) as a CASE of
     * 64-bit ones, the constants and the narrower scales brought to its scale; else {@code c}.
     */
    private static Expr narrowCase(CaseExpr c, IntFunction<Bounds> columns) {
        SqlType type = c.type();
        if (!type.isDecimal() || type.precision() <= SqlType.MAX_LONG_DECIMAL_PRECISION) {
            return c;
        }
        SqlType narrow = SqlType.decimal(SqlType.MAX_LONG_DECIMAL_PRECISION, type.scale());
        Bounds b = bounds(c, columns);
        if (b == null || !b.fits(narrow.scale())) {
            return c;
        }
        List<Expr> values = new ArrayList<>();
        for (Expr v : c.values()) {
            Expr n = branch(v, narrow, columns);
            if (n == null) {
                return c;
            }
            values.add(n);
        }
        Expr otherwise = c.otherwise() == null ? null : branch(c.otherwise(), narrow, columns);
        if (c.otherwise() != null && otherwise == null) {
            return c;
        }
        return new CaseExpr(c.conditions(), values, otherwise, narrow);
    }

    /** A branch of a narrowed CASE as a 64-bit decimal of {@code narrow}'s scale, or null where it stays wider. */
    private static Expr branch(Expr v, SqlType narrow, IntFunction<Bounds> columns) {
        if (v instanceof LiteralExpr l) {
            return l.value() == null ? new LiteralExpr(null, narrow)
                    : l.value() instanceof Number n ? new LiteralExpr(decimal(n).setScale(narrow.scale()), narrow) : null;
        }
        Expr n = narrow(v, columns);
        boolean long64 = n.type().isDecimal() && n.type().precision() <= SqlType.MAX_LONG_DECIMAL_PRECISION;
        return long64 && n.type().scale() <= narrow.scale() ? CastExpr.create(n, narrow) : null;
    }

    /** The bounds of {@code e}'s values, or null where they are not known. */
    static Bounds bounds(Expr e, IntFunction<Bounds> columns) {
        return switch (e) {
            case ColumnExpr c -> columns.apply(c.index());
            case LiteralExpr l -> l.value() instanceof Number n && decimalOrInteger(l.type())
                    ? new Bounds(decimal(n), decimal(n)) : null;
            case CastExpr c -> decimalOrInteger(c.type()) && decimalOrInteger(c.input().type())
                    && c.type().scale() >= c.input().type().scale() ? bounds(c.input(), columns) : null;
            case ArithExpr a -> arith(a.op(), a.left(), a.right(), columns);
            case WideDecimalExpr w -> arith(w.op(), w.left(), w.right(), columns);
            case CaseExpr c -> caseBounds(c, columns);
            default -> null;
        };
    }

    /** The bounds of all of a CASE's branches (an ELSE that is missing or NULL adds none). */
    private static Bounds caseBounds(CaseExpr c, IntFunction<Bounds> columns) {
        List<Expr> branches = new ArrayList<>(c.values());
        if (c.otherwise() != null && !(c.otherwise() instanceof LiteralExpr l && l.value() == null)) {
            branches.add(c.otherwise());
        }
        Bounds all = null;
        for (Expr v : branches) {
            if (v instanceof LiteralExpr l && l.value() == null) {
                continue;
            }
            Bounds b = bounds(v, columns);
            if (b == null) {
                return null;
            }
            all = all == null ? b : Bounds.of(all.lo, all.hi, b.lo, b.hi);
        }
        return all;
    }

    private static Bounds arith(ArithOp op, Expr left, Expr right, IntFunction<Bounds> columns) {
        Bounds a = bounds(left, columns);
        Bounds b = a == null ? null : bounds(right, columns);
        if (b == null) {
            return null;
        }
        return switch (op) {
            case ADD -> new Bounds(a.lo.add(b.lo), a.hi.add(b.hi));
            case SUBTRACT -> new Bounds(a.lo.subtract(b.hi), a.hi.subtract(b.lo));
            case MULTIPLY -> Bounds.of(a.lo.multiply(b.lo), a.lo.multiply(b.hi), a.hi.multiply(b.lo), a.hi.multiply(b.hi));
            default -> null;
        };
    }

    private static boolean decimalOrInteger(SqlType t) {
        return t.isDecimal() || switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> true;
            default -> false;
        };
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
    }

    /**
     * The bounds of column {@code column} of {@code plan}'s rows: those of the table column it
     * reads unchanged, from the zone maps of the version the run reads; null where it is
     * computed, or its table keeps no range for it.
     */
    static Bounds columnBounds(PhysicalOperator plan, int column, ExecContext ctx) {
        return switch (plan) {
            case MeteredOp.Plan m -> columnBounds(m.inner(), column, ctx);
            case GatherOp.Plan g -> g.inputs().isEmpty() ? null : gathered(g, column, ctx);
            case FilterOp.Plan f -> columnBounds(f.input(), f.columns() == null ? column : f.columns()[column], ctx);
            case ProjectOp.Plan p -> bounds(p.exprs().get(column), c -> columnBounds(p.input(), c, ctx));
            case HashJoinOp.Plan j -> {
                int joined = j.output() == null ? column : j.output()[column];
                int width = j.left().types().size();
                boolean leftOnly = j.kind() == JoinKind.SEMI || j.kind() == JoinKind.ANTI;
                yield joined < width ? columnBounds(j.left(), joined, ctx)
                        : leftOnly ? null : columnBounds(j.right(), joined - width, ctx);
            }
            case ScanOp.Plan s -> s.table() == null ? null : tableBounds(s.table(), s.columns()[column], s.types().get(column), ctx);
            default -> null;
        };
    }

    /** The bounds of a column over all the inputs of a gather (each a state of a plan, or a part of one). */
    private static Bounds gathered(GatherOp.Plan g, int column, ExecContext ctx) {
        Bounds all = null;
        for (PhysicalOperator input : g.inputs()) {
            Bounds b = columnBounds(input, column, ctx);
            if (b == null) {
                return null;
            }
            all = all == null ? b : Bounds.of(all.lo, all.hi, b.lo, b.hi);
        }
        return all;
    }

    /** The least and greatest non-NULL values of a decimal or integer column of {@code table}, from its chunks' zone maps. */
    private static Bounds tableBounds(MemTable table, int column, SqlType type, ExecContext ctx) {
        if (!decimalOrInteger(type) || (type.isDecimal() && type.precision() > SqlType.MAX_LONG_DECIMAL_PRECISION)) {
            return null;
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Batch chunk : ctx.version(table).chunks()) {
            ZoneMap zone = table.zone(chunk, column);
            if (zone == null) {
                return null;
            }
            if (zone.hasRange()) {
                lo = Math.min(lo, zone.min());
                hi = Math.max(hi, zone.max());
            } else if (zone.nullCount() < chunk.rowCount()) {
                return null; // values without a range
            }
        }
        if (lo > hi) {
            return null;
        }
        int scale = type.isDecimal() ? type.scale() : 0;
        return new Bounds(BigDecimal.valueOf(lo, scale), BigDecimal.valueOf(hi, scale));
    }
}
