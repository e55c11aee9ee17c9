package io.blueshift.sql.api;

import io.blueshift.columnar.Batch;
import java.util.List;

/**
 * The outcome of one statement. A query streams its rows as batches: {@link #next} returns the next
 * batch, which stays valid until the following call to {@code next} or {@link #close} (the result
 * owns it; read values with {@link Batch#get} or the vectors), or null at the end. Other statements
 * have no columns and report a Postgres command tag and an update count. Closing a result stops
 * the query and frees everything it held.
 */
public interface Result extends AutoCloseable {
    /** The result columns; empty for statements that return no rows. */
    List<ResultColumn> columns();

    /** Whether this result has rows to read (a query), even if there are zero of them. */
    default boolean isQuery() {
        return !columns().isEmpty();
    }

    /** The next batch of rows, or null when there are no more. */
    Batch next();

    /** The Postgres command tag: {@code SELECT 5}, {@code INSERT 0 3}, {@code CREATE TABLE}, ... */
    String commandTag();

    /** Rows inserted, updated or deleted; -1 for queries and DDL. */
    long updateCount();

    @Override
    void close();
}
