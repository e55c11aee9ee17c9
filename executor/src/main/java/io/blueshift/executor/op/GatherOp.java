package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.arrow.vector.FieldVector;

/**
 * Runs its inputs (states of one pipeline plan, whose scans share {@link Morsels}, the independent
 * slices of a co-located join, or the branches of a UNION ALL) in worker threads, at most
 * {@code threads} at once (each thread takes the next input not yet taken when it is done with
 * one), and hands their batches to the caller in arrival order. The first failure of a worker is rethrown to the caller as it was thrown
 * (its SQLSTATE kept) and stops the others. Closing stops the workers, waits for them and frees
 * every batch still queued; each worker closes its own input.
 */
public final class GatherOp implements Operator {
    /**
     * Daemon threads shared by all queries (gathers, the workers probing a {@link
     * SemiJoinBuildLeftOp}, a window's parts); idle ones end after a minute.
     */
    public static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "blueshift-worker");
        t.setDaemon(true);
        return t;
    });

    /** Marks the end of one worker's batches in the queue. */
    static final Batch END = new Batch(List.of(), new SqlType[0], new FieldVector[0], 0);

    private final ExecContext ctx;
    private final List<Operator> inputs;
    private final int threads;
    private final AtomicInteger nextInput = new AtomicInteger();
    private final BlockingQueue<Batch> queue;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private boolean started;
    private int finished;

    public GatherOp(ExecContext ctx, List<Operator> inputs) {
        this(ctx, inputs, inputs.size());
    }

    /** Runs {@code inputs} on at most {@code threads} threads at once. */
    public GatherOp(ExecContext ctx, List<Operator> inputs, int threads) {
        this.ctx = ctx;
        this.inputs = List.copyOf(inputs);
        this.threads = Math.max(1, Math.min(threads, inputs.size()));
        this.queue = new ArrayBlockingQueue<>(4 * this.threads);
    }

    @Override
    public List<SqlType> types() {
        return inputs.get(0).types();
    }

    @Override
    public Batch next() {
        if (!started) {
            started = true;
            for (int t = 0; t < threads; t++) {
                WORKERS.execute(this::work);
            }
        }
        while (finished < inputs.size()) {
            Batch b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.cancel();
                ctx.checkCancelled();
                return null;
            }
            if (b == END) {
                finished++;
                rethrow();
                continue;
            }
            if (failure != null) {
                b.close(); // a worker failed: the caller gets its error, not rows computed without it
                rethrow();
            }
            return b;
        }
        rethrow();
        return null;
    }

    /** A worker thread: drains the inputs it takes, one after another, until none is left. */
    private void work() {
        for (int i = nextInput.getAndIncrement(); i < inputs.size(); i = nextInput.getAndIncrement()) {
            drainInto(inputs.get(i), queue, () -> stopped, this::fail);
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        stopped = true;
    }

    /**
     * A worker's loop: queues every batch of {@code input} (waiting while {@code queue} is full)
     * until it ends or {@code stopped} says so, hands a failure to {@code failed}, closes the input
     * and queues {@link #END} whatever happened.
     */
    static void drainInto(Operator input, BlockingQueue<Batch> queue, BooleanSupplier stopped, Consumer<Throwable> failed) {
        try (input) {
            for (Batch b = stopped.getAsBoolean() ? null : input.next(); b != null;
                    b = stopped.getAsBoolean() ? null : input.next()) {
                if (!offer(queue, b, stopped)) {
                    b.close();
                    break;
                }
            }
        } catch (Throwable t) {
            failed.accept(t);
        } finally {
            putEnd(queue);
        }
    }

    /** Queues a batch, waiting while {@code queue} is full; false once {@code stopped} says so. */
    private static boolean offer(BlockingQueue<Batch> queue, Batch b, BooleanSupplier stopped) throws InterruptedException {
        while (!stopped.getAsBoolean()) {
            if (queue.offer(b, 10, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Queues the end marker, waiting for room however long; an interrupt meanwhile is kept for later. */
    private static void putEnd(BlockingQueue<Batch> queue) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() {
        Operators.rethrow(failure);
    }

    @Override
    public List<Operator> inputs() {
        return inputs;
    }

    @Override
    public String describe() {
        return "Gather workers=" + threads + (threads < inputs.size() ? " inputs=" + inputs.size() : "");
    }

    @Override
    public void close() {
        stopped = true;
        if (!started) {
            inputs.forEach(Operator::close);
            return;
        }
        // Drain until every worker has put its end marker: they free their inputs before that.
        while (finished < inputs.size()) {
            try {
                Batch b = queue.take();
                if (b == END) {
                    finished++;
                } else {
                    b.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The plan: one input plan per worker. The workers of a parallel pipeline all run one shared
     * plan ({@link #copies}); each gets its own state of it, and the states of a scan plan that
     * shares its chunks take them from one {@link Morsels} made for this gather's run.
     */
    public record Plan(List<PhysicalOperator> inputs, int threads) implements PhysicalOperator {
        public Plan {
            inputs = List.copyOf(inputs);
        }

        /** Every input on a thread of its own. */
        public Plan(List<PhysicalOperator> inputs) {
            this(inputs, inputs.size());
        }

        /** {@code workers} states of one pipeline plan. */
        public static Plan copies(PhysicalOperator pipeline, int workers) {
            return new Plan(Collections.nCopies(workers, pipeline));
        }

        @Override
        public List<SqlType> types() {
            return inputs.get(0).types();
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new GatherOp(worker.ctx(), Operators.instantiateAll(inputs, worker.forWorkers()), threads);
        }
    }
}
