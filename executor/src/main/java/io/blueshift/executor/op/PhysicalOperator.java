package io.blueshift.executor.op;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import java.util.List;

/**
 * The plan of one operator (DuckDB's {@code PhysicalOperator}, Trino's {@code OperatorFactory}):
 * immutable, it holds only what the operator is (its column types, expressions, keys, the table it
 * reads, its input plans) and never a batch, a hash table or a cursor. {@link #instantiate} makes
 * the runtime state, an {@link Operator} that pulls batches, for one worker. A pipeline that runs
 * on several threads is one plan instantiated once per thread, so it is planned once.
 */
public interface PhysicalOperator {
    /** The column types of every batch the operator's states produce. */
    List<SqlType> types();

    /** The input plans. */
    List<PhysicalOperator> inputs();

    /**
     * A fresh state for one worker, with fresh states of the inputs below it. The caller owns it
     * and closes it; closing it closes the inputs' states.
     */
    Operator instantiate(WorkerContext worker);

    /** A fresh state of the whole tree for the query's own thread. */
    default Operator instantiate(ExecContext ctx) {
        return instantiate(new WorkerContext(ctx));
    }

    /** A plan that reads no other plan (scans, VALUES, a recursive query's working table). */
    interface Leaf extends PhysicalOperator {
        @Override
        default List<PhysicalOperator> inputs() {
            return List.of();
        }
    }

    /** A plan with one input (projections, aggregates, windows). */
    interface OneInput extends PhysicalOperator {
        PhysicalOperator input();

        @Override
        default List<PhysicalOperator> inputs() {
            return List.of(input());
        }
    }

    /** A plan with one input whose batches keep the input's column types (filters, sorts, limits). */
    interface SameTypes extends OneInput {
        @Override
        default List<SqlType> types() {
            return input().types();
        }
    }

    /** A join of two input plans. */
    interface TwoInputs extends PhysicalOperator {
        PhysicalOperator left();

        PhysicalOperator right();

        @Override
        default List<PhysicalOperator> inputs() {
            return List.of(left(), right());
        }
    }
}
