package io.blueshift.jdbc;

import io.blueshift.sql.Session;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.parser.SqlScanner;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimerTask;

/**
 * Runs SQL text on the connection's session. Each execution closes the previous result set; a
 * query's rows stream from the engine as the result set is read. A query timeout arms a timer
 * that cancels the session's running statement (it then fails with 57014); the timer is disarmed
 * when the statement finishes or its result set is closed.
 */
class BlueshiftStatement implements Statement, Wrappers {
    final BlueshiftConnection connection;
    private final List<String> batch = new ArrayList<>();
    /** Results left open by {@code getMoreResults(KEEP_CURRENT_RESULT)}, closed with the statement. */
    private final List<AbstractResultSet> kept = new ArrayList<>();
    /** The results of the statements after the current one in a multi-statement string, for {@link #getMoreResults}. */
    private final ArrayDeque<Result> pending = new ArrayDeque<>();
    private AbstractResultSet resultSet;
    private long updateCount = -1;
    private long maxRows;
    private int fetchSize;
    private int queryTimeout;
    private boolean closeOnCompletion;
    private boolean poolable;
    private TimerTask timeout;
    private boolean closed;

    BlueshiftStatement(BlueshiftConnection connection) {
        this.connection = connection;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.closed("Statement");
        }
        connection.checkOpen();
    }

    /** Closes the previous result and arms the query timeout before a new execution. */
    void startExecution() throws SQLException {
        checkOpen();
        closeResult();
        closePending();
        updateCount = -1;
        if (queryTimeout > 0) {
            timeout = QueryTimer.schedule(connection.session()::cancel, queryTimeout * 1000L);
        }
    }

    /** Takes the engine's answer: a result set for a query, else an update count. */
    boolean finishExecution(Result result) {
        if (result.isQuery()) {
            resultSet = new BlueshiftResultSet(result, this, maxRows, this::disarm, this::resultClosed);
            return true;
        }
        try {
            updateCount = Math.max(0, result.updateCount());
        } finally {
            result.close();
            disarm();
        }
        return false;
    }

    /** A failed execution: disarms the timeout and converts the error. */
    SQLException failed(RuntimeException e) {
        disarm();
        return JdbcErrors.of(e);
    }

    void disarm() {
        if (timeout != null) {
            timeout.cancel();
            timeout = null;
        }
    }

    /** The user closed the current result (internal closes clear {@code resultSet} first). */
    private void resultClosed() {
        disarm();
        if (closeOnCompletion && !closed && resultSet != null) {
            closed = true;
            connection.forget(this);
        }
    }

    private void closeResult() {
        if (resultSet != null) {
            AbstractResultSet rs = resultSet;
            resultSet = null;
            rs.close();
        }
    }

    /** Closes the results of a multi-statement string that the application did not move on to. */
    private void closePending() {
        for (Result r = pending.poll(); r != null; r = pending.poll()) {
            r.close();
        }
    }

    /**
     * Runs every statement of {@code sql} in order, as pgJDBC does over the simple protocol: the
     * first result is current, {@link #getMoreResults} moves through the others. Outside a block
     * the statements run in one implicit transaction, as in Postgres: a statement that fails stops
     * the string there with its error (its position counted in the whole text) and undoes the
     * statements before it, whose results are closed.
     */
    @Override
    public boolean execute(String sql) throws SQLException {
        startExecution();
        try {
            if (SqlScanner.secondStatement(sql) < 0) {
                return finishExecution(connection.session().execute(sql));
            }
            SqlScanner.checkTerminated(sql);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        List<SqlScanner.Statement> statements = SqlScanner.split(sql);
        List<Result> results = new ArrayList<>(statements.size());
        Session session = connection.session();
        int offset = 0;
        try {
            for (SqlScanner.Statement s : statements) {
                offset = s.offset();
                session.beginImplicit();
                results.add(session.execute(s.text()));
            }
            offset = 0;
            session.endImplicit(false);
        } catch (RuntimeException e) {
            for (Result done : results) {
                done.close();
            }
            try {
                session.endImplicit(true);
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            disarm();
            throw JdbcErrors.of(e, offset);
        }
        pending.addAll(results.subList(1, results.size()));
        return finishExecution(results.getFirst());
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException("no results were returned by the query", JdbcErrors.NO_DATA);
        }
        return singleResultSet();
    }

    /** The one result set executeQuery returns: a string with more results is refused, as pgJDBC refuses it (0100E). */
    ResultSet singleResultSet() throws SQLException {
        if (!pending.isEmpty()) {
            closeResult();
            closePending();
            throw new SQLException("Multiple ResultSets were returned by the query.", JdbcErrors.TOO_MANY_RESULTS);
        }
        return resultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(executeLargeUpdate(sql), Integer.MAX_VALUE);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (execute(sql)) {
            closeResult();
            throw new SQLException("a result was returned when none was expected", JdbcErrors.UNEXPECTED_RESULT);
        }
        return updateCount;
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        noGeneratedKeys(autoGeneratedKeys);
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        throw JdbcErrors.unsupported("returning generated keys");
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        throw JdbcErrors.unsupported("returning generated keys");
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        noGeneratedKeys(autoGeneratedKeys);
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw JdbcErrors.unsupported("returning generated keys");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        throw JdbcErrors.unsupported("returning generated keys");
    }

    static void noGeneratedKeys(int autoGeneratedKeys) throws SQLException {
        if (autoGeneratedKeys != NO_GENERATED_KEYS) {
            throw JdbcErrors.unsupported("returning generated keys");
        }
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return new MemoryResultSet.Builder().build(this);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return (int) Math.min(getLargeUpdateCount(), Integer.MAX_VALUE);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current == KEEP_CURRENT_RESULT && resultSet != null) {
            kept.add(resultSet);
        } else {
            closeResult();
        }
        resultSet = null;
        updateCount = -1;
        Result next = pending.poll();
        return next != null && finishExecution(next);
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = (int) Math.min(counts[i], Integer.MAX_VALUE);
        }
        return out;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> statements = List.copyOf(batch);
        batch.clear();
        long[] counts = new long[statements.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                if (execute(statements.get(i))) {
                    closeResult();
                    throw new SQLException("a query in a batch returned rows", JdbcErrors.UNEXPECTED_RESULT);
                }
                counts[i] = updateCount;
            } catch (SQLException e) {
                throw batchFailed(e, Arrays.copyOf(counts, i));
            }
        }
        return counts;
    }

    static BatchUpdateException batchFailed(SQLException e, long[] done) {
        return new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        connection.session().cancel();
    }

    @Override
    public void close() {
        if (!closed) {
            closeResult();
            closePending();
            kept.forEach(AbstractResultSet::close);
            kept.clear();
            disarm();
            closed = true;
            connection.forget(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        nonNegative(max, "max field size");
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(getLargeMaxRows(), Integer.MAX_VALUE);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        nonNegative(max, "max rows");
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        nonNegative(seconds, "query timeout");
        queryTimeout = seconds;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw JdbcErrors.unsupported("named cursors");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw JdbcErrors.unsupported("a fetch direction other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** Accepted and reported back; the engine already streams rows one batch at a time. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        nonNegative(rows, "fetch size");
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    private static void nonNegative(long value, String what) throws SQLException {
        if (value < 0) {
            throw new SQLException(what + " must be >= 0", JdbcErrors.INVALID_PARAMETER_VALUE);
        }
    }
}
