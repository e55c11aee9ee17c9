package io.blueshift.executor.window;

import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.TypeKind;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The functions of one OVER clause, row after row in window order ({@link WindowRows}), in time
 * linear in the rows whatever the frame. A cursor running ahead of the current row finds where
 * its partition ends, another where its peers end (rows equal in every ORDER BY key). Frames only
 * move forward as the current row does (ROWS and RANGE offsets are constants), so every row a
 * function reads is read by a cursor moving forward, and an aggregate over a frame is a sliding
 * window: rows enter at the frame's end and leave at its start ({@link SlidingSum}, a counted set
 * for DISTINCT, a monotonic queue of candidates for MIN and MAX), never a new frame per row.
 *
 * <p>Besides a batch per cursor it holds only MIN and MAX's candidates and DISTINCT's counted
 * values, which are checked against the query's memory limit as they grow (53200 past it): over
 * rows spilled to disk it computes a partition of any size in a few passes.
 */
final class ClauseEvaluator implements AutoCloseable {
    /** Heap bytes a held value takes, by estimate, for the checks against the limit. */
    private static final long VALUE_BYTES = 48;
    /** Values held between two checks against the limit. */
    private static final int CHECK_EVERY = 1 << 16;

    private final WindowSpec spec;
    private final QueryMemory memory;
    private final long n;
    private final List<Integer> partitionColumns;
    private final List<Integer> orderColumns;
    private final List<WindowRows.Cursor> cursors = new ArrayList<>();
    /** Finds where the partition ends; null without PARTITION BY. */
    private final RunEnds partitionEnds;
    /** Finds where the peer group ends; null where no function needs peers or there is no ORDER BY. */
    private final RunEnds peerEnds;
    /** Find a RANGE frame's start and end from an offset; null for other bounds. */
    private final WindowRows.Cursor rangeLow;
    private final WindowRows.Cursor rangeHigh;
    private final boolean needsPeers;
    private final boolean needsFrame;
    private final Function[] functions;

    /** The next row to compute. */
    private long row;
    /** The current row's partition [partitionStart, partitionEnd) and peer group [peerStart, peerEnd). */
    private long partitionStart;
    private long partitionStop;
    private long peerStart;
    private long peerStop;
    private long denseRank;
    /** The RANGE bounds' pointers, moving forward within the partition. */
    private long low;
    private long high;
    /** The current row's frame [from, to). */
    private long from;
    private long to;

