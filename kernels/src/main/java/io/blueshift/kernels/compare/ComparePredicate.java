package io.blueshift.kernels.compare;

import io.blueshift.kernels.compare.CompareOp.Kind;
import java.util.Arrays;

/**
 * One comparison, prepared once per query expression and then evaluated on every batch: the value
 * type, the shape (column against a constant, two columns, BETWEEN, IN-list) and the constants,
 * already turned into the keys the loops compare (float constants become {@link FloatKeys}).
 * Preparing it once keeps the kernels' signatures few and moves every per-call decision
 * (operator, negation, NaN constants) out of the loops.
 *
 * <p>BETWEEN is inclusive at both ends and not symmetric ({@code x BETWEEN 5 AND 1} is false), as
 * in SQL. An IN-list holds its non-null values; whether the SQL list also held a NULL is recorded
 * here for {@link Predicates}, which then answers NULL instead of FALSE for rows that match none.
 * The kernels test an IN-list value by value (one vector compare per listed value), which is the
 * fast way for the short lists SQL mostly has; a planner should send long lists (dozens of values)
 * to a hash-set probe instead.
 */
public final class ComparePredicate {
    final CompareType type;
    final Kind kind;
    final boolean negate;
    /** The constant (or BETWEEN's low bound) as a key; for DECIMAL128 its low half. */
    final long lo;
    /** BETWEEN's high bound as a key; for DECIMAL128 the constant's or low bound's high half. */
    final long hi;
    /**
     * IN-list keys; for DECIMAL128 low/high pairs. For a DECIMAL128 BETWEEN, the high bound as a
     * low/high pair.
     */
    final long[] keys;
    final boolean listHasNull;

    private ComparePredicate(CompareType type, Kind kind, boolean negate, long lo, long hi, long[] keys,
            boolean listHasNull) {
        this.type = type;
        this.kind = kind;
        this.negate = negate;
        this.lo = lo;
        this.hi = hi;
        this.keys = keys;
        this.listHasNull = listHasNull;
    }

    private static ComparePredicate constant(CompareType type, CompareOp op, long key, long high) {
        return new ComparePredicate(type, op.constantKind(), op.negates(), key, high, null, false);
    }

    private static ComparePredicate between(CompareType type, long lo, long hi) {
        return new ComparePredicate(type, Kind.BETWEEN, false, lo, hi, null, false);
    }

    private static ComparePredicate in(CompareType type, long[] keys, boolean listHasNull) {
        return new ComparePredicate(type, Kind.IN, false, 0, 0, keys, listHasNull);
    }

    /** {@code a op c} for a SMALLINT column. */
    public static ComparePredicate shortConstant(CompareOp op, short c) {
        return constant(CompareType.SHORT, op, c, 0);
    }

    /** {@code a op c} for an INTEGER or DATE column. */
    public static ComparePredicate intConstant(CompareOp op, int c) {
        return constant(CompareType.INT, op, c, 0);
    }

    /** {@code a op c} for a BIGINT, TIME, TIMESTAMP or DECIMAL(p <= 18) column. */
    public static ComparePredicate longConstant(CompareOp op, long c) {
        return constant(CompareType.LONG, op, c, 0);
    }

    /** {@code a op c} for a REAL column (Postgres order: NaN = NaN, NaN above all, -0.0 = 0.0). */
    public static ComparePredicate floatConstant(CompareOp op, float c) {
        return constant(CompareType.FLOAT, op, FloatKeys.floatKey(c), 0);
    }

    /** {@code a op c} for a DOUBLE PRECISION column (Postgres order as for REAL). */
    public static ComparePredicate doubleConstant(CompareOp op, double c) {
        return constant(CompareType.DOUBLE, op, FloatKeys.doubleKey(c), 0);
    }

    /** {@code a op c} for a DECIMAL(p > 18) column; the constant is its two's complement halves. */
    public static ComparePredicate decimal128Constant(CompareOp op, long low, long high) {
        return constant(CompareType.DECIMAL128, op, low, high);
    }

    /** {@code a op b} for two columns of the same type. */
    public static ComparePredicate columns(CompareType type, CompareOp op) {
        return new ComparePredicate(type, op.columnKind(), op.negates(), 0, 0, null, false);
    }

    public static ComparePredicate shortBetween(short lo, short hi) {
        return between(CompareType.SHORT, lo, hi);
    }

    public static ComparePredicate intBetween(int lo, int hi) {
        return between(CompareType.INT, lo, hi);
    }

    public static ComparePredicate longBetween(long lo, long hi) {
        return between(CompareType.LONG, lo, hi);
    }

    public static ComparePredicate floatBetween(float lo, float hi) {
        return between(CompareType.FLOAT, FloatKeys.floatKey(lo), FloatKeys.floatKey(hi));
    }

    public static ComparePredicate doubleBetween(double lo, double hi) {
        return between(CompareType.DOUBLE, FloatKeys.doubleKey(lo), FloatKeys.doubleKey(hi));
    }

    /** BETWEEN for DECIMAL(p > 18), each bound given as its low and high halves. */
    public static ComparePredicate decimal128Between(long loLow, long loHigh, long hiLow, long hiHigh) {
        return new ComparePredicate(CompareType.DECIMAL128, Kind.BETWEEN, false, loLow, loHigh,
                new long[] {hiLow, hiHigh}, false);
    }

    /** {@code a IN (values..., NULL if listHasNull)}. */
    public static ComparePredicate shortIn(short[] values, boolean listHasNull) {
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            keys[i] = values[i];
        }
        return in(CompareType.SHORT, keys, listHasNull);
    }

    public static ComparePredicate intIn(int[] values, boolean listHasNull) {
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            keys[i] = values[i];
        }
        return in(CompareType.INT, keys, listHasNull);
    }

    public static ComparePredicate longIn(long[] values, boolean listHasNull) {
        return in(CompareType.LONG, values.clone(), listHasNull);
    }

    public static ComparePredicate floatIn(float[] values, boolean listHasNull) {
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            keys[i] = FloatKeys.floatKey(values[i]);
        }
        return in(CompareType.FLOAT, keys, listHasNull);
    }

    public static ComparePredicate doubleIn(double[] values, boolean listHasNull) {
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            keys[i] = FloatKeys.doubleKey(values[i]);
        }
        return in(CompareType.DOUBLE, keys, listHasNull);
    }

    /** IN for DECIMAL(p > 18): {@code lowHighPairs} holds each value's low then high half. */
    public static ComparePredicate decimal128In(long[] lowHighPairs, boolean listHasNull) {
        if ((lowHighPairs.length & 1) != 0) {
            throw new IllegalArgumentException("DECIMAL128 IN-list needs low/high pairs");
        }
        return in(CompareType.DECIMAL128, lowHighPairs.clone(), listHasNull);
    }

    public CompareType type() {
        return type;
    }

    /** Whether this compares two columns (the kernels then read the second segment). */
    public boolean isColumns() {
        return switch (kind) {
            case EQ, LT, LE, BETWEEN, IN -> false;
            case COL_EQ, COL_LT, COL_LE -> true;
        };
    }

    /** Whether the SQL IN-list held a NULL, which makes non-matching rows NULL rather than FALSE. */
    public boolean listHasNull() {
        return listHasNull;
    }

    @Override
    public String toString() {
        return "ComparePredicate[" + type + " " + (negate ? "NOT " : "") + kind + " " + lo + ", " + hi
                + (keys == null ? "" : " " + Arrays.toString(keys)) + (listHasNull ? " +NULL" : "") + "]";
    }
}
