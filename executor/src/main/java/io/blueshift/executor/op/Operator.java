package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.util.List;

/**
 * The runtime state of a physical operator in a pull pipeline, made for one worker by its plan
 * ({@link PhysicalOperator#instantiate}); it is used by one thread at a time. {@link #next} hands
 * the caller a dense batch (no selection) that the caller owns and must close, or null once the
 * operator is exhausted. Closing an operator frees what it holds and closes its inputs.
 */
public interface Operator extends AutoCloseable {
    List<SqlType> types();

    Batch next();

    /** The inputs, for EXPLAIN. */
    List<Operator> inputs();

    /** One line describing this operator and its arguments, for EXPLAIN. */
    String describe();

    @Override
    void close();
}
