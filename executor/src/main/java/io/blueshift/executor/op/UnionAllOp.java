package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.util.List;

/** UNION ALL: the inputs one after another (their columns already cast to common types). */
public final class UnionAllOp implements Operator {
    private final List<Operator> inputs;
    private int current;

    public UnionAllOp(List<Operator> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public List<SqlType> types() {
        return inputs.get(0).types();
    }

    @Override
    public Batch next() {
        while (current < inputs.size()) {
            Batch b = inputs.get(current).next();
            if (b != null) {
                return b;
            }
            current++;
        }
        return null;
    }

    @Override
    public List<Operator> inputs() {
        return inputs;
    }

    @Override
    public String describe() {
        return "UnionAll";
    }

    @Override
    public void close() {
        inputs.forEach(Operator::close);
    }

    /** The plan: the input plans, read one after another. */
    public record Plan(List<PhysicalOperator> inputs) implements PhysicalOperator {
        public Plan {
            inputs = List.copyOf(inputs);
        }

        @Override
        public List<SqlType> types() {
            return inputs.get(0).types();
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new UnionAllOp(Operators.instantiateAll(inputs, worker));
        }
    }
}
