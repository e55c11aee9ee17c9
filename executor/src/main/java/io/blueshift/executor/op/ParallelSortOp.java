package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * ORDER BY over a parallel pipeline: each worker sorts the rows its state of the pipeline makes
 * (a {@link SortOp} each, spilling on its own past its share of memory), and the caller's thread
 * merges the workers' sorted streams ({@link SortedMerge}) as they come, instead of one thread
 * sorting every row the workers gathered. A worker's exception reaches the caller unchanged and
 * stops the others, as in {@link GatherOp}.
 */
public final class ParallelSortOp implements Operator {
    private final ExecContext ctx;
    private final List<Operator> sorts;
    private final List<SortOp.Key> keys;
    private final List<BlockingQueue<Batch>> queues = new ArrayList<>();
    private final boolean[] ended;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private SortedMerge merge;

    /** Merges the sorted output of {@code sorts}, one worker thread each. */
    public ParallelSortOp(ExecContext ctx, List<Operator> sorts, List<SortOp.Key> keys) {
        this.ctx = ctx;
        this.sorts = List.copyOf(sorts);
        this.keys = List.copyOf(keys);
        for (int i = 0; i < sorts.size(); i++) {
            queues.add(new ArrayBlockingQueue<>(4));
        }
        this.ended = new boolean[sorts.size()];
    }

    @Override
    public List<SqlType> types() {
        return sorts.get(0).types();
    }

    @Override
    public Batch next() {
        if (merge == null) {
            for (int i = 0; i < sorts.size(); i++) {
                int worker = i;
                GatherOp.WORKERS.execute(() -> work(worker));
            }
            List<SortedMerge.Source> sources = new ArrayList<>();
            for (int i = 0; i < sorts.size(); i++) {
                int worker = i;
                sources.add(() -> take(worker));
            }
            merge = new SortedMerge(ctx, types(), keys, sources);
        }
        return merge.next();
    }

    /** The next batch of a worker's sorted stream, or null at its end. */
    private Batch take(int worker) {
        if (ended[worker]) {
            return null;
        }
        Batch b;
        try {
            b = queues.get(worker).take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.cancel();
            ctx.checkCancelled();
            return null;
        }
        if (b == GatherOp.END) {
            ended[worker] = true;
            rethrow();
            return null;
        }
        if (failure != null) {
            b.close();
            rethrow();
        }
        return b;
    }

    private void work(int worker) {
        GatherOp.drainInto(sorts.get(worker), queues.get(worker), () -> stopped, t -> {
            if (failure == null) {
                failure = t;
            }
            stopped = true;
        });
    }

    private void rethrow() {
        Operators.rethrow(failure);
    }

    @Override
    public List<Operator> inputs() {
        return sorts;
    }

    @Override
    public String explain(Explain explain) {
        return "Merge of " + sorts.size() + " sorted streams (a sort per worker)";
    }

    @Override
    public String describe() {
        return "ParallelSort workers=" + sorts.size() + " " + keys;
    }

    @Override
    public void close() {
        stopped = true;
        if (merge == null) {
            sorts.forEach(Operator::close);
            return;
        }
        merge.close();
        // drain until every worker has put its end marker: they close their sorts before that
        for (int i = 0; i < sorts.size(); i++) {
            while (!ended[i]) {
                try {
                    Batch b = queues.get(i).take();
                    if (b == GatherOp.END) {
                        ended[i] = true;
                    } else {
                        b.close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The plan: one sort plan per worker over the states of one parallel pipeline. */
    public record Plan(List<PhysicalOperator> sorts, List<SortOp.Key> keys) implements PhysicalOperator {
        public Plan {
            sorts = List.copyOf(sorts);
            keys = List.copyOf(keys);
        }

        @Override
        public List<SqlType> types() {
            return sorts.get(0).types();
        }

        @Override
        public List<PhysicalOperator> inputs() {
            return sorts;
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new ParallelSortOp(worker.ctx(), Operators.instantiateAll(sorts, worker.forWorkers()), keys);
        }
    }
}
