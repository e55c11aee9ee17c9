package io.blueshift.executor.window;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.op.SortOp;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.sort.SortKey;
import io.blueshift.kernels.sort.Sorter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;

/**
 * The functions of OVER clauses over one batch of rows that holds whole partitions: for each
 * clause, sorts the rows by partition and order keys (the radix sorter), finds partition and peer
 * boundaries and computes every function of the clause for every row, in time linear in the
 * partition (after the sort) whatever the frame. Frames only move forward as the current row does
 * (ROWS and RANGE offsets are constants), so an aggregate over a frame is a sliding window: rows
 * enter at the frame's end and leave at its start ({@link SlidingSum}, a counted set for DISTINCT,
 * a monotonic queue of candidates for MIN and MAX), never a new frame per row.
 */
final class WindowEvaluator {
    private WindowEvaluator() {
    }

    /**
     * Bytes computing the clauses takes per row beyond the input's, by estimate: for each clause
     * the sorted order and the boxed PARTITION BY and ORDER BY values, and for each function its
     * boxed arguments and results on the heap and its output column (about 32 bytes a value).
     */
    static long bytesPerRow(List<WindowSpec> specs) {
        long values = 0;
        for (WindowSpec s : specs) {
            values += 1 + s.partition().size() + s.order().size() + 3L * s.calls().size();
        }
        return 32 * values;
    }

    /**
     * The batch's columns followed by one column per function, clause after clause, rows in the
     * batch's order; {@code all} stays the caller's. Fails with 53200 before it starts where what
     * it would hold ({@link #bytesPerRow}), heap included, takes the query past its limit: the
     * heap is not the query's to exhaust.
     */
    static Batch compute(Batch all, List<WindowSpec> specs, List<SqlType> types, ExecContext ctx) {
        int n = all.rowCount();
        ctx.memory().require(n * bytesPerRow(specs));
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < all.columnCount(); c++) {
                vectors.add(Vectors.share(all.vector(c), ctx.memory()));
            }
            for (WindowSpec spec : specs) {
                ctx.checkCancelled();
                Object[][] results = evaluate(all, spec, n);
                for (int f = 0; f < spec.calls().size(); f++) {
                    WindowCall call = spec.calls().get(f);
                    FieldVector v = Vectors.allocate(ctx.memory(), call.type(), n);
                    vectors.add(v);
                    for (int r = 0; r < n; r++) {
                        Object value = results[f][r];
                        Values.set(v, call.type(), r, value == null ? null : Conversions.convert(value, call.type()));
                    }
                    v.setValueCount(n);
                }
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return Batches.of(types, vectors, n);
    }

