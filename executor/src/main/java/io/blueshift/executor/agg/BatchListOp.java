package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.op.Operator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Batches already in hand, handed out in order as an operator's input (the aggregates of one
 * chunk, of the edge groups): it owns them, and closing it frees those not taken.
 */
final class BatchListOp implements Operator {
    private final List<SqlType> types;
    private final Deque<Batch> batches;

    BatchListOp(List<SqlType> types, List<Batch> batches) {
        this.types = List.copyOf(types);
        this.batches = new ArrayDeque<>(batches);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        return batches.poll();
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public String describe() {
        return "Batches";
    }

    @Override
    public void close() {
        for (Batch b = batches.poll(); b != null; b = batches.poll()) {
            b.close();
        }
    }
}
