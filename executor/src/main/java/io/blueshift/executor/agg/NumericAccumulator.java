package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Values;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.Segs;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.arith.Int128;
import io.blueshift.kernels.group.GroupAggregator;
import io.blueshift.kernels.group.GroupStates;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/**
 * COUNT, SUM, AVG, MIN and MAX of numbers, dates and times on the grouped-aggregation kernels.
 * Integers, 64-bit decimals, dates and timestamps are summed and compared as longs (narrower
 * columns are widened a batch at a time), with exact 128-bit sums; REAL and DOUBLE as doubles.
 */
public final class NumericAccumulator implements Accumulator {
    private final AggCall call;
    private final int arg;
    private final boolean floating;
    private final QueryMemory memory;
    private final GroupAggregator kernels = new GroupAggregator();
    private final BatchGroupCounts rowCounts;
    private long[] counts = new long[0];
    private long[] sums = new long[0];
    private double[] doubleSums = new double[0];
    private long[] extremes = new long[0];
    private double[] doubleExtremes = new double[0];

    /** An accumulator that takes the counts of rows without NULLs from {@code rowCounts}, shared by the aggregates of one GROUP BY. */
    NumericAccumulator(AggCall call, QueryMemory memory, BatchGroupCounts rowCounts) {
        this.rowCounts = rowCounts;
        rowCounts.share();
        this.call = call;
        this.arg = call.args().isEmpty() ? -1 : call.args().get(0);
        this.floating = call.argType() != null
                && (call.argType().kind() == TypeKind.REAL || call.argType().kind() == TypeKind.DOUBLE);
        this.memory = memory;
    }