    /** Every function of one clause for every row, indexed [function][input row]. */
    private static Object[][] evaluate(Batch all, WindowSpec spec, int n) {
        List<SortKey> keys = new ArrayList<>();
        for (int p : spec.partition()) {
            keys.add(SortOp.sortKey(all, new SortOp.Key(p, false, false)));
        }
        for (SortOp.Key k : spec.order()) {
            keys.add(SortOp.sortKey(all, k));
        }
        int[] order = keys.isEmpty() ? identity(n) : Sorter.sort(keys.toArray(new SortKey[0]), n);
        Object[][] partitionValues = columnValues(all, spec.partition(), order);
        Object[][] orderValues = columnValues(all, spec.order().stream().map(SortOp.Key::column).toList(), order);
        Object[][] results = new Object[spec.calls().size()][n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && sameRow(partitionValues, start, end)) {
                end++;
            }
            new Partition(all, spec, order, orderValues, start, end).compute(results);
            start = end;
        }
        return results;
    }

    /** One partition's rows in window order, and what the functions of its clause need of them. */
    private static final class Partition {
        private final Batch all;
        private final WindowSpec spec;
        private final int[] order;
        private final Object[][] orderValues;
        private final int base;
        private final int size;
        /** The first and one past the last row of each row's peer group (rows equal in every ORDER BY key). */
        private final int[] peerStart;
        private final int[] peerEnd;
        /** Each row's frame [from, to), made on first use; to is never below from. */
        private int[] from;
        private int[] to;

        Partition(Batch all, WindowSpec spec, int[] order, Object[][] orderValues, int start, int end) {
            this.all = all;
            this.spec = spec;
            this.order = order;
            this.orderValues = orderValues;
            this.base = start;
            this.size = end - start;
            this.peerStart = new int[size];
            this.peerEnd = new int[size];
            int g = 0;
            while (g < size) {
                int h = g + 1;
                while (h < size && sameRow(orderValues, base + g, base + h)) {
                    h++;
                }
                for (int i = g; i < h; i++) {
                    peerStart[i] = g;
                    peerEnd[i] = h;
                }
                g = h;
            }
        }

        /** Writes each function's value for each row of the partition into results[function][input row]. */
        void compute(Object[][] results) {
            for (int f = 0; f < spec.calls().size(); f++) {
                WindowCall call = spec.calls().get(f);
                Object[] args = null;
                if (!call.args().isEmpty()) {
                    args = new Object[size];
                    int col = call.args().get(0);
                    for (int i = 0; i < size; i++) {
                        args[i] = all.get(col, order[base + i]);
                    }
                }
                Object[] values = values(call, args);
                for (int i = 0; i < size; i++) {
                    results[f][order[base + i]] = values[i];
                }
            }
        }

        private Object[] values(WindowCall call, Object[] args) {
            Object[] out = new Object[size];
            switch (call.function()) {
                case "row_number" -> {
                    for (int i = 0; i < size; i++) {
                        out[i] = (long) i + 1;
                    }
                }
                case "rank" -> {
                    for (int i = 0; i < size; i++) {
                        out[i] = (long) peerStart[i] + 1;
                    }
                }
                case "dense_rank" -> {
                    long rank = 0;
                    for (int i = 0; i < size; i++) {
                        rank += peerStart[i] == i ? 1 : 0;
                        out[i] = rank;
                    }
                }
                case "percent_rank" -> {
                    for (int i = 0; i < size; i++) {
                        out[i] = size <= 1 ? 0.0 : (double) peerStart[i] / (size - 1);
                    }
                }
                case "cume_dist" -> {
                    for (int i = 0; i < size; i++) {
                        out[i] = (double) peerEnd[i] / size;
                    }
                }
                case "ntile" -> {
                    long buckets = ((Number) call.constants().get(0)).longValue();
                    if (buckets <= 0) {
                        throw new BlueshiftException(ErrorCode.INVALID_NTILE_ARGUMENT);
                    }
                    long perBucket = size / buckets;
                    long extra = size % buckets;
                    long boundary = extra * (perBucket + 1);
                    for (int i = 0; i < size; i++) {
                        out[i] = i < boundary ? i / (perBucket + 1) + 1 : extra + (i - boundary) / Math.max(1, perBucket) + 1;
                    }
                }
                case "lag", "lead" -> {
                    long offset = call.constants().isEmpty() || call.constants().get(0) == null ? 1
                            : ((Number) call.constants().get(0)).longValue();
                    Object fallback = call.constants().size() > 1 ? call.constants().get(1) : null;
                    for (int i = 0; i < size; i++) {
                        long j = call.function().equals("lag") ? i - offset : i + offset;
                        out[i] = j >= 0 && j < size ? args[(int) j] : fallback;
                    }
                }
                case "first_value", "last_value", "nth_value" -> {
                    frames();
                    int nth = call.function().equals("nth_value") ? ((Number) call.constants().get(0)).intValue() : 0;
                    for (int i = 0; i < size; i++) {
                        int at = switch (call.function()) {
                            case "first_value" -> from[i];
                            case "last_value" -> to[i] - 1;
                            default -> nth >= 1 && nth <= to[i] - from[i] ? from[i] + nth - 1 : -1;
                        };
                        out[i] = at >= from[i] && at < to[i] ? args[at] : null;
                    }
                }
                case "min", "max" -> {
                    frames();
                    extremes(args, call.function().equals("max"), out);
                }
                case "count", "sum", "$sum0", "avg" -> {
                    frames();
                    aggregate(call, args, out);
                }
                default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "window function " + call.function());
            }
            return out;
        }

        /** Each row's frame, by the clause's bounds: ROWS by position, RANGE by peers or by an offset from the row's key. */
        private void frames() {
            if (from != null) {
                return;
            }
            from = new int[size];
            to = new int[size];
            if (spec.rows()) {
                for (int i = 0; i < size; i++) {
                    from[i] = rowsBound(i, spec.lowerOffset(), !spec.lowerPreceding(), true);
                    to[i] = rowsBound(i, spec.upperOffset(), spec.upperFollowing(), false);
                }
            } else {
                if (spec.lowerOffset() == WindowSpec.UNBOUNDED && spec.lowerPreceding()) {
                    // from stays 0
                } else if (spec.lowerOffset() == 0) {
                    System.arraycopy(peerStart, 0, from, 0, size);
                } else {
                    rangeBounds(true, from);
                }
                if (spec.upperOffset() == WindowSpec.UNBOUNDED && spec.upperFollowing()) {
                    Arrays.fill(to, size);
                } else if (spec.upperOffset() == 0) {
                    System.arraycopy(peerEnd, 0, to, 0, size);
                } else {
                    rangeBounds(false, to);
                }
            }
            for (int i = 0; i < size; i++) {
                from[i] = Math.max(0, Math.min(size, from[i]));
                to[i] = Math.max(from[i], Math.min(size, to[i]));
            }
        }

        /** A ROWS bound: {@code offset} rows before (or after) row i; UNBOUNDED reaches the edge. */
        private int rowsBound(int i, long offset, boolean following, boolean lower) {
            if (offset == WindowSpec.UNBOUNDED) {
                return following ? size : 0;
            }
            long b = following ? i + offset : i - offset;
            return (int) Math.max(-1, Math.min(size, lower ? b : b + 1));
        }

        /**
         * RANGE bounds with an offset (one numeric or date ORDER BY key), found by one pointer
         * moving forward: as the current key moves, so does its limit. Lower: the first row whose
         * key is within the offset. Upper: one past the last. A row with a NULL key frames its NULL peers.
         */
        private void rangeBounds(boolean lower, int[] out) {
            if (orderValues.length != 1) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "RANGE with an offset needs exactly one ORDER BY column");
            }
            Object[] keys = orderValues[0];
            boolean desc = spec.order().get(0).descending();
            long offset = lower ? spec.lowerOffset() : spec.upperOffset();
            boolean towardsStart = lower ? spec.lowerPreceding() : !spec.upperFollowing();
            int firstKey = 0;
            while (firstKey < size && keys[base + firstKey] == null) {
                firstKey++;
            }
            int j = lower ? 0 : firstKey;
            for (int i = 0; i < size; i++) {
                Object current = keys[base + i];
                if (current == null) { // NULL is no distance from NULL: the frame is the row's NULL peers
                    out[i] = lower ? peerStart[i] : peerEnd[i];
                    continue;
                }
                double key = number(current);
                double limit = towardsStart != desc ? key - offset : key + offset;
                if (lower) {
                    while (j < size && !within(keys[base + j], limit, desc, true)) {
                        j++;
                    }
                } else {
                    j = Math.max(j, firstKey);
                    while (j < size && within(keys[base + j], limit, desc, false)) {
                        j++;
                    }
                }
                out[i] = j;
            }
        }

        /** MIN or MAX over each row's frame: a queue of the frame's candidates, best first, each row entering and leaving once. */
        private void extremes(Object[] args, boolean max, Object[] out) {
            int[] queue = new int[size];
            int head = 0;
            int tail = 0;
            int hi = 0;
            for (int i = 0; i < size; i++) {
                for (; hi < to[i]; hi++) {
                    if (args[hi] == null) {
                        continue;
                    }
                    while (tail > head && beats(args[hi], args[queue[tail - 1]], max)) {
                        tail--;
                    }
                    queue[tail++] = hi;
                }
                while (head < tail && queue[head] < from[i]) {
                    head++;
                }
                out[i] = head < tail ? args[queue[head]] : null;
            }
        }

        /** Whether {@code a} is at least as good a MIN (or MAX) as {@code b}, so {@code b} can never win again. */
        private static boolean beats(Object a, Object b, boolean max) {
            int c = CompareExpr.compareObjects(a, b);
            return max ? c >= 0 : c <= 0;
        }

        /** COUNT, SUM and AVG over each row's frame, the frame slid forward row by row. */
        private void aggregate(WindowCall call, Object[] args, Object[] out) {
            String fn = call.function();
            if (args == null) { // count(*)
                for (int i = 0; i < size; i++) {
                    out[i] = (long) (to[i] - from[i]);
                }
                return;
            }
            SlidingSum sum = new SlidingSum();
            Map<Object, int[]> distinct = call.distinct() ? new HashMap<>() : null;
            int lo = 0;
            int hi = 0;
            for (int i = 0; i < size; i++) {
                for (int j = Math.max(hi, from[i]); j < to[i]; j++) {
                    enter(args[j], sum, distinct);
                }
                for (int j = lo; j < Math.min(from[i], hi); j++) {
                    leave(args[j], sum, distinct);
                }
                lo = from[i];
                hi = to[i];
                out[i] = switch (fn) {
                    case "count" -> sum.count();
                    case "sum" -> sum.sum();
                    case "$sum0" -> sum.count() == 0 ? (Object) 0L : sum.sum();
                    default -> sum.average();
                };
            }
        }

        private static void enter(Object v, SlidingSum sum, Map<Object, int[]> distinct) {
            if (v == null) {
                return;
            }
            if (distinct == null || distinct.computeIfAbsent(v, k -> new int[1])[0]++ == 0) {
                sum.add(v, 1);
            }
        }

        private static void leave(Object v, SlidingSum sum, Map<Object, int[]> distinct) {
            if (v == null) {
                return;
            }
            if (distinct == null) {
                sum.add(v, -1);
                return;
            }
            int[] seen = distinct.get(v);
            if (--seen[0] == 0) {
                distinct.remove(v);
                sum.add(v, -1);
            }
        }
    }

    /**
     * The count and exact sum of the non-NULL values in a frame, values entering and leaving:
     * in a long while integers fit, else a BigDecimal; infinities and NaNs of floating values
     * are counted apart, so a frame holds one only while one is in it.
     */
    static final class SlidingSum {
        private long count;
        private long small;
        private BigDecimal big;
        private long nans;
        private long positiveInfinities;
        private long negativeInfinities;

        void add(Object v, int sign) {
            count += sign;
            switch (v) {
                case Long l -> addLong(l, sign);
                case Integer x -> addLong(x, sign);
                case Short x -> addLong(x, sign);
                case Byte x -> addLong(x, sign);
                case BigDecimal d -> addBig(d, sign);
                case Double d when d.isNaN() -> nans += sign;
                case Double d when d.isInfinite() -> infinity(d > 0, sign);
                case Float f when f.isNaN() -> nans += sign;
                case Float f when f.isInfinite() -> infinity(f > 0, sign);
                case Number x -> addBig(new BigDecimal(x.toString()), sign);
                default -> {
                    // COUNT of a value that is not a number: counted only
                }
            }
        }

        private void infinity(boolean positive, int sign) {
            if (positive) {
                positiveInfinities += sign;
            } else {
                negativeInfinities += sign;
            }
        }

        private void addLong(long x, int sign) {
            if (big == null) {
                try {
                    small = sign > 0 ? Math.addExact(small, x) : Math.subtractExact(small, x);
                    return;
                } catch (ArithmeticException overflow) {
                    big = BigDecimal.valueOf(small);
                }
            }
            addBig(BigDecimal.valueOf(x), sign);
        }

        private void addBig(BigDecimal d, int sign) {
            if (big == null) {
                big = BigDecimal.valueOf(small);
            }
            big = sign > 0 ? big.add(d) : big.subtract(d);
        }

        long count() {
            return count;
        }

        /** The sum, or NULL over no values. */
        Object sum() {
            if (count == 0) {
                return null;
            }
            Double special = special();
            return special != null ? special : big != null ? big : (Object) small;
        }

        /** The mean, or NULL over no values. */
        Object average() {
            if (count == 0) {
                return null;
            }
            Double special = special();
            if (special != null) {
                return special;
            }
            BigDecimal total = big != null ? big : BigDecimal.valueOf(small);
            return total.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
        }

        /** NaN or an infinity where the frame holds one (NaN for both infinities), else null. */
        private Double special() {
            if (nans > 0 || positiveInfinities > 0 && negativeInfinities > 0) {
                return Double.NaN;
            }
            if (positiveInfinities > 0) {
                return Double.POSITIVE_INFINITY;
            }
            return negativeInfinities > 0 ? Double.NEGATIVE_INFINITY : null;
        }
    }

    private static double number(Object v) {
        return ((Number) (v instanceof LocalDate d ? d.toEpochDay() : v)).doubleValue();
    }

    private static boolean within(Object v, double limit, boolean desc, boolean lower) {
        if (v == null) {
            return false;
        }
        double x = number(v);
        return lower != desc ? x >= limit : x <= limit;
    }

    private static boolean sameRow(Object[][] columns, int a, int b) {
        for (Object[] col : columns) {
            if (!Objects.equals(col[a], col[b])) {
                return false;
            }
        }
        return true;
    }

    private static Object[][] columnValues(Batch all, List<Integer> columns, int[] order) {
        Object[][] out = new Object[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            out[c] = new Object[order.length];
            for (int i = 0; i < order.length; i++) {
                out[c][i] = all.get(columns.get(c), order[i]);
            }
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