    ClauseEvaluator(WindowSpec spec, WindowRows rows, QueryMemory memory) {
        this.spec = spec;
        this.memory = memory;
        this.n = rows.size();
        this.partitionColumns = spec.partition();
        this.orderColumns = spec.order().stream().map(k -> k.column()).toList();
        boolean ranks = false;
        boolean frames = false;
        for (WindowCall call : spec.calls()) {
            switch (Kind.of(call.function())) {
                case RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST -> ranks = true;
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE, MIN, MAX, COUNT, SUM, SUM0, AVG -> frames = true;
                case ROW_NUMBER, NTILE, LAG, LEAD -> {
                }
            }
        }
        this.needsFrame = frames;
        this.needsPeers = ranks || frames && !spec.rows();
        boolean lowOffset = frames && !spec.rows() && spec.lowerOffset() != 0 && spec.lowerOffset() != WindowSpec.UNBOUNDED;
        boolean highOffset = frames && !spec.rows() && spec.upperOffset() != 0 && spec.upperOffset() != WindowSpec.UNBOUNDED;
        if ((lowOffset || highOffset) && orderColumns.size() != 1) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "RANGE with an offset needs exactly one ORDER BY column");
        }
        this.partitionEnds = partitionColumns.isEmpty() ? null
                : new RunEnds(open(rows, partitionColumns), partitionColumns, unboxed(rows, partitionColumns));
        // a RANGE offset reads the current row's key boxed (rangeBound)
        this.peerEnds = needsPeers && !orderColumns.isEmpty() ? new RunEnds(open(rows, orderColumns), orderColumns,
                !lowOffset && !highOffset && unboxed(rows, orderColumns)) : null;
        this.rangeLow = lowOffset ? open(rows, orderColumns) : null;
        this.rangeHigh = highOffset ? open(rows, orderColumns) : null;
        this.functions = new Function[spec.calls().size()];
        for (int f = 0; f < functions.length; f++) {
            functions[f] = new Function(spec.calls().get(f), rows);
        }
    }

    private static boolean unboxed(WindowRows rows, List<Integer> columns) {
        return columns.stream().allMatch(c -> WindowRows.readsLong(rows.type(c)));
    }

    private WindowRows.Cursor open(WindowRows rows, List<Integer> columns) {
        WindowRows.Cursor c = rows.cursor(new TreeSet<>(columns).stream().mapToInt(Integer::intValue).toArray());
        cursors.add(c);
        return c;
    }

    /**
     * Computes the next row's value of each function, in the clause's order of functions: into
     * {@code longs} for those whose results are {@link #longResult}, into {@code out} for the others.
     */
    void next(Object[] out, long[] longs) {
        if (row == partitionStop) {
            startPartition();
        }
        if (needsPeers && row == peerStop) {
            startPeers();
        }
        if (needsFrame) {
            frame();
        }
        for (int f = 0; f < functions.length; f++) {
            Function function = functions[f];
            if (function.longResult) {
                longs[f] = function.longValue();
            } else {
                out[f] = function.value();
            }
        }
        row++;
    }

    /**
     * Whether function {@code f}'s results are BIGINTs that {@link #next(Object[], long[])} gives
     * unboxed: row_number, rank, dense_rank and COUNT, the bulk of BI windows.
     */
    boolean longResult(int f) {
        return functions[f].longResult;
    }

    private void startPartition() {
        partitionStart = row;
        partitionStop = partitionEnds == null ? n : partitionEnds.end(row, n);
        peerStart = row;
        peerStop = row;
        denseRank = 0;
        low = row;
        high = row;
        if (rangeHigh != null) { // a NULL key is no distance from a key: the upper pointer starts past leading NULLs
            while (high < partitionStop && rangeHigh.get(orderColumns.get(0), high) == null) {
                high++;
            }
        }
        for (Function f : functions) {
            f.reset();
        }
    }

    private void startPeers() {
        peerStart = row;
        denseRank++;
        peerStop = peerEnds == null ? partitionStop : peerEnds.end(row, partitionStop);
    }

    /** The current row's frame, by the clause's bounds: ROWS by position, RANGE by peers or by an offset from the row's key. */
    private void frame() {
        if (spec.rows()) {
            long size = partitionStop - partitionStart;
            long r = row - partitionStart;
            from = partitionStart + rowsBound(r, size, spec.lowerOffset(), !spec.lowerPreceding(), true);
            to = partitionStart + rowsBound(r, size, spec.upperOffset(), spec.upperFollowing(), false);
        } else {
            from = spec.lowerOffset() == WindowSpec.UNBOUNDED ? (spec.lowerPreceding() ? partitionStart : partitionStop)
                    : spec.lowerOffset() == 0 ? peerStart : rangeBound(true);
            to = spec.upperOffset() == WindowSpec.UNBOUNDED ? (spec.upperFollowing() ? partitionStop : partitionStart)
                    : spec.upperOffset() == 0 ? peerStop : rangeBound(false);
        }
        from = Math.max(partitionStart, Math.min(partitionStop, from));
        to = Math.max(from, Math.min(partitionStop, to));
    }

    /** A ROWS bound relative to the partition: {@code offset} rows before (or after) row r; UNBOUNDED reaches the edge. */
    private static long rowsBound(long r, long size, long offset, boolean following, boolean lower) {
        if (offset == WindowSpec.UNBOUNDED) {
            return following ? size : 0;
        }
        long b = following ? r + Math.min(offset, size) : r - Math.min(offset, size + 1);
        return Math.max(-1, Math.min(size, lower ? b : b + 1));
    }

    /**
     * A RANGE bound with an offset (one numeric or date ORDER BY key), by a pointer moving
     * forward: as the current key moves, so does its limit. Lower: the first row whose key is
     * within the offset. Upper: one past the last. A row with a NULL key frames its NULL peers.
     */
    private long rangeBound(boolean lower) {
        Object current = peerEnds.first()[0];
        if (current == null) { // NULL is no distance from NULL
            return lower ? peerStart : peerStop;
        }
        int column = orderColumns.get(0);
        boolean desc = spec.order().get(0).descending();
        long offset = lower ? spec.lowerOffset() : spec.upperOffset();
        boolean towardsStart = lower ? spec.lowerPreceding() : !spec.upperFollowing();
        double key = number(current);
        double limit = towardsStart != desc ? key - offset : key + offset;
        if (lower) {
            while (low < partitionStop && !within(rangeLow.get(column, low), limit, desc, true)) {
                low++;
            }
            return low;
        }
        while (high < partitionStop && within(rangeHigh.get(column, high), limit, desc, false)) {
            high++;
        }
        return high;
    }

    /**
     * Where runs of rows with the same values in some columns (partitions, peer groups) end, found
     * by a cursor running ahead: each row's values are read once and compared with the row
     * before's, as longs where the columns are integers or long decimals, else boxed.
     */
    private static final class RunEnds {
        private final WindowRows.Cursor cursor;
        private final List<Integer> columns;
        private final boolean unboxed;
        /** The last row read, and its values: unboxed (NULL as a flag) or boxed. */
        private long last = -1;
        private long[] longs;
        private long[] nextLongs;
        private boolean[] nulls;
        private boolean[] nextNulls;
        private Object[] boxed;
        /** The boxed values of the first row of the run last asked for. */
        private Object[] first;

        RunEnds(WindowRows.Cursor cursor, List<Integer> columns, boolean unboxed) {
            this.cursor = cursor;
            this.columns = columns;
            this.unboxed = unboxed;
            if (unboxed) {
                longs = new long[columns.size()];
                nextLongs = new long[columns.size()];
                nulls = new boolean[columns.size()];
                nextNulls = new boolean[columns.size()];
            }
        }

        /** One past the last row of the run that starts at {@code start}, at most {@code limit}. */
        long end(long start, long limit) {
            if (last != start) {
                read(start);
            }
            first = boxed;
            long j = start + 1;
            while (j < limit && read(j)) {
                j++;
            }
            return j;
        }

        /** The values of the first row of the run {@link #end} last found, boxed (a run over unboxed columns has none). */
        Object[] first() {
            return first;
        }

        /** Reads row {@code j} as the last row; whether its values are those of the row read before it. */
        private boolean read(long j) {
            boolean same = true;
            if (unboxed) {
                for (int c = 0; c < nextLongs.length; c++) {
                    long v = cursor.getLong(columns.get(c), j, Long.MIN_VALUE);
                    nextLongs[c] = v;
                    nextNulls[c] = v == Long.MIN_VALUE && cursor.isNull(columns.get(c), j);
                    same &= v == longs[c] && nextNulls[c] == nulls[c];
                }
                long[] l = longs;
                longs = nextLongs;
                nextLongs = l;
                boolean[] b = nulls;
                nulls = nextNulls;
                nextNulls = b;
            } else {
                Object[] values = new Object[columns.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = cursor.get(columns.get(c), j);
                }
                same = Arrays.equals(values, boxed);
                boxed = values;
            }
            last = j;
            return same;
        }
    }

    @Override
    public void close() {
        cursors.forEach(WindowRows.Cursor::close);
        cursors.clear();
    }

    /** The window functions, by the names a {@link WindowCall} gives them. */
    private enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
        MIN, MAX, COUNT, SUM, SUM0, AVG;

        /** The kind of a function name; 0A000 for one the evaluator does not compute. */
        static Kind of(String function) {
            try {
                return function.equals("$sum0") ? SUM0 : valueOf(function.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "window function " + function);
            }
        }
    }

    /** One function of the clause and what it keeps from row to row within a partition. */
    private final class Function {
        private final WindowCall call;
        private final Kind kind;
        /** The argument's column, or -1. */
        private final int arg;
        /** Reads the argument: at the row a navigation function returns, or where rows enter a frame. */
        private final WindowRows.Cursor at;
        /** Reads the argument where rows leave a COUNT, SUM or AVG frame. */
        private final WindowRows.Cursor leaving;
        /** MIN and MAX over frames that start at the partition's start: only the best is kept. */
        private final boolean fromFixed;
        /**
         * COUNT, SUM and AVG (without DISTINCT) of integers or of decimals held as longs read the
         * values unboxed, summed as longs of the unscaled values: the decimal's scale, or -1 for
         * values read boxed. COUNT of any type reads only whether the value is NULL.
         */
        private final int unboxedScale;
        /** Its results are BIGINTs, given unboxed by {@link #longValue}. */
        private final boolean longResult;
        private SlidingSum sum;
        private Map<Object, int[]> distinct;
        /** The rows [lo, hi) in the sliding aggregate (or read by MIN and MAX up to hi). */
        private long lo;
        private long hi;
        /** MIN and MAX's candidates, best first, and their rows: [head, tail). */
        private Object[] queue;
        private long[] queueRows;
        private int head;
        private int tail;

        Function(WindowCall call, WindowRows rows) {
            this.call = call;
            this.kind = Kind.of(call.function());
            this.arg = call.args().isEmpty() ? -1 : call.args().get(0);
            this.at = arg < 0 ? null : open(rows, List.of(arg));
            boolean sliding = switch (kind) {
                case COUNT, SUM, SUM0, AVG -> arg >= 0;
                default -> false;
            };
            this.leaving = sliding ? open(rows, List.of(arg)) : null;
            this.fromFixed = spec.lowerOffset() == WindowSpec.UNBOUNDED && spec.lowerPreceding();
            this.unboxedScale = sliding && !call.distinct() && WindowRows.readsLong(rows.type(arg))
                    ? rows.type(arg).scale() : -1;
            this.longResult = call.type().kind() == TypeKind.BIGINT && switch (kind) {
                case ROW_NUMBER, RANK, DENSE_RANK, COUNT -> true;
                default -> false;
            };
            if (kind == Kind.MIN || kind == Kind.MAX) {
                queue = new Object[16];
                queueRows = new long[16];
            }
        }

        void reset() {
            lo = partitionStart;
            hi = partitionStart;
            sum = new SlidingSum(unboxedScale);
            distinct = call.distinct() ? new HashMap<>() : null;
            head = 0;
            tail = 0;
        }

        Object value() {
            long size = partitionStop - partitionStart;
            return switch (kind) {
                case ROW_NUMBER -> row - partitionStart + 1;
                case RANK -> peerStart - partitionStart + 1;
                case DENSE_RANK -> denseRank;
                case PERCENT_RANK -> size <= 1 ? 0.0 : (double) (peerStart - partitionStart) / (size - 1);
                case CUME_DIST -> (double) (peerStop - partitionStart) / size;
                case NTILE -> ntile(row - partitionStart, size);
                case LAG, LEAD -> {
                    long offset = call.constants().isEmpty() || call.constants().get(0) == null ? 1
                            : ((Number) call.constants().get(0)).longValue();
                    long j = kind == Kind.LAG ? row - offset : row + offset;
                    yield j >= partitionStart && j < partitionStop ? at.get(arg, j)
                            : call.constants().size() > 1 ? call.constants().get(1) : null;
                }
                case FIRST_VALUE -> from < to ? at.get(arg, from) : null;
                case LAST_VALUE -> from < to ? at.get(arg, to - 1) : null;
                case NTH_VALUE -> {
                    long nth = ((Number) call.constants().get(0)).longValue();
                    yield nth >= 1 && nth <= to - from ? at.get(arg, from + nth - 1) : null;
                }
                case MIN, MAX -> extreme(kind == Kind.MAX);
                default -> aggregate();
            };
        }

        private long ntile(long r, long size) {
            long buckets = ((Number) call.constants().get(0)).longValue();
            if (buckets <= 0) {
                throw new BlueshiftException(ErrorCode.INVALID_NTILE_ARGUMENT);
            }
            long perBucket = size / buckets;
            long extra = size % buckets;
            long boundary = extra * (perBucket + 1);
            return r < boundary ? r / (perBucket + 1) + 1 : extra + (r - boundary) / Math.max(1, perBucket) + 1;
        }

        /** MIN or MAX over the frame: each row enters the queue once (dropping the candidates it beats) and leaves once. */
        private Object extreme(boolean max) {
            for (; hi < to; hi++) {
                Object v = at.get(arg, hi);
                if (v == null) {
                    continue;
                }
                if (fromFixed) { // nothing leaves the frame: the best so far is all there is to keep
                    if (tail == head || beats(v, queue[head], max)) {
                        queue[head] = v;
                        queueRows[head] = hi;
                        tail = head + 1;
                    }
                    continue;
                }
                while (tail > head && beats(v, queue[tail - 1], max)) {
                    tail--;
                }
                push(v, hi);
            }
            while (head < tail && queueRows[head] < from) {
                head++;
            }
            return head < tail ? queue[head] : null;
        }

        private void push(Object v, long at) {
            if (tail == queue.length) {
                if (head > 0) { // move the candidates down over the ones that left
                    System.arraycopy(queue, head, queue, 0, tail - head);
                    System.arraycopy(queueRows, head, queueRows, 0, tail - head);
                    Arrays.fill(queue, tail - head, tail, null);
                    tail -= head;
                    head = 0;
                } else {
                    if (queue.length >= CHECK_EVERY) {
                        memory.require(2 * queue.length * VALUE_BYTES);
                    }
                    queue = Arrays.copyOf(queue, 2 * queue.length);
                    queueRows = Arrays.copyOf(queueRows, queue.length);
                }
            }
            queue[tail] = v;
            queueRows[tail++] = at;
        }

        /** COUNT, SUM and AVG over the frame, slid forward from the previous row's. */
        /** A {@link #longResult} function's value for the current row. */
        long longValue() {
            return switch (kind) {
                case ROW_NUMBER -> row - partitionStart + 1;
                case RANK -> peerStart - partitionStart + 1;
                case DENSE_RANK -> denseRank;
                default -> { // COUNT
                    if (arg >= 0) {
                        slide();
                    }
                    yield arg < 0 ? to - from : sum.count();
                }
            };
        }

        private Object aggregate() {
            if (arg < 0) { // count(*)
                return to - from;
            }
            slide();
            return switch (kind) {
                case COUNT -> sum.count();
                case SUM -> sum.sum();
                case SUM0 -> sum.count() == 0 ? (Object) 0L : sum.sum();
                default -> sum.average();
            };
        }

        /** Slides the frame of a COUNT, SUM or AVG of a column from the previous row's to the current row's. */
        private void slide() {
            if (unboxedScale >= 0 || kind == Kind.COUNT && distinct == null) {
                slideUnboxed();
            } else {
                for (long j = Math.max(hi, from); j < to; j++) {
                    enter(at.get(arg, j));
                }
                for (long j = lo; j < Math.min(from, hi); j++) {
                    leave(leaving.get(arg, j));
                }
            }
            lo = from;
            hi = to;
        }

        /** The frame slid as {@link #aggregate} does, the values read unboxed (only whether NULL, for COUNT). */
        private void slideUnboxed() {
            boolean values = unboxedScale >= 0;
            for (long j = Math.max(hi, from); j < to; j++) {
                if (!at.isNull(arg, j)) {
                    sum.addUnboxed(values ? at.getLong(arg, j, 0) : 0, 1);
                }
            }
            for (long j = lo; j < Math.min(from, hi); j++) {
                if (!leaving.isNull(arg, j)) {
                    sum.addUnboxed(values ? leaving.getLong(arg, j, 0) : 0, -1);
                }
            }
        }

        private void enter(Object v) {
            if (v == null) {
                return;
            }
            if (distinct == null) {
                sum.add(v, 1);
                return;
            }
            if (distinct.computeIfAbsent(v, k -> new int[1])[0]++ == 0) {
                sum.add(v, 1);
                if (distinct.size() % CHECK_EVERY == 0) {
                    memory.require(distinct.size() * VALUE_BYTES);
                }
            }
        }

        private void leave(Object v) {
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

    /** Whether {@code a} is at least as good a MIN (or MAX) as {@code b}, so {@code b} can never win again. */
    private static boolean beats(Object a, Object b, boolean max) {
        int c = CompareExpr.compareObjects(a, b);
        return max ? c >= 0 : c <= 0;
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

    /**
     * The count and exact sum of the non-NULL values in a frame, values entering and leaving:
     * in a long while integers fit, else a BigDecimal; infinities and NaNs of floating values
     * are counted apart, so a frame holds one only while one is in it.
     */
    static final class SlidingSum {
        /** The scale of the unscaled longs {@link #addUnboxed} adds, or -1 where values come boxed. */
        private final int scale;
        private long count;
        private long small;
        private BigDecimal big;
        private long nans;
        private long positiveInfinities;
        private long negativeInfinities;

        SlidingSum(int scale) {
            this.scale = scale;
        }

        /** Adds (sign 1) or takes away (-1) a non-NULL integer, or a decimal's unscaled value. */
        void addUnboxed(long x, int sign) {
            count += sign;
            addLong(x, sign);
        }

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
            if (scale > 0) { // unscaled decimals
                return big != null ? big.movePointLeft(scale) : BigDecimal.valueOf(small, scale);
            }
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
            if (scale > 0) {
                total = total.movePointLeft(scale);
            }
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
}
