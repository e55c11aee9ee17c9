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

    /** One line describing this operator and its arguments, columns by number. */
    String describe();

    /**
     * This operator's line in EXPLAIN, its columns named by {@code explain} (its inputs' through
     * {@link Explain#shown}); by default {@link #describe()}.
     */
    default String explain(Explain explain) {
        return describe();
    }

    /**
     * The names EXPLAIN gives this operator's output columns: by default those of its first input
     * when it passes that input's columns on (a filter, a sort, a gather), else column1, column2, ...
     */
    default List<String> columnNames(Explain explain) {
        List<Operator> in = inputs();
        if (!in.isEmpty()) {
            List<String> names = explain.names(in.get(0));
            if (names.size() == types().size()) {
                return names;
            }
        }
        return Explain.positional(types().size());
    }

    @Override
    void close();
}
