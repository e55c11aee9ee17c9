package io.blueshift.sql.session;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Operator;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import java.util.List;

/**
 * The rows of a running query: pulls batches from the root operator on demand. The query's
 * memory is released (and checked for leaks) when the result is closed or fails.
 */
public final class QueryResult implements Result {
    private final List<ResultColumn> columns;
    private final Operator root;
    private final QueryMemory memory;
    private final ExecContext ctx;
    private Runnable onClose;
    private Batch current;
    /** The first batch, computed when the statement runs so that its errors surface there, as in Postgres. */
    private Batch prefetched;
    private boolean prefetchDone;
    private long rows;
    private boolean closed;
    /** Its plan nests deeper than a caller's stack holds ({@link DeepStack}): its batches are computed on the large stack. */
    private final boolean deep;

    public QueryResult(List<ResultColumn> columns, Operator root, QueryMemory memory, ExecContext ctx, Runnable onClose,
                       boolean deep) {
        this.deep = deep;
        this.columns = List.copyOf(columns);
        this.root = root;
        this.memory = memory;
        this.ctx = ctx;
        this.onClose = onClose;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean isQuery() {
        return true;
    }

    /** Runs the query up to its first batch (the whole of it for aggregates and sorts). */
    public void prefetch() {
        try {
            prefetched = root.next();
            prefetchDone = true;
        } catch (RuntimeException e) {
            closeQuietly(e);
            throw e;
        } catch (StackOverflowError | OutOfMemoryError e) {
            BlueshiftException error = DeepStack.error(e);
            closeQuietly(error);
            throw error;
        }
    }

    @Override
    public Batch next() {
        if (closed) {
            return null;
        }
        if (current != null) {
            current.close();
            current = null;
        }
        try {
            if (prefetchDone) {
                prefetchDone = false;
                current = prefetched;
                prefetched = null;
            } else {
                current = deep && !DeepStack.onDeepStack() ? DeepStack.call(root::next) : root.next();
            }
        } catch (RuntimeException e) {
            closeQuietly(e);
            throw e;
        } catch (StackOverflowError | OutOfMemoryError e) {
            BlueshiftException error = DeepStack.error(e);
            closeQuietly(error);
            throw error;
        }
        if (current == null) {
            close();
            return null;
        }
        rows += current.rowCount();
        return current;
    }

    /** Runs {@code more} too when the result closes (the statement that made it ends then). */
    public void alsoOnClose(Runnable more) {
        Runnable first = onClose;
        onClose = () -> {
            try {
                first.run();
            } finally {
                more.run();
            }
        };
    }

    /** Whether the result is closed: read to its end, failed or closed by its reader. */
    public boolean isClosed() {
        return closed;
    }

    public ExecContext context() {
        return ctx;
    }

    @Override
    public String commandTag() {
        return "SELECT " + rows;
    }

    @Override
    public long updateCount() {
        return -1;
    }

    private void closeQuietly(RuntimeException cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current != null) {
                current.close();
                current = null;
            }
            if (prefetched != null) {
                prefetched.close();
                prefetched = null;
            }
            root.close();
        } finally {
            try {
                memory.close();
            } finally {
                onClose.run();
            }
        }
    }
}
