package io.blueshift.sql.api;

import io.blueshift.columnar.SqlType;
import java.util.List;

/**
 * A statement parsed and planned once, executed many times with {@code ?} parameter values (Java
 * objects of the parameters' types, or anything {@code CAST} accepts, or null).
 */
public interface PreparedStatementHandle extends AutoCloseable {
    /** The inferred type of each {@code ?}, in order. */
    List<SqlType> parameterTypes();

    /** The result columns of a query, empty otherwise. */
    List<ResultColumn> columns();

    Result execute(List<Object> parameters);

    /**
     * Runs the statement once per parameter row and returns each run's update count. An INSERT of
     * VALUES appends all rows in one step, which is what makes JDBC batch loading fast.
     */
    long[] executeBatch(List<List<Object>> parameterRows);

    @Override
    void close();
}