    /** Whether this class computes {@code call} (else {@link ObjectAccumulator} does). */
    public static boolean supports(AggCall call) {
        if (call.distinct()) {
            return false;
        }
        if (call.kind() == AggKind.COUNT_STAR || call.kind() == AggKind.COUNT) {
            return true;
        }
        SqlType t = call.argType();
        if (t == null) {
            return false;
        }
        if (t.isDecimal() && t.physical() != PhysicalType.LONG) {
            return call.kind() == AggKind.SUM || call.kind() == AggKind.AVG;
        }
        boolean longLike = switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> true;
            case DECIMAL -> t.physical() == PhysicalType.LONG;
            default -> false;
        };
        boolean floatLike = t.kind() == TypeKind.REAL || t.kind() == TypeKind.DOUBLE;
        return switch (call.kind()) {
            case SUM, AVG -> (longLike && t.kind() != TypeKind.DATE && t.kind() != TypeKind.TIME
                    && t.kind() != TypeKind.TIMESTAMP && t.kind() != TypeKind.TIMESTAMPTZ) || floatLike;
            case MIN, MAX -> longLike || floatLike;
            default -> false;
        };
    }

    @Override
    public void add(Batch in, int[] groupIds, int n, int groups) {
        counts = GroupStates.grow(counts, groups, 0L);
        if (arg < 0) {
            rowCounts.addTo(counts);
            return;
        }
        FieldVector v = in.vector(arg);
        MemorySegment validity = Segs.validity(v);
        if (validity == null) {
            rowCounts.addTo(counts);
        } else {
            kernels.count(groupIds, validity, null, n, counts);
        }
        switch (call.kind()) {
            case COUNT, COUNT_STAR -> {
            }
            case SUM, AVG -> {
                if (floating) {
                    doubleSums = GroupStates.grow(doubleSums, groups, 0d);
                    try (Widened w = Widened.of(v, call.argType(), n, memory)) {
                        kernels.sumDouble(groupIds, w.values, validity, null, n, doubleSums, groups);
                    }
                } else if (call.argType().isDecimal() && call.argType().physical() != PhysicalType.LONG) {
                    sums = GroupStates.growSums(sums, groups);
                    MemorySegment values = Segs.values(v);
                    for (int i = 0; i < n; i++) {
                        if (validity == null || Bitmaps.isValid(validity, i)) {
                            GroupStates.add128(sums, groupIds[i], values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i),
                                    values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1));
                        }
                    }
                } else {
                    sums = GroupStates.growSums(sums, groups);
                    try (Widened w = Widened.of(v, call.argType(), n, memory)) {
                        kernels.sumLong(groupIds, w.values, validity, null, n, sums, groups);
                    }
                }
            }
            case MIN, MAX -> {
                boolean min = call.kind() == AggKind.MIN;
                try (Widened w = Widened.of(v, call.argType(), n, memory)) {
                    if (floating) {
                        doubleExtremes = GroupStates.grow(doubleExtremes, groups,
                                min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                        if (min) {
                            kernels.minDouble(groupIds, w.values, validity, null, n, doubleExtremes);
                        } else {
                            kernels.maxDouble(groupIds, w.values, validity, null, n, doubleExtremes);
                        }
                    } else {
                        extremes = GroupStates.grow(extremes, groups, min ? Long.MAX_VALUE : Long.MIN_VALUE);
                        if (min) {
                            kernels.minLong(groupIds, w.values, validity, null, n, extremes);
                        } else {
                            kernels.maxLong(groupIds, w.values, validity, null, n, extremes);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(call.kind().name());
        }
    }

    @Override
    public void write(FieldVector out, int from, int count) {
        counts = GroupStates.grow(counts, from + count, 0L);
        if (writeDirect(out, from, count)) {
            return;
        }
        for (int i = 0; i < count; i++) {
            int g = from + i;
            Values.set(out, call.type(), i, result(g));
        }
    }

    /**
     * Writes counts, exact sums and integer extremes straight into the result vector's buffers
     * (the common results of a GROUP BY with many groups, where making a BigDecimal per group from
     * its digits cost more than aggregating: TPC-H Q18's 1.5 M sums). False where the result needs
     * a conversion, or a sum is past its type's precision (the general path then raises 22003).
     */
    private boolean writeDirect(FieldVector out, int from, int count) {
        SqlType type = call.type();
        AggKind kind = call.kind();
        boolean exactSum = kind == AggKind.SUM && !floating;
        boolean extreme = (kind == AggKind.MIN || kind == AggKind.MAX) && !floating && type.equals(call.argType());
        boolean counting = kind == AggKind.COUNT || kind == AggKind.COUNT_STAR;
        if (!(out instanceof BigIntVector || out instanceof DecimalVector)
                || !(counting || extreme || exactSum && type.scale() == Math.max(call.argType().scale(), 0))) {
            return false;
        }
        while (out.getValueCapacity() < count) {
            out.reAlloc();
        }
        int precision = type.isDecimal() ? type.precision() : 0;
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int i = 0; i < count; i++) {
            int g = from + i;
            long c = counts[g];
            long low;
            long high;
            if (counting) {
                low = c;
                high = 0;
            } else if (c == 0) {
                BitVectorHelper.unsetBit(validity, i);
                continue;
            } else if (extreme) {
                low = extremes[g];
                high = low >> 63;
            } else {
                low = GroupStates.sumLow(sums, g);
                high = GroupStates.sumHigh(sums, g);
                boolean fits = precision > 0 ? Int128.fitsPrecision(high, low, precision) : high == low >> 63;
                if (!fits) {
                    return false;
                }
            }
            if (out instanceof DecimalVector) {
                data.setLong(16L * i, low);
                data.setLong(16L * i + 8, high);
            } else if (high != low >> 63) {
                return false;
            } else {
                data.setLong(8L * i, low);
            }
            BitVectorHelper.setBit(validity, i);
        }
        return true;
    }

    private Object result(int g) {
        long c = counts[g];
        if (call.kind() == AggKind.COUNT || call.kind() == AggKind.COUNT_STAR) {
            return c;
        }
        if (c == 0) {
            return null;
        }
        SqlType t = call.argType();
        return switch (call.kind()) {
            case SUM -> floating ? (Object) doubleSums[g] : exactSum(g, t);
            case AVG -> floating ? (Object) (doubleSums[g] / c)
                    : exactSum(g, t).divide(BigDecimal.valueOf(c), Math.max(call.type().scale(), 0), RoundingMode.HALF_UP);
            case MIN, MAX -> floating ? (Object) doubleExtremes[g] : fromLong(extremes[g], t);
            default -> throw new IllegalStateException(call.kind().name());
        };
    }

    private BigDecimal exactSum(int g, SqlType t) {
        Int128 sum = Int128.of(GroupStates.sumHigh(sums, g), GroupStates.sumLow(sums, g));
        return sum.toBigDecimal(t.isDecimal() ? t.scale() : 0);
    }

    private static Object fromLong(long bits, SqlType t) {
        return switch (t.kind()) {
            case DECIMAL -> BigDecimal.valueOf(bits, t.scale());
            case DATE -> LocalDate.ofEpochDay(bits);
            case TIME -> LocalTime.ofNanoOfDay(bits * 1000);
            case TIMESTAMP -> LocalDateTime.of(1970, 1, 1, 0, 0).plus(bits, ChronoUnit.MICROS);
            case TIMESTAMPTZ -> Conversions.convert(Instant.EPOCH.plus(bits, ChronoUnit.MICROS), t);
            default -> bits;
        };
    }

    /** A column's values as longs (or doubles for REAL), widened into scratch memory when narrower. */
    private record Widened(MemorySegment values, FieldVector owned) implements AutoCloseable {
        static Widened of(FieldVector v, SqlType t, int n, QueryMemory memory) {
            int width = t.physical().byteWidth();
            if (width == 8) {
                return new Widened(Segs.values(v), null);
            }
            boolean real = t.kind() == TypeKind.REAL;
            FieldVector out = Vectors.allocate(memory, real ? SqlType.DOUBLE : SqlType.BIGINT, n);
            MemorySegment s = Segs.values(v);
            MemorySegment d = Segs.values(out);
            for (int i = 0; i < n; i++) {
                if (real) {
                    d.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i));
                } else if (width == 4) {
                    d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, s.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i));
                } else {
                    d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
                }
            }
            return new Widened(d, out);
        }

        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
