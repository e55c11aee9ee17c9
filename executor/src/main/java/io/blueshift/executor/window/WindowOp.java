package io.blueshift.executor.window;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.SqlText;
import io.blueshift.executor.op.Explain;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.Operators;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.SortOp;
import io.blueshift.executor.op.WorkerContext;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.sort.SortKey;
import io.blueshift.kernels.sort.Sorter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;

/**
 * Window functions: gathers the input into one batch, and for each OVER clause sorts the rows by
 * partition and order keys (the radix sorter), finds partition and peer boundaries, computes every
 * function of the clause per row, and writes the results back in input order. Output = the input
 * columns followed by one column per function, clause after clause.
 */
public final class WindowOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final List<WindowSpec> specs;
    private final List<SqlType> types;
    private Batch out;
    private int emitted;

    public WindowOp(ExecContext ctx, Operator input, List<WindowSpec> specs) {
        this.ctx = ctx;
        this.input = input;
        this.specs = List.copyOf(specs);
        this.types = typesOf(input.types(), specs);
    }

    /** The input's columns followed by one column per function, clause after clause. */
    static List<SqlType> typesOf(List<SqlType> inputTypes, List<WindowSpec> specs) {
        List<SqlType> t = new ArrayList<>(inputTypes);
        for (WindowSpec s : specs) {
            for (WindowCall c : s.calls()) {
                t.add(c.type());
            }
        }
        return List.copyOf(t);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (out == null) {
            compute();
        }
        if (emitted >= out.rowCount()) {
            return null;
        }
        int count = Math.min(ExecContext.BATCH_ROWS, out.rowCount() - emitted);
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = emitted + i;
        }
        emitted += count;
        return Batches.gather(out, rows, count, ctx.memory());
    }

    private void compute() {
        Batch all = Operators.drain(input, ctx.memory());
        int n = all.rowCount();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < all.columnCount(); c++) {
                vectors.add(Vectors.share(all.vector(c), ctx.memory()));
            }
            for (WindowSpec spec : specs) {
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
            all.close();
            throw e;
        }
        all.close();
        out = Batches.of(types, vectors, n);
    }

    /** Every function of one clause for every row, indexed [function][input row]. */
    private Object[][] evaluate(Batch all, WindowSpec spec, int n) {
        List<SortKey> keys = new ArrayList<>();
        for (int p : spec.partition()) {
            keys.add(SortOp.sortKey(all, new SortOp.Key(p, false, false)));
        }
        for (SortOp.Key k : spec.order()) {
            keys.add(SortOp.sortKey(all, k));
        }
        int[] order = keys.isEmpty() ? identity(n) : Sorter.sort(keys.toArray(new SortKey[0]), n);
        Object[][] partitionValues = columnValues(all, spec.partition(), order);
        List<Integer> orderColumns = spec.order().stream().map(SortOp.Key::column).toList();
        Object[][] orderValues = columnValues(all, orderColumns, order);
        Object[][] results = new Object[spec.calls().size()][n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && sameRow(partitionValues, start, end)) {
                end++;
            }
            partition(all, spec, order, orderValues, start, end, results);
            start = end;
        }
        return results;
    }

    private void partition(Batch all, WindowSpec spec, int[] order, Object[][] orderValues, int start, int end,
            Object[][] results) {
        int size = end - start;
        // peer groups: rows equal in every ORDER BY key
        int[] peerStart = new int[size];
        int[] peerEnd = new int[size];
        int g = 0;
        while (g < size) {
            int h = g + 1;
            while (h < size && sameRow(orderValues, start + g, start + h)) {
                h++;
            }
            for (int i = g; i < h; i++) {
                peerStart[i] = g;
                peerEnd[i] = h;
            }
            g = h;
        }
        for (int f = 0; f < spec.calls().size(); f++) {
            WindowCall call = spec.calls().get(f);
            Object[] args = call.args().isEmpty() ? null : new Object[size];
            if (args != null) {
                int col = call.args().get(0);
                for (int i = 0; i < size; i++) {
                    args[i] = all.get(col, order[start + i]);
                }
            }
            for (int i = 0; i < size; i++) {
                results[f][order[start + i]] = value(call, spec, args, i, size, peerStart, peerEnd, orderValues, start);
            }
        }
    }

    private Object value(WindowCall call, WindowSpec spec, Object[] args, int i, int size, int[] peerStart,
            int[] peerEnd, Object[][] orderValues, int base) {
        return switch (call.function()) {
            case "row_number" -> (long) i + 1;
            case "rank" -> (long) peerStart[i] + 1;
            case "dense_rank" -> {
                long rank = 1;
                for (int j = 1; j <= peerStart[i]; j++) {
                    if (peerStart[j] == j) {
                        rank++;
                    }
                }
                yield rank;
            }
            case "percent_rank" -> size <= 1 ? 0.0 : (double) peerStart[i] / (size - 1);
            case "cume_dist" -> (double) peerEnd[i] / size;
            case "ntile" -> {
                long buckets = ((Number) call.constants().get(0)).longValue();
                if (buckets <= 0) {
                    throw new BlueshiftException(ErrorCode.INVALID_NTILE_ARGUMENT);
                }
                long perBucket = size / buckets;
                long extra = size % buckets;
                long boundary = extra * (perBucket + 1);
                yield i < boundary ? i / (perBucket + 1) + 1 : extra + (i - boundary) / Math.max(1, perBucket) + 1;
            }
            case "lag", "lead" -> {
                long offset = call.constants().isEmpty() || call.constants().get(0) == null ? 1
                        : ((Number) call.constants().get(0)).longValue();
                long j = call.function().equals("lag") ? i - offset : i + offset;
                yield j >= 0 && j < size ? args[(int) j] : call.constants().size() > 1 ? call.constants().get(1) : null;
            }
            default -> frameValue(call, spec, args, i, size, peerStart, peerEnd, orderValues, base);
        };
    }

    private Object frameValue(WindowCall call, WindowSpec spec, Object[] args, int i, int size, int[] peerStart,
            int[] peerEnd, Object[][] orderValues, int base) {
        int from;
        int to;
        if (spec.rows()) {
            from = bound(i, spec.lowerOffset(), !spec.lowerPreceding(), size, true);
            to = bound(i, spec.upperOffset(), spec.upperFollowing(), size, false);
        } else {
            from = spec.lowerOffset() == WindowSpec.UNBOUNDED && spec.lowerPreceding() ? 0
                    : spec.lowerOffset() == 0 ? peerStart[i] : rangeBound(orderValues, base, i, size, spec, true);
            to = spec.upperOffset() == WindowSpec.UNBOUNDED && spec.upperFollowing() ? size
                    : spec.upperOffset() == 0 ? peerEnd[i] : rangeBound(orderValues, base, i, size, spec, false);
        }
        from = Math.max(0, from);
        to = Math.min(size, to);
        List<Object> frame = new ArrayList<>();
        for (int j = from; j < to; j++) {
            frame.add(args == null ? Boolean.TRUE : args[j]);
        }
        return switch (call.function()) {
            case "first_value" -> frame.isEmpty() ? null : frame.get(0);
            case "last_value" -> frame.isEmpty() ? null : frame.get(frame.size() - 1);
            case "nth_value" -> {
                int k = ((Number) call.constants().get(0)).intValue();
                yield k >= 1 && k <= frame.size() ? frame.get(k - 1) : null;
            }
            default -> aggregate(call, frame);
        };
    }

    /** A ROWS bound: {@code offset} rows before (or after) row i; UNBOUNDED reaches the edge. */
    private static int bound(int i, long offset, boolean following, int size, boolean lower) {
        if (offset == WindowSpec.UNBOUNDED) {
            return following ? size : 0;
        }
        long b = following ? i + offset : i - offset;
        return (int) Math.max(-1, Math.min(size, lower ? b : b + 1));
    }

    /** A RANGE bound with an offset: the first row whose key is within the offset (single numeric key). */
    private static int rangeBound(Object[][] orderValues, int base, int i, int size, WindowSpec spec, boolean lower) {
        if (orderValues.length != 1) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "RANGE with an offset needs exactly one ORDER BY column");
        }
        Object current = orderValues[0][base + i];
        if (current == null) {
            return lower ? i : i + 1;
        }
        boolean desc = spec.order().get(0).descending();
        double key = ((Number) (current instanceof LocalDate d ? d.toEpochDay() : current)).doubleValue();
        long offset = lower ? spec.lowerOffset() : spec.upperOffset();
        boolean towardsStart = lower ? spec.lowerPreceding() : !spec.upperFollowing();
        double limit = towardsStart != desc ? key - offset : key + offset;
        if (lower) {
            int j = 0;
            while (j < size && !within(orderValues[0][base + j], limit, desc, true)) {
                j++;
            }
            return j;
        }
        int j = size;
        while (j > 0 && !within(orderValues[0][base + j - 1], limit, desc, false)) {
            j--;
        }
        return j;
    }

    private static boolean within(Object v, double limit, boolean desc, boolean lower) {
        if (v == null) {
            return false;
        }
        double x = ((Number) (v instanceof LocalDate d ? d.toEpochDay() : v)).doubleValue();
        return lower != desc ? x >= limit : x <= limit;
    }

    private static Object aggregate(WindowCall call, List<Object> frame) {
        List<Object> values = new ArrayList<>();
        Set<Object> seen = call.distinct() ? new HashSet<>() : null;
        for (Object v : frame) {
            if (v != null && (seen == null || seen.add(v))) {
                values.add(v);
            }
        }
        return switch (call.function()) {
            case "count" -> (long) (call.args().isEmpty() ? frame.size() : values.size());
            case "sum", "$sum0" -> values.isEmpty() ? (call.function().equals("$sum0") ? 0L : null) : sum(values);
            case "avg" -> values.isEmpty() ? null : sum(values).divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
            case "min" -> values.stream().min(CompareExpr::compareObjects).orElse(null);
            case "max" -> values.stream().max(CompareExpr::compareObjects).orElse(null);
            default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "window function " + call.function());
        };
    }

    private static BigDecimal sum(List<Object> values) {
        BigDecimal s = BigDecimal.ZERO;
        for (Object v : values) {
            s = s.add(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
        }
        return s;
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

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        List<String> names = explain.shown(input);
        StringBuilder sb = new StringBuilder("Window  ");
        boolean first = true;
        for (WindowSpec spec : specs) {
            for (WindowCall call : spec.calls()) {
                sb.append(first ? "" : ", ").append(sql(call, spec, names));
                first = false;
            }
        }
        return sb.toString();
    }

    @Override
    public List<String> columnNames(Explain explain) {
        List<String> in = explain.names(input);
        List<String> names = Explain.shown(in);
        List<String> out = new ArrayList<>(in);
        for (WindowSpec spec : specs) {
            for (WindowCall call : spec.calls()) {
                out.add(sql(call, spec, names));
            }
        }
        return out;
    }

    /** {@code fn(args) OVER (PARTITION BY ... ORDER BY ...)}, input column i named {@code names.get(i)}. */
    private static String sql(WindowCall call, WindowSpec spec, List<String> names) {
        StringBuilder sb = new StringBuilder(call.function()).append('(').append(call.distinct() ? "DISTINCT " : "");
        boolean first = true;
        for (int a : call.args()) {
            sb.append(first ? "" : ", ").append(names.get(a));
            first = false;
        }
        for (Object k : call.constants()) {
            sb.append(first ? "" : ", ").append(k instanceof Number || k == null ? String.valueOf(k)
                    : SqlText.quoted(Conversions.toText(k)));
            first = false;
        }
        sb.append(") OVER (");
        for (int i = 0; i < spec.partition().size(); i++) {
            sb.append(i == 0 ? "PARTITION BY " : ", ").append(names.get(spec.partition().get(i)));
        }
        for (int i = 0; i < spec.order().size(); i++) {
            SortOp.Key k = spec.order().get(i);
            sb.append(i == 0 ? (spec.partition().isEmpty() ? "ORDER BY " : " ORDER BY ") : ", ")
                    .append(Explain.sortKey(names.get(k.column()), k.descending(), k.nullsFirst()));
        }
        return sb.append(')').toString();
    }

    @Override
    public String describe() {
        return "Window " + specs.stream().map(s -> s.calls().stream().map(WindowCall::function).toList()).toList();
    }

    @Override
    public void close() {
        try {
            input.close();
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }

    /** The plan: the input plan and the OVER clauses with their functions. */
    public record Plan(PhysicalOperator input, List<WindowSpec> specs) implements PhysicalOperator.OneInput {
        public Plan {
            specs = List.copyOf(specs);
        }

        @Override
        public List<SqlType> types() {
            return typesOf(input.types(), specs);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new WindowOp(worker.ctx(), input.instantiate(worker), specs);
        }
    }
}
