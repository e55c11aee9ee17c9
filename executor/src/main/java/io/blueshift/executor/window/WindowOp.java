package io.blueshift.executor.window;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.agg.HashAggOp;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.Segs;
import io.blueshift.executor.expr.SqlText;
import io.blueshift.executor.op.Explain;
import io.blueshift.executor.op.GatherOp;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.SortOp;
import io.blueshift.executor.op.SpillPartitions;
import io.blueshift.executor.op.WorkerContext;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.hash.HashExecutor;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.storage.format.SpillFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Window functions: holds its input, then computes every OVER clause over it
 * ({@link WindowEvaluator}). Output = the input columns followed by one column per function,
 * clause after clause.
 *
 * <p>Where every clause has PARTITION BY columns in common, rows that share their values share
 * every window partition, so the rows can be split by the hash of those columns and each part
 * computed alone: on several workers at once (the parts of a large input, a part per task taken
 * from a shared counter), and one at a time when computing them at once would pass half of
 * the query's memory limit, in which case every row goes to a {@link SpillPartitions spill partition} and each
 * partition is computed by a window of the next level (which may split it again, on other hash
 * bits). Rows come out part by part, each part's rows in their input order. Without common
 * PARTITION BY columns all rows are one part, computed in memory, or past the limit over rows
 * sorted on disk ({@link SortedWindow}), as is a partition still too big at the deepest level.
 */
public final class WindowOp implements Operator {
    /** Rows below which the parts of an input are not worth computing on several workers. */
    static final int PARALLEL_ROWS = 16_384;

    private final ExecContext ctx;
    private final Operator input;
    private final List<WindowSpec> specs;
    private final List<SqlType> types;
    private final int workers;
    /** 0 for the plan's window, n for one computing a partition spilled at level n - 1. */
    private final int level;
    /** The PARTITION BY columns every clause has (of types that hash), which rows may be split by. */
    private final int[] splitKeys;
    /** Computed parts not yet emitted, and the one being emitted. */
    private final ArrayDeque<Batch> parts = new ArrayDeque<>();
    private Batch current;
    private int emitted;
    private boolean started;
    private int computedParts;
    private SpillPartitions spilled;
    private int nextPartition;
    private WindowOp child;
    /** The clauses computed over rows sorted on disk, where the input could not be split. */
    private SortedWindow sorted;
    /** Its input: the rows held when it started, on disk, then the rest. */
    private Replay replay;
    private long childSpilledRows;
    private long childSpilledBytes;

    public WindowOp(ExecContext ctx, Operator input, List<WindowSpec> specs, int workers) {
        this(ctx, input, specs, workers, 0);
    }

