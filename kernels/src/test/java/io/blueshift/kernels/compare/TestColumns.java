package io.blueshift.kernels.compare;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.Random;

/** Random columns with many ties and every extreme value, and a plain-Java order to check against. */
final class TestColumns {
    private static final short[] SHORTS = {Short.MIN_VALUE, Short.MAX_VALUE, 0, -1, 1, 2, 3};
    private static final int[] INTS = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, 2, 3};
    private static final long[] LONGS = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, 2, 3};
    private static final float[] FLOATS = {Float.NaN, Float.intBitsToFloat(0xFFC00001), Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
        1.0f, -1.0f, 2.5f};
    private static final double[] DOUBLES = {Double.NaN, Double.longBitsToDouble(0xFFF8000000000123L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 2.5};
    private static final long[][] DECIMALS = {{0, Long.MIN_VALUE}, {-1, Long.MAX_VALUE}, {0, 0}, {-1, -1},
        {1, 0}, {-1, 0}, {0, 1}, {Long.MIN_VALUE, 0}, {Long.MAX_VALUE, 0}, {Long.MIN_VALUE, -1}};

    private TestColumns() {
    }

    static final CompareType[] TYPES = CompareType.values();

    /** {@code n} random values of {@code type}, half from the extremes list, half small or anything. */
    static MemorySegment random(Arena arena, CompareType type, int n, Random random) {
        MemorySegment s = arena.allocate(Math.max(1, (long) n * type.byteWidth()), 16);
        for (int i = 0; i < n; i++) {
            set(s, type, i, random);
        }
        return s;
    }

    static void set(MemorySegment s, CompareType type, int i, Random r) {
        boolean pool = r.nextBoolean();
        switch (type) {
            case SHORT -> s.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i,
                    pool ? SHORTS[r.nextInt(SHORTS.length)] : (short) r.nextInt());
            case INT -> s.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, pool ? INTS[r.nextInt(INTS.length)] : r.nextInt());
            case LONG -> s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i,
                    pool ? LONGS[r.nextInt(LONGS.length)] : r.nextLong());
            case FLOAT -> s.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i,
                    pool ? FLOATS[r.nextInt(FLOATS.length)] : Float.intBitsToFloat(r.nextInt()));
            case DOUBLE -> s.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i,
                    pool ? DOUBLES[r.nextInt(DOUBLES.length)] : Double.longBitsToDouble(r.nextLong()));
            case DECIMAL128 -> {
                long[] v = pool ? DECIMALS[r.nextInt(DECIMALS.length)] : new long[] {r.nextLong(), r.nextLong() >> 60};
                s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i, v[0]);
                s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1, v[1]);
            }
        }
    }

    /** Plain-Java SQL order of row {@code i} of {@code a} against row {@code j} of {@code b}. */
    static int compare(CompareType type, MemorySegment a, int i, MemorySegment b, int j) {
        return switch (type) {
            case SHORT -> Short.compare(a.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i),
                    b.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, j));
            case INT -> Integer.compare(a.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i),
                    b.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, j));
            case LONG -> Long.compare(a.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i),
                    b.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, j));
            case FLOAT -> postgresCompare(a.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i),
                    b.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, j));
            case DOUBLE -> postgresCompare(a.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i),
                    b.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, j));
            case DECIMAL128 -> decimal(a, i).compareTo(decimal(b, j));
        };
    }

    /** Postgres float order: NaN equals NaN and is above everything, -0.0 equals 0.0. */
    static int postgresCompare(double x, double y) {
        if (Double.isNaN(x)) {
            return Double.isNaN(y) ? 0 : 1;
        }
        if (Double.isNaN(y)) {
            return -1;
        }
        return x < y ? -1 : x == y ? 0 : 1;
    }

    static BigInteger decimal(MemorySegment s, int i) {
        long low = s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i);
        long high = s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1);
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    /** {@code a op c}, with the constant taken from row {@code j} of {@code c}. */
    static ComparePredicate constant(CompareType type, CompareOp op, MemorySegment c, int j) {
        return switch (type) {
            case SHORT -> ComparePredicate.shortConstant(op, c.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, j));
            case INT -> ComparePredicate.intConstant(op, c.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, j));
            case LONG -> ComparePredicate.longConstant(op, c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, j));
            case FLOAT -> ComparePredicate.floatConstant(op, c.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, j));
            case DOUBLE -> ComparePredicate.doubleConstant(op, c.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, j));
            case DECIMAL128 -> ComparePredicate.decimal128Constant(op,
                    c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * j),
                    c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * j + 1));
        };
    }

    /** BETWEEN rows {@code lo} and {@code hi} of {@code c}. */
    static ComparePredicate between(CompareType type, MemorySegment c, int lo, int hi) {
        return switch (type) {
            case SHORT -> ComparePredicate.shortBetween(c.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, lo),
                    c.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, hi));
            case INT -> ComparePredicate.intBetween(c.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, lo),
                    c.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, hi));
            case LONG -> ComparePredicate.longBetween(c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, lo),
                    c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, hi));
            case FLOAT -> ComparePredicate.floatBetween(c.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, lo),
                    c.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, hi));
            case DOUBLE -> ComparePredicate.doubleBetween(c.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, lo),
                    c.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, hi));
            case DECIMAL128 -> ComparePredicate.decimal128Between(
                    c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * lo), c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * lo + 1),
                    c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * hi), c.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * hi + 1));
        };
    }

    /** IN (rows 0..count-1 of {@code c}, NULL if {@code listHasNull}). */
    static ComparePredicate in(CompareType type, MemorySegment c, int count, boolean listHasNull) {
        return switch (type) {
            case SHORT -> ComparePredicate.shortIn(c.asSlice(0, 2L * count).toArray(ValueLayout.JAVA_SHORT_UNALIGNED),
                    listHasNull);
            case INT -> ComparePredicate.intIn(c.asSlice(0, 4L * count).toArray(ValueLayout.JAVA_INT_UNALIGNED), listHasNull);
            case LONG -> ComparePredicate.longIn(c.asSlice(0, 8L * count).toArray(ValueLayout.JAVA_LONG_UNALIGNED),
                    listHasNull);
            case FLOAT -> ComparePredicate.floatIn(c.asSlice(0, 4L * count).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED),
                    listHasNull);
            case DOUBLE -> ComparePredicate.doubleIn(c.asSlice(0, 8L * count).toArray(ValueLayout.JAVA_DOUBLE_UNALIGNED),
                    listHasNull);
            case DECIMAL128 -> ComparePredicate.decimal128In(
                    c.asSlice(0, 16L * count).toArray(ValueLayout.JAVA_LONG_UNALIGNED), listHasNull);
        };
    }
}
