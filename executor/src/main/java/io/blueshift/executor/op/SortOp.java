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
import io.blueshift.storage.format.SpillFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * ORDER BY: gathers its whole input into one batch, computes the sorted row order with the
 * normalized-key radix sort ({@link Sorter}), then emits the rows in that order a batch at a time.
 *
 * <p>An input larger than a quarter of the query's memory limit is sorted externally: each time
 * the batches held pass that share (or copying them would take the query past three quarters of
 * it, with what other operators hold), they are sorted and written to a spill file as one sorted run
 * ({@link SpillFile}: compressed, checksummed), and at the end the runs are merged
 * ({@link SortedMerge}). Concatenating and sorting a run needs about twice its bytes, so a quarter
 * leaves room for the rest of the query. The merge holds a batch of every run at once, so runs are
 * written in batches small enough for {@link #MIN_FAN_IN} of them to fit in that quarter, and
 * where there are more runs than fit, groups of them are first merged into longer runs (a
 * multi-pass merge).
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
    private boolean started;
    /** The sorted runs written to disk, merged when the input ends; empty when it all fit. */
    private final List<SpillFile> runs = new ArrayList<>();
    private SortedMerge merge;
    private long spilledBytes;
    /** Rows per batch of the spilled runs, and the most bytes such a batch holds in memory. */
    private int runBatchRows = ExecContext.BATCH_ROWS;
    private long runBatchBytes;
    /** Runs merged at once at least: a run's batch is sized for this many to fit in the sort's share of memory. */
    static final int MIN_FAN_IN = 8;

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
        if (!started) {
            started = true;
            consume();
        }
        if (merge != null) {
            return merge.next();
        }
        if (emitted >= order.length) {
            return null;
        }
        int count = Math.min(ExecContext.BATCH_ROWS, order.length - emitted);
        int[] rows = Arrays.copyOfRange(order, emitted, emitted + count);
        emitted += count;
        return Batches.gather(all, rows, count, ctx.memory());
    }

    /** Reads the whole input: sorted in memory, or into sorted runs on disk and a merge of them. */
    private void consume() {
        long budget = ctx.memory().limit() / 4;
        List<Batch> held = new ArrayList<>();
        long heldBytes = 0;
        try {
            for (Batch b = input.next(); b != null; b = input.next()) {
                held.add(b);
                heldBytes += Batches.bytes(b);
                if (heldBytes > budget || ctx.memory().nearLimit(2 * heldBytes) || ExecContext.FORCE_SPILL) {
                    spillRun(held);
                    heldBytes = 0;
                }
            }
            if (runs.isEmpty()) {
                all = Batches.concat(input.types(), held, ctx.memory());
                order = Sorter.sort(sortKeys(all), all.rowCount());
            } else {
                if (!held.isEmpty()) {
                    spillRun(held);
                }
                // a batch of each run in memory at once, with room for the merged batch (and Arrow's
                // rounding of buffers up to powers of two)
                int fanIn = (int) Math.max(2, Math.min(Integer.MAX_VALUE, budget / Math.max(1, 2 * runBatchBytes) - 1));
                while (runs.size() > fanIn) {
                    mergeFirstRuns(fanIn);
                }
                merge = new SortedMerge(ctx, input.types(), keys, readers(runs));
            }
        } finally {
            held.forEach(Batch::close);
        }
    }

    private List<SortedMerge.Source> readers(List<SpillFile> files) {
        List<SortedMerge.Source> sources = new ArrayList<>();
        for (SpillFile run : files) {
            sources.add(run.reader(ctx.memory())::next);
        }
        return sources;
    }

    /** Merges the first {@code count} runs into one, which takes their place (first, as they were). */
    private void mergeFirstRuns(int count) {
        List<SpillFile> group = new ArrayList<>(runs.subList(0, count));
        SpillFile merged = ctx.spill().create("sort", input.types());
        try (SortedMerge m = new SortedMerge(ctx, input.types(), keys, readers(group), runBatchRows)) {
            for (Batch next = m.next(); next != null; next = m.next()) {
                try (Batch b = next) {
                    merged.write(b, ctx.memory());
                }
            }
            merged.finish();
        } catch (RuntimeException e) {
            merged.close();
            throw e;
        }
        spilledBytes += merged.bytes();
        group.forEach(SpillFile::close);
        runs.subList(0, count).clear();
        runs.add(0, merged);
    }

    /** Sorts the batches held as one run, writes it to a spill file and closes them. */
    private void spillRun(List<Batch> held) {
        Batch run = Batches.concat(input.types(), held, ctx.memory());
        held.forEach(Batch::close);
        held.clear();
        SpillFile file = null;
        try (run) {
            int[] sorted = Sorter.sort(sortKeys(run), run.rowCount());
            file = ctx.spill().create("sort", input.types());
            runs.add(file);
            // batches small enough that a merge of MIN_FAN_IN runs fits in the sort's share
            long rowBytes = Math.max(1, Batches.bytes(run) / Math.max(1, run.rowCount()));
            long fit = ctx.memory().limit() / 4 / (2L * MIN_FAN_IN * rowBytes);
            runBatchRows = (int) Math.max(16, Math.min(runBatchRows, fit));
            runBatchBytes = Math.max(runBatchBytes, runBatchRows * rowBytes);
            for (int at = 0; at < sorted.length; at += runBatchRows) {
                ctx.checkCancelled();
                int count = Math.min(runBatchRows, sorted.length - at);
                try (Batch part = Batches.gather(run, Arrays.copyOfRange(sorted, at, at + count), count, ctx.memory())) {
                    file.write(part, ctx.memory());
                }
            }
            file.finish();
        }
        spilledBytes += file.bytes();
    }

    private SortKey[] sortKeys(Batch b) {
        return sortKeys(b, keys);
    }

    /** The kernel sort keys of ORDER BY keys over a batch. */
    static SortKey[] sortKeys(Batch b, List<Key> keys) {
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
        if (!runs.isEmpty()) {
            sb.append("  (spilled: ").append(runs.size()).append(" sorted runs, ").append(spilledBytes).append(" bytes)");
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
            if (merge != null) {
                merge.close();
            }
            runs.forEach(SpillFile::close);
            runs.clear();
        }
    }

    /** The bytes this sort wrote to spill files (0 when its input fit in memory). */
    public long spilledBytes() {
        return spilledBytes;
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
