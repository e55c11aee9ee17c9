package io.blueshift.sql.api;

import io.blueshift.columnar.Batch;
import java.util.List;

/** The result of a statement that returns no rows: its command tag and update count. */
public record StatusResult(String commandTag, long updateCount) implements Result {
    @Override
    public List<ResultColumn> columns() {
        return List.of();
    }

    @Override
    public Batch next() {
        return null;
    }

    @Override
    public void close() {
    }
}
