package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.ValueLimits;
import io.blueshift.columnar.Values;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Every aggregate without a kernel, value by value over Java objects: DISTINCT aggregates (a set
 * per group), MIN/MAX of strings and wide decimals, statistics, boolean and string aggregation,
 * median and percentiles (the group's values collected and sorted). Slower than
 * {@link NumericAccumulator}; correct for every type.
 */
public final class ObjectAccumulator implements Accumulator {
    private final AggCall call;
    private final List<Collection<Object>> values = new ArrayList<>();
    private final List<Object[]> extra = new ArrayList<>();
    /** string_agg's delimiter and the percentiles' fraction, read from their constant argument column. */
    private Object delimiter;
    private Object fraction;
    /** string_agg: the bytes of each group's result so far, checked against the value limit as rows arrive. */
    private long[] textBytes = new long[0];

    /**
     * The Java heap these values take, estimated, and what they may take: the query's memory limit
     * less its off-heap use, at most what the database's other queries leave of its memory_limit,
     * and at most half the heap, so that a string_agg or DISTINCT over a
     * cross join fails with 53200 instead of filling the heap and stalling every session in GC.
     */
    private final QueryMemory memory;
    private final long heapBudget;
    private long heapBytes;
    /** The heap bytes at which the values are next checked against the database's memory_limit. */
    private long nextSharedCheck = SHARED_CHECK_BYTES;
    private static final long SHARED_CHECK_BYTES = 1 << 20;

    public ObjectAccumulator(AggCall call, QueryMemory memory) {
        this.call = call;
        this.memory = memory;
        this.heapBudget = heapBudget(memory);
    }

    /** What an aggregate's heap state may take: the query's memory limit less its off-heap use, and at most half the heap. */
    static long heapBudget(QueryMemory memory) {
        return Math.min(memory.limit(), Runtime.getRuntime().maxMemory() / 2);
    }

    @Override
    public void add(Batch in, int[] groupIds, int n, int groups) {
        while (values.size() < groups) {
            values.add(call.distinct() ? new LinkedHashSet<>() : new ArrayList<>());
            extra.add(new Object[] {0L});
        }
        if (call.kind() == AggKind.COUNT_STAR || call.kind() == AggKind.LITERAL) {
            for (int i = 0; i < n; i++) {
                Object[] e = extra.get(groupIds[i]);
                e[0] = (Long) e[0] + 1;
            }
            return;
        }
        int arg = call.args().get(0);
        FieldVector v = in.vector(arg);
        SqlType t = in.type(arg);
        FieldVector second = null;
        int secondColumn = -1;
        if (call.kind() == AggKind.STRING_AGG) {
            int delimiterColumn = call.args().get(1);
            if (delimiter == null && delimiterColumn >= 0 && n > 0) {
                delimiter = in.get(delimiterColumn, 0);
            }
        } else if (call.kind() == AggKind.PERCENTILE_CONT || call.kind() == AggKind.PERCENTILE_DISC) {
            if (fraction == null && call.args().get(1) >= 0 && n > 0) {
                fraction = in.get(call.args().get(1), 0);
            }
        } else if (call.args().size() > 1) {
            secondColumn = call.args().get(1);
        }
        if (secondColumn >= 0) {
            second = in.vector(secondColumn);
        }
        boolean ordered = call.kind() == AggKind.STRING_AGG && !call.order().isEmpty();
        for (int i = 0; i < n; i++) {
            Object x = Values.get(v, t, i);
            if (call.kind() == AggKind.SINGLE_VALUE || call.kind() == AggKind.ANY_VALUE) {
                Object[] e = extra.get(groupIds[i]);
                e[0] = (Long) e[0] + 1;
                if (call.kind() == AggKind.SINGLE_VALUE && (Long) e[0] > 1) {
                    throw new BlueshiftException(ErrorCode.CARDINALITY_VIOLATION,
                            "more than one row returned by a subquery used as an expression");
                }
                values.get(groupIds[i]).add(x == null ? NullValue.INSTANCE : x);
                continue;
            }
            if (x == null) {
                continue;
            }
            if (ordered) {
                // The value and its sort keys, as a list so that DISTINCT compares them by value.
                Object[] withKeys = new Object[1 + call.order().size()];
                withKeys[0] = x;
                for (int k = 0; k < call.order().size(); k++) {
                    int column = call.order().get(k).column();
                    withKeys[k + 1] = Values.get(in.vector(column), in.type(column), i);
                }
                x = Arrays.asList(withKeys);
            } else if (second != null) {
                x = new Object[] {x, Values.get(second, in.type(secondColumn), i)};
            }
            Collection<Object> group = values.get(groupIds[i]);
            boolean first = group.isEmpty();
            if (group.add(x)) {
                charge(x);
                if (call.kind() == AggKind.STRING_AGG) {
                    grow(groupIds[i], first, x);
                }
            }
        }
    }

    /** Heap bytes a value kept in a group's list costs, roughly: the object, its list slot, its characters. */
    private void charge(Object x) {
        long bytes = x instanceof String str ? 56L + str.length() : x instanceof List<?> || x instanceof Object[] ? 96 : 32;
        heapBytes += bytes;
        if (heapBytes + memory.used() > heapBudget) {
            throw new BlueshiftException(ErrorCode.OUT_OF_MEMORY, heapBudget, heapBytes + memory.used() - bytes, bytes);
        }
        if (heapBytes >= nextSharedCheck) { // and within what the database's other queries leave of its memory_limit
            memory.require(heapBytes);
            nextSharedCheck = heapBytes + SHARED_CHECK_BYTES;
        }
    }

    /**
     * string_agg: a group's result grows by a value (and a delimiter): past the value limit it
     * fails now, with 54000 as in Postgres, not after a cross join has filled the heap with values.
     */
    private void grow(int group, boolean first, Object x) {
        if (group >= textBytes.length) {
            textBytes = Arrays.copyOf(textBytes, Math.max(group + 1, textBytes.length * 2));
        }
        Object withoutKeys = x instanceof List<?> withKeys ? withKeys.get(0) : x;
        long more = ValueLimits.utf8Length(Conversions.toText(withoutKeys));
        if (!first) {
            Object d = delimiter != null ? delimiter : call.constant();
            more += d == null ? 0 : ValueLimits.utf8Length(d.toString());
        }
        ValueLimits.checkGrowth(textBytes[group], more);
        textBytes[group] += more;
    }

    /** Stands for a NULL in a group's value list (lists of values hold no Java nulls). */
    private enum NullValue { INSTANCE }

    @Override
    public void write(FieldVector out, int from, int count) {
        for (int i = 0; i < count; i++) {
            int g = from + i;
            Collection<Object> vs = g < values.size() ? values.get(g) : List.of();
            long rows = g < extra.size() ? (Long) extra.get(g)[0] : 0L;
            Object r = result(vs, rows);
            Values.set(out, call.type(), i, r == null ? null : Conversions.convert(r, call.type()));
        }
    }

    private Object result(Collection<Object> vs, long rows) {
        return switch (call.kind()) {
            case COUNT_STAR -> rows;
            case LITERAL -> call.constant();
            case COUNT, APPROX_COUNT_DISTINCT -> (long) vs.size();
            case SINGLE_VALUE, ANY_VALUE -> vs.isEmpty() || vs.iterator().next() == NullValue.INSTANCE
                    ? null : vs.iterator().next();
            default -> vs.isEmpty() ? null : compute(new ArrayList<>(vs));
        };
    }

    private Object compute(List<Object> vs) {
        return switch (call.kind()) {
            case SUM -> sum(vs);
            case AVG -> sum(vs).divide(BigDecimal.valueOf(vs.size()), MathContext.DECIMAL128);
            case MIN -> vs.stream().min(CompareExpr::compareObjects).orElseThrow();
            case MAX -> vs.stream().max(CompareExpr::compareObjects).orElseThrow();
            case BOOL_AND -> vs.stream().allMatch(Boolean.TRUE::equals);
            case BOOL_OR -> vs.stream().anyMatch(Boolean.TRUE::equals);
            case VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> variance(vs);
            case STRING_AGG -> stringAgg(vs);
            case MEDIAN -> percentile(vs, 0.5, true);
            case PERCENTILE_CONT -> percentile(vs, fraction(), true);
            case PERCENTILE_DISC -> percentile(vs, fraction(), false);
            default -> throw new IllegalStateException(call.kind().name());
        };
    }

    private double fraction() {
        Object f = fraction != null ? fraction : call.constant();
        if (f == null) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "percentile value is missing");
        }
        return ((Number) f).doubleValue();
    }

    private static BigDecimal sum(List<Object> vs) {
        BigDecimal s = BigDecimal.ZERO;
        for (Object v : vs) {
            s = s.add(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
        }
        return s;
    }

    private Object variance(List<Object> vs) {
        int n = vs.size();
        boolean sample = call.kind() == AggKind.VAR_SAMP || call.kind() == AggKind.STDDEV_SAMP;
        if (sample && n < 2) {
            return null;
        }
        double mean = 0;
        for (Object v : vs) {
            mean += ((Number) v).doubleValue();
        }
        mean /= n;
        double m2 = 0;
        for (Object v : vs) {
            double d = ((Number) v).doubleValue() - mean;
            m2 += d * d;
        }
        double var = m2 / (sample ? n - 1 : n);
        boolean stddev = call.kind() == AggKind.STDDEV_SAMP || call.kind() == AggKind.STDDEV_POP;
        return stddev ? Math.sqrt(var) : var;
    }

    private Object stringAgg(List<Object> vs) {
        String delimiter = this.delimiter != null ? this.delimiter.toString()
                : call.constant() == null ? "" : call.constant().toString();
        List<Object> ordered = new ArrayList<>(vs);
        if (!call.order().isEmpty()) {
            ordered.sort(this::compareByOrderKeys);
        }
        StringBuilder sb = new StringBuilder();
        for (Object o : ordered) {
            if (!sb.isEmpty()) {
                sb.append(delimiter);
            }
            sb.append(Conversions.toText(o instanceof List<?> withKeys ? withKeys.get(0) : o));
        }
        return sb.toString();
    }

    /** Compares two (value, keys...) lists by the aggregate's ORDER BY keys. */
    private int compareByOrderKeys(Object a, Object b) {
        List<?> x = (List<?>) a;
        List<?> y = (List<?>) b;
        for (int k = 0; k < call.order().size(); k++) {
            AggCall.SortKey key = call.order().get(k);
            Object kx = x.get(k + 1);
            Object ky = y.get(k + 1);
            int c;
            if (kx == null || ky == null) {
                c = kx == null ? (ky == null ? 0 : 1) : -1;
                c = key.nullsFirst() ? -c : c;
            } else {
                c = CompareExpr.compareObjects(kx, ky);
                c = key.descending() ? -c : c;
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private Object percentile(List<Object> vs, double fraction, boolean continuous) {
        if (fraction < 0 || fraction > 1) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "percentile value " + fraction + " is not between 0 and 1");
        }
        vs.sort(CompareExpr::compareObjects);
        if (call.descending()) {
            Collections.reverse(vs);
        }
        int n = vs.size();
        if (!continuous) {
            int idx = (int) Math.ceil(fraction * n) - 1;
            return vs.get(Math.max(0, idx));
        }
        double pos = fraction * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        double a = ((Number) vs.get(lo)).doubleValue();
        double b = ((Number) vs.get(hi)).doubleValue();
        double r = a + (b - a) * (pos - lo);
        if (call.type().isDecimal()) {
            return BigDecimal.valueOf(r);
        }
        return r;
    }
}
