package io.blueshift.jdbc;

import io.blueshift.sql.api.PreparedStatementHandle;
import io.blueshift.sql.parser.SqlScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement prepared once on the engine ({@link PreparedStatementHandle}) and run with the
 * values of its {@code ?} parameters. A batch is handed to the engine whole, which appends all
 * rows of an {@code INSERT ... VALUES (?, ...)} in one step: that is what makes bulk loading fast.
 * A string of several statements without parameters is not prepared: as pgJDBC splits it and runs
 * each statement, it runs as {@link #execute(String)} runs it (one implicit transaction, the
 * results in turn); with parameters it stays 42601.
 */
final class BlueshiftPreparedStatement extends BlueshiftStatement implements PreparedStatement {
    private final PreparedStatementHandle handle;
    /** The text of a string of several statements without parameters (then {@code handle} is null). */
    private final String several;
    private final Object[] values;
    private final boolean[] bound;
    private List<List<Object>> batchRows = new ArrayList<>();

    BlueshiftPreparedStatement(BlueshiftConnection connection, String sql) throws SQLException {
        super(connection);
        int count = Placeholders.count(sql);
        try {
            if (count == 0 && SqlScanner.secondStatement(SqlScanner.blankComments(sql)) >= 0) {
                SqlScanner.checkTerminated(sql);
                this.several = sql;
                this.handle = null;
            } else {
                this.several = null;
                this.handle = connection.session().prepare(sql);
            }
        } catch (RuntimeException e) {
            throw JdbcErrors.of(e);
        }
        this.values = new Object[count];
        this.bound = new boolean[count];
    }

    private void bind(int index, Object engineValue) throws SQLException {
        checkOpen();
        if (index < 1 || index > values.length) {
            throw new SQLException("parameter index " + index + " is out of range (1.." + values.length + ")",
                    JdbcErrors.INVALID_PARAMETER_VALUE);
        }
        values[index - 1] = engineValue;
        bound[index - 1] = true;
    }

    /** The bound values as one parameter row; every parameter must have one. */
    private List<Object> parameterRow() throws SQLException {
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i]) {
                throw new SQLException("no value specified for parameter " + (i + 1), JdbcErrors.INVALID_PARAMETER_VALUE);
            }
        }
        return Arrays.asList(values.clone());
    }

    @Override
    public boolean execute() throws SQLException {
        if (several != null) {
            checkOpen();
            return super.execute(several);
        }
        List<Object> row = parameterRow();
        startExecution();
        try {
            return finishExecution(handle.execute(row));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("no results were returned by the query", JdbcErrors.NO_DATA);
        }
        return singleResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(executeLargeUpdate(), Integer.MAX_VALUE);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) {
            getMoreResults();
            throw new SQLException("a result was returned when none was expected", JdbcErrors.UNEXPECTED_RESULT);
        }
        return getLargeUpdateCount();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batchRows.add(parameterRow());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batchRows = new ArrayList<>();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<List<Object>> rows = batchRows;
        batchRows = new ArrayList<>();
        if (rows.isEmpty()) {
            return new long[0];
        }
        if (several != null) {
            // each row runs the whole string; its count is the first statement's, as pgJDBC reports it
            long[] counts = new long[rows.size()];
            for (int i = 0; i < counts.length; i++) {
                super.execute(several);
                counts[i] = getLargeUpdateCount();
                while (getMoreResults() || getLargeUpdateCount() != -1) {
                    // the string's later results are not reported
                }
            }
            return counts;
        }
        startExecution();
        try {
            long[] counts = handle.executeBatch(rows);
            disarm();
            return counts;
        } catch (RuntimeException e) {
            throw batchFailed(failed(e), new long[0]);
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(values, null);
        Arrays.fill(bound, false);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return handle == null || handle.columns().isEmpty() ? null : new BlueshiftResultSetMetaData(handle.columns());
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new BlueshiftParameterMetaData(handle == null ? List.of() : handle.parameterTypes(), values.length);
    }

    @Override
    public void close() {
        if (!isClosed()) {
            super.close();
            if (handle != null) {
                handle.close();
            }
        }
    }

    // Setters.

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        bind(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        bind(index, null);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        bind(index, (short) x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        bind(index, x);
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        bind(index, ParameterValues.date(x, null));
    }

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        bind(index, ParameterValues.date(x, cal));
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        bind(index, ParameterValues.time(x, null));
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        bind(index, ParameterValues.time(x, cal));
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        bind(index, ParameterValues.timestamp(x, null));
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        bind(index, ParameterValues.timestamp(x, cal));
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        bind(index, ParameterValues.toEngine(x));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        bind(index, ParameterValues.toEngine(x, targetSqlType));
    }

    /** The scale applies to the value as given; the column's type decides what is stored. */
    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(index, ParameterValues.toEngine(x, targetSqlType));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setCharacterStream(index, x == null ? null : new InputStreamReader(x, StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        setAsciiStream(index, x);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        setAsciiStream(index, x);
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        bind(index, reader == null ? null : readAll(reader));
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        setCharacterStream(index, reader);
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader);
    }

    @Override
    public void setNCharacterStream(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader);
    }

    @Override
    public void setNCharacterStream(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader);
    }

    private static String readAll(Reader reader) throws SQLException {
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new SQLException("reading the parameter value failed: " + e.getMessage(), "58030", e);
        }
    }

    // Blueshift has no binary, LOB, array, reference or XML types.

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        throw JdbcErrors.unsupported("binary parameters (setBytes)");
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        throw JdbcErrors.unsupported("binary parameters (setBinaryStream)");
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        setBinaryStream(index, x);
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        setBinaryStream(index, x);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        throw JdbcErrors.unsupported("setUnicodeStream");
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        throw JdbcErrors.unsupported("BLOB parameters");
    }

    @Override
    public void setBlob(int index, InputStream x) throws SQLException {
        throw JdbcErrors.unsupported("BLOB parameters");
    }

    @Override
    public void setBlob(int index, InputStream x, long length) throws SQLException {
        throw JdbcErrors.unsupported("BLOB parameters");
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        throw JdbcErrors.unsupported("CLOB parameters");
    }

    @Override
    public void setClob(int index, Reader x) throws SQLException {
        setCharacterStream(index, x);
    }

    @Override
    public void setClob(int index, Reader x, long length) throws SQLException {
        setCharacterStream(index, x);
    }

    @Override
    public void setNClob(int index, NClob x) throws SQLException {
        throw JdbcErrors.unsupported("NCLOB parameters");
    }

    @Override
    public void setNClob(int index, Reader x) throws SQLException {
        setCharacterStream(index, x);
    }

    @Override
    public void setNClob(int index, Reader x, long length) throws SQLException {
        setCharacterStream(index, x);
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        throw JdbcErrors.unsupported("ARRAY parameters");
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        throw JdbcErrors.unsupported("REF parameters");
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        throw JdbcErrors.unsupported("ROWID parameters");
    }

    @Override
    public void setSQLXML(int index, SQLXML x) throws SQLException {
        throw JdbcErrors.unsupported("XML parameters");
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        throw JdbcErrors.unsupported("DATALINK parameters");
    }

    // The SQL-text forms of Statement do not apply to a prepared statement.

    private static SQLException sqlTextGiven() {
        return new SQLException("cannot use a method that takes SQL text on a PreparedStatement", "42809");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw sqlTextGiven();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw sqlTextGiven();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw sqlTextGiven();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw sqlTextGiven();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw sqlTextGiven();
    }
}
