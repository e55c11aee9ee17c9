package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Segs;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.sort.SortKey;
import io.blueshift.kernels.sort.SortKeyType;
import io.blueshift.kernels.sort.Sorter;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * ORDER BY: gathers its whole input into one batch, computes the sorted row order with the
 * normalized-key radix sort ({@link Sorter}), then emits the rows in that order a batch at a time.
 */
public final class SortOp implements Operator {
    /** One sort key: an input column, its direction and where NULLs go. */
    public record Key(int column, boolean descending, boolean nullsFirst) {
    }

    private final ExecContext ctx;
    private final Operator input;
    private final List<Key> keys;
    private Batch all;
    private int[] order;
    private int emitted;

    public SortOp(ExecContext ctx, Operator input, List<Key> keys) {
        this.ctx = ctx;
        this.input = input;
        this.keys = List.copyOf(keys);
        check(input.types(), keys);
    }

    /** Fails with 0A000 when a key's column has a type the sorter cannot order. */
    static void check(List<SqlType> types, List<Key> keys) {
        for (Key k : keys) {
            if (Segs.sortType(types.get(k.column())) == null) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "ORDER BY on a " + types.get(k.column()) + " column");
            }
        }
    }

    @Override
    public List<SqlType> types() {
        return input.types();
    }

    @Override
    public Batch next() {
        if (all == null) {
            all = Operators.drain(input, ctx.memory());
            order = Sorter.sort(sortKeys(all), all.rowCount());
        }
        if (emitted >= order.length) {
            return null;
        }
        int count = Math.min(ExecContext.BATCH_ROWS, order.length - emitted);
        int[] rows = Arrays.copyOfRange(order, emitted, emitted + count);
        emitted += count;
        return Batches.gather(all, rows, count, ctx.memory());
    }

    private SortKey[] sortKeys(Batch b) {
        SortKey[] out = new SortKey[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sortKey(b, keys.get(i));
        }
        return out;
    }

    /** The kernel sort key of one ORDER BY key over a batch (0A000 for types without one). */
    public static SortKey sortKey(Batch b, Key k) {
        FieldVector v = b.vector(k.column());
        SortKeyType t = Segs.sortType(b.type(k.column()));
        if (t == null) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "ORDER BY on a " + b.type(k.column()) + " column");
        }
        return new SortKey(t, Segs.values(v), t == SortKeyType.STRING ? Segs.offsets(v) : null,
                Segs.validity(v), k.descending(), k.nullsFirst());
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        List<String> names = explain.shown(input);
        StringBuilder sb = new StringBuilder("Sort  Key: ");
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            sb.append(i == 0 ? "" : ", ").append(Explain.sortKey(names.get(k.column()), k.descending(), k.nullsFirst()));
        }
        return sb.toString();
    }

    @Override
    public String describe() {
        return "Sort " + keys;
    }

    @Override
    public void close() {
        try {
            input.close();
        } finally {
            if (all != null) {
                all.close();
            }
        }
    }

    /** The plan: the input plan and the sort keys (checked to be sortable when the plan is made). */
    public record Plan(PhysicalOperator input, List<Key> keys) implements PhysicalOperator.SameTypes {
        public Plan {
            keys = List.copyOf(keys);
            check(input.types(), keys);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new SortOp(worker.ctx(), input.instantiate(worker), keys);
        }
    }
}
