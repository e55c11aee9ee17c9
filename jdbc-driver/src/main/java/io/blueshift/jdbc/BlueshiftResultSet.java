package io.blueshift.jdbc;

import io.blueshift.columnar.Batch;
import io.blueshift.kernels.Selection;
import io.blueshift.sql.api.Result;
import java.sql.Statement;

/**
 * A query's rows, read batch by batch from the engine's {@link Result}: the current batch stays
 * valid until the next one is fetched, so the result set holds one batch at a time whatever the
 * size of the answer. {@code maxRows} (0: no limit) cuts the rows off as
 * {@link Statement#setMaxRows} asks. {@code onEnd} runs when the rows are exhausted (the query no
 * longer runs, so its timeout is disarmed); closing the result set stops the query and frees its
 * memory.
 */
final class BlueshiftResultSet extends AbstractResultSet {
    private final Result result;
    private final long maxRows;
    private final Runnable onEnd;
    private final Runnable onClose;
    private Batch batch;
    private Selection selection;
    private int live;
    private int index;
    private int position;
    private long read;

    BlueshiftResultSet(Result result, Statement statement, long maxRows, Runnable onEnd, Runnable onClose) {
        super(result.columns(), statement);
        this.result = result;
        this.maxRows = maxRows;
        this.onEnd = onEnd;
        this.onClose = onClose;
    }

    @Override
    boolean advance() {
        if (maxRows > 0 && read >= maxRows) {
            return false;
        }
        while (batch == null || index + 1 >= live) {
            batch = result.next();
            if (batch == null) {
                onEnd.run();
                return false;
            }
            selection = batch.selection();
            live = batch.liveCount();
            index = -1;
        }
        index++;
        position = selection == null ? index : selection.get(index);
        read++;
        return true;
    }

    @Override
    Object current(int column) {
        return batch.get(column, position);
    }

    @Override
    void release() {
        batch = null;
        try {
            result.close();
        } finally {
            onClose.run();
        }
    }
}
