package io.blueshift.jdbc;

import io.blueshift.sql.api.ResultColumn;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The getters of a forward-only, read-only result, written once over {@link #value}: the query
 * results of the engine and the in-memory results of the metadata calls differ only in where the
 * current row's values come from. Column labels are matched ignoring case, first match wins.
 */
abstract class AbstractResultSet extends ReadOnlyResultSet implements Wrappers {
    private final List<ResultColumn> columns;
    private final Statement statement;
    private Map<String, Integer> labels;
    private boolean wasNull;
    private boolean closed;
    /** 0 before the first row, 1 + rows read while on a row, -1 after the last. */
    private long row;
    private int fetchSize;

    AbstractResultSet(List<ResultColumn> columns, Statement statement) {
        this.columns = List.copyOf(columns);
        this.statement = statement;
    }

    /** Moves to the next row; false at the end. */
    abstract boolean advance() throws SQLException;

    /** The current row's value in a 0-based column, null for SQL NULL. */
    abstract Object current(int column);

    /** Frees what the rows hold. Called once. */
    abstract void release();

    List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public final boolean next() throws SQLException {
        checkOpen();
        if (row < 0) {
            return false;
        }
        boolean more;
        try {
            more = advance();
        } catch (RuntimeException e) {
            throw JdbcErrors.of(e);
        }
        row = more ? row + 1 : -1;
        return more;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("this ResultSet has been closed", JdbcErrors.INVALID_CURSOR_STATE);
        }
    }

    /** The value at a 1-based column of the current row; records whether it was NULL. */
    private Object value(int column) throws SQLException {
        checkOpen();
        if (column < 1 || column > columns.size()) {
            throw new SQLException("column index " + column + " is out of range (1.." + columns.size() + ")",
                    JdbcErrors.INVALID_PARAMETER_VALUE);
        }
        if (row <= 0) {
            throw new SQLException("the ResultSet is not positioned on a row; call next()", JdbcErrors.INVALID_CURSOR_STATE);
        }
        Object v = current(column - 1);
        wasNull = v == null;
        return v;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (labels == null) {
            labels = new HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) {
                labels.put(columns.get(i).name().toLowerCase(Locale.ROOT), i + 1);
            }
        }
        Integer i = label == null ? null : labels.get(label.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new SQLException("the column name " + label + " was not found in this ResultSet", JdbcErrors.UNDEFINED_COLUMN);
        }
        return i;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public String getString(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.toText(v);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        Object v = value(column);
        return v != null && ValueConversions.toBoolean(v);
    }

    @Override
    public byte getByte(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : (byte) ValueConversions.toLong(v, "tinyint", Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    @Override
    public short getShort(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : (short) ValueConversions.toLong(v, "smallint", Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Override
    public int getInt(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : (int) ValueConversions.toLong(v, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public long getLong(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : ValueConversions.toLong(v, "bigint");
    }

    @Override
    public float getFloat(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : ValueConversions.toFloat(v);
    }

    @Override
    public double getDouble(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : ValueConversions.toDouble(v, "double precision");
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.toBigDecimal(v);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        return scaled(getBigDecimal(column), scale);
    }

    private static BigDecimal scaled(BigDecimal d, int scale) {
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    /** The text's UTF-8 bytes: Blueshift has no binary type, so this is what a client can ask for. */
    @Override
    public byte[] getBytes(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return getDate(column, null);
    }

    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.toDate(v, cal);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return getTime(column, null);
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.toTime(v, cal);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return getTimestamp(column, null);
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.toTimestamp(v, cal);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.natural(v);
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("the target class is null", JdbcErrors.INVALID_PARAMETER_VALUE);
        }
        Object v = value(column);
        return v == null ? null : ValueConversions.convert(v, type);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw unsupported("getObject with a type map");
        }
        return getObject(column);
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int column) throws SQLException {
        return getAsciiStream(column);
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        return getAsciiStream(column);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    // By label: each resolves the label and delegates to the index form.

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return scaled(getBigDecimal(findColumn(label)), scale);
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label), map);
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getNString(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getNCharacterStream(findColumn(label));
    }

    // Cursor state and properties.

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new BlueshiftResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return row < 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        throw unsupported("isLast");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row > 0 ? (int) Math.min(row, Integer.MAX_VALUE) : 0;
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
    public String getCursorName() throws SQLException {
        throw unsupported("getCursorName");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw unsupported("a fetch direction other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0", JdbcErrors.INVALID_PARAMETER_VALUE);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public int getType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }
}
