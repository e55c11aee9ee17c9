package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.agg.HashAggOp;
import io.blueshift.executor.expr.Segs;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.hash.HashExecutor;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hash exchange between the workers of a parallel pipeline (a repartition: Trino's local
 * exchange, DuckDB's radix partitions): each of N states reads its own input, sends every row to
 * the state numbered by the hash of its key columns modulo N, and emits the rows sent to it. So
 * all rows of a key reach one state, and what follows it (a GROUP BY with millions of groups) runs
 * on every worker over a table a worker's share the size, with no merge. A state takes its own
 * rows before reading on, reads its input until it ends, then waits for the others' last rows; it
 * never waits while it has input left, so N states on N threads cannot deadlock. Rows of one
 * input keep their order.
 */
public final class ExchangeOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final int[] keys;
    private final KeyType[] keyTypes;
    private final Partitions partitions;
    private final int index;
    private long[] hashes = new long[0];
    private long[] scratch = new long[0];
    private int[] target = new int[0];
    private boolean inputDone;

    ExchangeOp(ExecContext ctx, Operator input, int[] keys, Partitions partitions) {
        this.ctx = ctx;
        this.input = input;
        this.keys = keys.clone();
        this.keyTypes = new KeyType[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keyTypes[k] = Segs.keyType(input.types().get(keys[k]));
        }
        this.partitions = partitions;
        this.index = partitions.join();
    }

    @Override
    public List<SqlType> types() {
        return input.types();
    }

    @Override
    public Batch next() {
        while (true) {
            ctx.checkCancelled();
            Batch mine = partitions.poll(index);
            if (mine != null) {
                return mine;
            }
            if (!inputDone) {
                try {
                    Batch b = input.next();
                    if (b == null) {
                        inputDone = true;
                        partitions.producerDone();
                    } else {
                        scatter(b);
                    }
                } catch (RuntimeException | Error e) {
                    partitions.fail(e);
                    throw e;
                }
                continue;
            }
            if (!partitions.awaitRows(index, ctx)) {
                return null;
            }
        }
    }

    /** Sends each row of {@code b} to its partition (the whole batch where all rows go to one); takes {@code b}. */
    private void scatter(Batch b) {
        int n = b.rowCount();
        int parts = partitions.count();
        if (n == 0) {
            b.close();
            return;
        }
        if (hashes.length < n) {
            hashes = new long[n];
            scratch = new long[n];
            target = new int[n];
        }
        KeyColumn[] columns = new KeyColumn[keys.length];
        for (int k = 0; k < keys.length; k++) {
            columns[k] = HashAggOp.keyColumn(keyTypes[k], b.vector(keys[k]));
        }
        HashExecutor.hash(columns, n, hashes, scratch, Simd.ENABLED);
        for (int i = 0; i < n; i++) {
            // bits above those the hash tables index and tag by, so a partition's table spreads as well
            target[i] = (int) Long.remainderUnsigned(hashes[i] >>> 24, parts);
        }
        int[][] rows = Batches.positionsByPart(target, n, parts);
        for (int p = 0; p < parts; p++) {
            if (rows[p].length == n) {
                partitions.add(p, b);
                return;
            }
        }
        try (b) {
            for (int p = 0; p < parts; p++) {
                if (rows[p].length > 0) {
                    partitions.add(p, Batches.gather(b, rows[p], rows[p].length, ctx.memory()));
                }
            }
        }
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "HashExchange keys=" + Arrays.toString(keys) + " partition " + (index + 1) + " of "
                + partitions.count();
    }

    @Override
    public String explain(Explain explain) {
        List<String> names = explain.shown(input);
        StringBuilder by = new StringBuilder();
        for (int k : keys) {
            by.append(by.isEmpty() ? "" : ", ").append(names.get(k));
        }
        return "HashExchange  Key: " + by + "  Partition: " + (index + 1) + " of " + partitions.count();
    }

    @Override
    public void close() {
        try {
            if (!inputDone) {
                inputDone = true;
                partitions.producerDone();
            }
            partitions.closePartition(index);
        } finally {
            input.close();
        }
    }

    /** The partitions the states of one exchange share: one queue of batches per state. */
    static final class Partitions {
        private final int count;
        private final List<ArrayDeque<Batch>> queues = new ArrayList<>();
        private final boolean[] closed;
        private int joined;
        private int producing;
        private Throwable failure;

        Partitions(int count) {
            this.count = count;
            this.closed = new boolean[count];
            for (int i = 0; i < count; i++) {
                queues.add(new ArrayDeque<>());
            }
        }

        int count() {
            return count;
        }

        /** Numbers the next state 0, 1, ...; each state produces until its input ends. */
        synchronized int join() {
            if (joined == count) {
                throw new IllegalStateException("bug: more exchange states than partitions");
            }
            producing++;
            return joined++;
        }

        synchronized void add(int partition, Batch b) {
            if (closed[partition]) {
                b.close();
                return;
            }
            queues.get(partition).add(b);
            notifyAll();
        }

        synchronized Batch poll(int partition) {
            return queues.get(partition).poll();
        }

        synchronized void producerDone() {
            producing--;
            notifyAll();
        }

        /** Records the first failure of a state; the others waiting for rows fail with it. */
        synchronized void fail(Throwable t) {
            if (failure == null) {
                failure = t;
            }
            notifyAll();
        }

        /**
         * Waits until partition {@code partition} has a batch (true) or every state has produced
         * all of its rows (false: nothing more comes). Fails with a state's failure, so that no
         * state emits what it aggregated from part of the rows.
         */
        synchronized boolean awaitRows(int partition, ExecContext ctx) {
            Operators.await(this, () -> !queues.get(partition).isEmpty() || producing <= 0 || failure != null, ctx);
            if (failure != null) {
                throw Operators.unchecked(failure);
            }
            return !queues.get(partition).isEmpty();
        }

        /** Frees the batches of a partition whose state closed, and those sent to it later. */
        synchronized void closePartition(int partition) {
            closed[partition] = true;
            ArrayDeque<Batch> q = queues.get(partition);
            while (!q.isEmpty()) {
                q.poll().close();
            }
        }
    }

    /**
     * The plan: the input plan and the key columns rows are sent by. The states instantiated in
     * one scope (the workers of a gather, as many as {@code partitions}) share one exchange.
     */
    public record Plan(PhysicalOperator input, int[] keys, int partitions) implements PhysicalOperator.SameTypes {
        public Plan {
            keys = keys.clone();
            for (int k : keys) {
                if (Segs.keyType(input.types().get(k)) == null) {
                    throw new IllegalArgumentException("cannot hash a " + input.types().get(k) + " column");
                }
            }
        }

        /** Whether rows can be sent by the column of type {@code type}. */
        public static boolean hashable(SqlType type) {
            return Segs.keyType(type) != null;
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            Partitions shared = worker.shared(this, () -> new Partitions(partitions));
            Operator in = input.instantiate(worker);
            try {
                return new ExchangeOp(worker.ctx(), in, keys, shared);
            } catch (RuntimeException e) {
                in.close();
                throw e;
            }
        }
    }
}