    private WindowOp(ExecContext ctx, Operator input, List<WindowSpec> specs, int workers, int level) {
        this.ctx = ctx;
        this.input = input;
        this.specs = List.copyOf(specs);
        this.types = typesOf(input.types(), specs);
        this.workers = workers;
        this.level = level;
        this.splitKeys = splitKeys(input.types(), this.specs);
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

    /** The PARTITION BY columns of the first clause that every other clause has too and that hash. */
    private static int[] splitKeys(List<SqlType> inputTypes, List<WindowSpec> specs) {
        return specs.get(0).partition().stream()
                .filter(c -> specs.stream().allMatch(s -> s.partition().contains(c)))
                .filter(c -> Segs.keyType(inputTypes.get(c)) != null)
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (!started) {
            started = true;
            consume();
        }
        if (sorted != null) {
            return sorted.next();
        }
        while (true) {
            if (current != null && emitted < current.rowCount()) {
                int count = Math.min(ExecContext.BATCH_ROWS, current.rowCount() - emitted);
                if (count == current.rowCount()) {
                    Batch whole = current;
                    current = null;
                    return whole;
                }
                int[] rows = new int[count];
                for (int i = 0; i < count; i++) {
                    rows[i] = emitted + i;
                }
                emitted += count;
                return Batches.gather(current, rows, count, ctx.memory());
            }
            if (current != null) {
                current.close();
                current = null;
            }
            if (!parts.isEmpty()) {
                current = parts.poll();
                emitted = 0;
                continue;
            }
            if (spilled == null) {
                return null;
            }
            if (child != null) {
                Batch b = child.next();
                if (b != null) {
                    return b;
                }
                closeChild();
            }
            if (nextPartition >= SpillPartitions.COUNT) {
                return null;
            }
            int p = nextPartition++;
            if (spilled.written(p)) {
                child = new WindowOp(ctx, spilled.input(p), specs, workers, level + 1);
            }
        }
    }

    private void closeChild() {
        childSpilledRows += child.spilledRows();
        childSpilledBytes += child.spilledBytes();
        child.close();
        child = null;
    }

    /**
     * Reads the whole input: computed in memory, or spilled once what computing it would hold
     * passes half of the query's memory (or what it would allocate takes the query past three
     * quarters, with what other operators hold): the input rows twice (while they are copied into
     * one batch or into parts) or once with the function results and the values computing them
     * holds on the heap ({@link WindowEvaluator#bytesPerRow}). Spilled, every row goes to the
     * spill partition of its split keys' hash, or where there are none (or the partition is
     * still too big at the deepest level) the clauses are computed over rows sorted on disk
     * ({@link SortedWindow}).
     */
    private void consume() {
        long budget = ctx.memory().limit() / 2;
        long rowBytes = WindowEvaluator.bytesPerRow(specs);
        List<Batch> held = new ArrayList<>();
        long heldBytes = 0;
        long heldRows = 0;
        try {
            for (Batch b = input.next(); b != null; b = input.next()) {
                if (spilled != null) {
                    try (Batch rows = b) {
                        spill(rows);
                    }
                    continue;
                }
                held.add(b);
                heldBytes += Batches.bytes(b);
                heldRows += b.rowCount();
                long more = Math.max(heldBytes, heldRows * rowBytes);
                boolean forced = ExecContext.FORCE_SPILL && level == 0;
                if (heldBytes + more > budget || ctx.memory().nearLimit(2 * more) || forced) {
                    if (splitKeys.length == 0 || level > SpillPartitions.LEVELS) {
                        replay = new Replay(held, input);
                        sorted = new SortedWindow(ctx, replay, specs);
                        return;
                    }
                    spilled = new SpillPartitions(ctx, "window" + level, input.types());
                    for (Batch h : held) {
                        spill(h);
                    }
                    held.forEach(Batch::close);
                    held.clear();
                }
            }
            if (spilled != null) {
                spilled.finish();
                return;
            }
            Batch all = Batches.concat(input.types(), held, ctx.memory());
            held.forEach(Batch::close);
            held.clear();
            compute(all);
        } finally {
            held.forEach(Batch::close);
        }
    }

    /**
     * The batches held, then the rest of the input: the held ones are written to a spill file
     * first, so that the memory they take is free for the sort they go to.
     */
    private final class Replay implements Operator {
        private final SpillFile file;
        private final SpillFile.Reader held;
        private final Operator rest;

        /** Writes and closes the batches of {@code held} (and empties it). */
        Replay(List<Batch> held, Operator rest) {
            this.rest = rest;
            this.file = ctx.spill().create("window" + level, rest.types());
            try {
                for (Batch b : held) {
                    file.write(b, ctx.memory());
                }
                file.finish();
            } catch (RuntimeException e) {
                file.close();
                throw e;
            } finally {
                held.forEach(Batch::close);
                held.clear();
            }
            this.held = file.reader(ctx.memory());
        }

        @Override
        public List<SqlType> types() {
            return rest.types();
        }

        @Override
        public Batch next() {
            Batch b = held.next();
            return b != null ? b : rest.next();
        }

        /** The bytes the held batches took on disk. */
        long spilledBytes() {
            return file.bytes();
        }

        @Override
        public List<Operator> inputs() {
            return List.of(rest);
        }

        @Override
        public String describe() {
            return "Window input: " + rest.describe();
        }

        @Override
        public void close() {
            file.close();
        }
    }

    /** The hash of each row's split keys. */
    private long[] hashes(Batch b) {
        int n = b.rowCount();
        KeyColumn[] columns = new KeyColumn[splitKeys.length];
        for (int k = 0; k < splitKeys.length; k++) {
            columns[k] = HashAggOp.keyColumn(Segs.keyType(b.type(splitKeys[k])), b.vector(splitKeys[k]));
        }
        long[] hashes = new long[n];
        HashExecutor.hash(columns, n, hashes, new long[n], Simd.ENABLED);
        return hashes;
    }

    /** Writes each row of {@code b} to the spill partition of its split keys. */
    private void spill(Batch b) {
        spilled.write(b, hashes(b), level);
    }

    /**
     * Computes every clause over the rows held (and closes {@code all}): as one part, or a large
     * input split into a few parts per worker by hash bits the spill partitions do not use, the
     * parts computed by the workers together.
     */
    private void compute(Batch all) {
        int n = all.rowCount();
        if (workers < 2 || splitKeys.length == 0 || n < PARALLEL_ROWS) {
            try (all) {
                parts.add(WindowEvaluator.compute(all, specs, types, ctx));
            }
            computedParts = 1;
            return;
        }
        List<Batch> inputs = new ArrayList<>();
        try {
            try (all) {
                split(all, Integer.highestOneBit(4 * workers - 1) << 1, inputs);
            }
            parts.addAll(computeTogether(inputs));
            computedParts = inputs.size();
        } finally {
            inputs.forEach(Batch::close);
        }
    }

    /** Adds to {@code into} the rows of {@code all} in {@code count} parts (a power of two) by split-key hash, empty parts left out. */
    private void split(Batch all, int count, List<Batch> into) {
        int n = all.rowCount();
        long[] hashes = hashes(all);
        int[] of = new int[n];
        for (int i = 0; i < n; i++) {
            of[i] = (int) (hashes[i] >>> 24) & (count - 1);
        }
        for (int[] rows : Batches.positionsByPart(of, n, count)) {
            if (rows.length > 0) {
                into.add(Batches.gather(all, rows, rows.length, ctx.memory()));
            }
        }
    }

    /**
     * The window results of {@code inputs}, in their order, computed by up to {@link #workers}
     * threads (this one among them) that each take the next part not yet taken. The first failure
     * stops the others and is rethrown once all have stopped.
     */
    private List<Batch> computeTogether(List<Batch> inputs) {
        Batch[] outputs = new Batch[inputs.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int p = next.getAndIncrement(); p < outputs.length; p = next.getAndIncrement()) {
                outputs[p] = WindowEvaluator.compute(inputs.get(p), specs, types, ctx);
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int w = 1; w < Math.min(workers, outputs.length); w++) {
            helpers.add(GatherOp.WORKERS.submit(work));
        }
        Throwable failure = null;
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(outputs.length); // the helpers take no more parts
        }
        for (Future<?> helper : helpers) {
            Throwable t = await(helper);
            if (failure == null) {
                failure = t;
            }
        }
        if (failure != null) {
            for (Batch b : outputs) {
                if (b != null) {
                    b.close();
                }
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        return Arrays.asList(outputs);
    }

    /** Waits for a helper however long (an interrupt cancels the query); its failure, or null. */
    private Throwable await(Future<?> helper) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    helper.get();
                    return null;
                } catch (ExecutionException e) {
                    return e.getCause();
                } catch (InterruptedException e) {
                    interrupted = true;
                    ctx.cancel();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rows this window and the windows of its partitions wrote to spill partitions. */
    long spilledRows() {
        return (sorted == null ? 0 : sorted.spilledRows()) + (spilled == null ? 0 : spilled.rows())
                + childSpilledRows + (child == null ? 0 : child.spilledRows());
    }

    /** The bytes this window and the windows of its partitions wrote to spill partitions. */
    public long spilledBytes() {
        return (sorted == null ? 0 : sorted.spilledBytes() + replay.spilledBytes()) + (spilled == null ? 0 : spilled.bytes())
                + childSpilledBytes + (child == null ? 0 : child.spilledBytes());
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
        if (sorted != null) {
            sb.append("  (spilled in window order: ").append(spilledRows()).append(" rows, ").append(spilledBytes()).append(" bytes)");
        } else if (spilled != null) {
            sb.append("  (spilled: ").append(spilledRows()).append(" rows, ").append(spilledBytes()).append(" bytes)");
        } else if (computedParts > 1) {
            sb.append("  (").append(computedParts).append(" parts by PARTITION BY hash, ")
                    .append(Math.min(workers, computedParts)).append(" workers)");
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
            if (current != null) {
                current.close();
                current = null;
            }
            parts.forEach(Batch::close);
            parts.clear();
            if (child != null) {
                closeChild();
            }
            if (spilled != null) {
                spilled.close();
            }
            if (sorted != null) {
                sorted.close();
            }
        }
    }

    /**
     * The plan: the input plan, the OVER clauses with their functions, and the workers that may
     * compute its parts at once.
     */
    public record Plan(PhysicalOperator input, List<WindowSpec> specs, int workers) implements PhysicalOperator.OneInput {
        public Plan {
            specs = List.copyOf(specs);
        }

        /** Computed on one thread. */
        public Plan(PhysicalOperator input, List<WindowSpec> specs) {
            this(input, specs, 1);
        }

        @Override
        public List<SqlType> types() {
            return typesOf(input.types(), specs);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new WindowOp(worker.ctx(), input.instantiate(worker), specs, workers);
        }
    }
}
