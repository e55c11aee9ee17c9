package io.blueshift.jdbc;

import io.blueshift.sql.Database;
import io.blueshift.sql.Session;
import io.blueshift.sql.api.Progress;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.catalog.PgSession;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One JDBC connection: one opened {@link Database} and one {@link Session} on it. Closing the
 * connection closes its statements, the session and its use of the database (a shared
 * {@code mem:name} database lives on while another connection has it open).
 */
final class BlueshiftConnection implements ProgressReporting, Connection, Wrappers {
    private final String url;
    private final Database database;
    private final Session session;
    private final Set<BlueshiftStatement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean autoCommit = true;
    private boolean readOnly;
    private int isolation = TRANSACTION_READ_COMMITTED;
    private volatile boolean closed;

    BlueshiftConnection(String url, String location, Properties info) throws SQLException {
        this.url = url;
        try {
            Map<String, String> startup = new HashMap<>();
            for (String name : List.of(Database.BUFFER_POOL_SIZE, Database.MEMORY_LIMIT)) {
                if (info.getProperty(name) != null) {
                    startup.put(name, info.getProperty(name));
                }
            }
            this.database = Database.open(location, startup);
        } catch (RuntimeException e) {
            throw JdbcErrors.of(e);
        }
        try {
            this.session = database.newSession();
            applySettings(info);
        } catch (RuntimeException | SQLException e) {
            database.close();
            throw e instanceof SQLException s ? s : JdbcErrors.of((RuntimeException) e);
        }
    }

    /**
     * URL and connection properties that name a session setting (search_path, timezone, ...)
     * become {@code SET}s; {@code currentSchema} sets the search path as in pgJDBC.
     */
    private void applySettings(Properties info) throws SQLException {
        for (String key : info.stringPropertyNames()) {
            String value = info.getProperty(key);
            if (key.equals("currentSchema")) {
                setSchema(value);
            } else if (session.setting(key) != null) {
                run("SET " + key + " = '" + value.replace("'", "''") + "'");
            }
        }
    }

    Session session() {
        return session;
    }

    @Override
    public void setProgressListener(Consumer<Progress> listener) {
        session.setProgressListener(listener);
    }

    String url() {
        return url;
    }

    Database database() {
        return database;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.closed("Connection");
        }
    }

    /** Runs a statement that returns no rows on this connection's session. */
    private void run(String sql) throws SQLException {
        checkOpen();
        try (Result r = session.execute(sql)) {
            r.commandTag();
        } catch (RuntimeException e) {
            throw JdbcErrors.of(e);
        }
    }

    synchronized void forget(BlueshiftStatement statement) {
        statements.remove(statement);
    }

    private synchronized <S extends BlueshiftStatement> S track(S statement) {
        statements.add(statement);
        return statement;
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return track(new BlueshiftStatement(this));
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        checkResultSetKind(type, concurrency);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return track(new BlueshiftPreparedStatement(this, sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        checkResultSetKind(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        BlueshiftStatement.noGeneratedKeys(autoGeneratedKeys);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw JdbcErrors.unsupported("returning generated keys");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        throw JdbcErrors.unsupported("returning generated keys");
    }

    private void checkResultSetKind(int type, int concurrency) throws SQLException {
        checkOpen();
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw JdbcErrors.unsupported("result sets other than TYPE_FORWARD_ONLY, CONCUR_READ_ONLY");
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw JdbcErrors.unsupported("CallableStatement");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        throw JdbcErrors.unsupported("CallableStatement");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
        throw JdbcErrors.unsupported("CallableStatement");
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit != this.autoCommit) {
            run(autoCommit ? "COMMIT" : "BEGIN");
            this.autoCommit = autoCommit;
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        endTransaction("COMMIT");
    }

    @Override
    public void rollback() throws SQLException {
        endTransaction("ROLLBACK");
    }

    /** Ends the transaction; without autocommit the next one starts at once, as JDBC expects. */
    private void endTransaction(String command) throws SQLException {
        try {
            run(command);
        } finally {
            // a COMMIT that fails (40001) has still ended the transaction: the next one starts
            if (!autoCommit && !closed) {
                run("BEGIN");
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<BlueshiftStatement> open;
        synchronized (this) {
            open = new ArrayList<>(statements);
        }
        try {
            for (BlueshiftStatement s : open) {
                s.close();
            }
            session.close();
        } finally {
            database.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new BlueshiftDatabaseMetaData(this);
    }

    /** Recorded and reported; Blueshift does not stop writes on a read-only connection. */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    /** A database has one catalog; naming another is ignored, as JDBC allows. */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return BlueshiftDriver.CATALOG;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        run("SET search_path = '" + schema.replace("'", "''") + "'");
    }

    /** The first schema of the search path ({@code "$user"} where a schema of the user's name exists). */
    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        for (String name : PgSession.parseSearchPath(session.setting("search_path"))) {
            if (!name.equals("$user")) {
                return name;
            }
            if (database.catalog().findSchema(session.user()) != null) {
                return session.user();
            }
        }
        return null;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        isolation = level;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return isolation;
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
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw JdbcErrors.unsupported("user-defined type maps");
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw JdbcErrors.unsupported("holdable cursors");
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw JdbcErrors.unsupported("CLOB values");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw JdbcErrors.unsupported("BLOB values");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw JdbcErrors.unsupported("NCLOB values");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw JdbcErrors.unsupported("XML values");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw JdbcErrors.unsupported("ARRAY values");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw JdbcErrors.unsupported("STRUCT values");
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must be >= 0", JdbcErrors.INVALID_PARAMETER_VALUE);
        }
        return !closed;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        throw new SQLClientInfoException("client info property " + name + " is not supported", JdbcErrors.FEATURE_NOT_SUPPORTED,
                0, Map.of());
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (!properties.isEmpty()) {
            throw new SQLClientInfoException("client info properties are not supported", JdbcErrors.FEATURE_NOT_SUPPORTED,
                    0, Map.of());
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        return new Properties();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("executor is null", JdbcErrors.INVALID_PARAMETER_VALUE);
        }
        session.cancel();
        executor.execute(this::close);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        throw JdbcErrors.unsupported("network timeouts on an embedded connection");
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return 0;
    }
}
