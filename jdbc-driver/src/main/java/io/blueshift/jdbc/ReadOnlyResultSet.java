package io.blueshift.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * The part of {@link ResultSet} a forward-only, read-only result does not offer: updates,
 * scrolling and the LOB, array and reference types Blueshift has no columns for. Each method
 * fails with SQLSTATE 0A000, as JDBC asks of optional features.
 */
abstract class ReadOnlyResultSet implements ResultSet {
    static SQLException unsupported(String method) {
        return JdbcErrors.unsupported("ResultSet." + method);
    }

    @Override
    public boolean absolute(int p1) throws SQLException {
        throw unsupported("absolute");
    }

    @Override
    public void afterLast() throws SQLException {
        throw unsupported("afterLast");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw unsupported("beforeFirst");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw unsupported("cancelRowUpdates");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw unsupported("deleteRow");
    }

    @Override
    public boolean first() throws SQLException {
        throw unsupported("first");
    }

    @Override
    public Array getArray(String p1) throws SQLException {
        throw unsupported("getArray");
    }

    @Override
    public Array getArray(int p1) throws SQLException {
        throw unsupported("getArray");
    }

    @Override
    public Blob getBlob(String p1) throws SQLException {
        throw unsupported("getBlob");
    }

    @Override
    public Blob getBlob(int p1) throws SQLException {
        throw unsupported("getBlob");
    }

    @Override
    public Clob getClob(String p1) throws SQLException {
        throw unsupported("getClob");
    }

    @Override
    public Clob getClob(int p1) throws SQLException {
        throw unsupported("getClob");
    }

    @Override
    public NClob getNClob(String p1) throws SQLException {
        throw unsupported("getNClob");
    }

    @Override
    public NClob getNClob(int p1) throws SQLException {
        throw unsupported("getNClob");
    }

    @Override
    public Ref getRef(String p1) throws SQLException {
        throw unsupported("getRef");
    }

    @Override
    public Ref getRef(int p1) throws SQLException {
        throw unsupported("getRef");
    }

    @Override
    public RowId getRowId(String p1) throws SQLException {
        throw unsupported("getRowId");
    }

    @Override
    public RowId getRowId(int p1) throws SQLException {
        throw unsupported("getRowId");
    }

    @Override
    public SQLXML getSQLXML(String p1) throws SQLException {
        throw unsupported("getSQLXML");
    }

    @Override
    public SQLXML getSQLXML(int p1) throws SQLException {
        throw unsupported("getSQLXML");
    }

    @Override
    public URL getURL(String p1) throws SQLException {
        throw unsupported("getURL");
    }

    @Override
    public URL getURL(int p1) throws SQLException {
        throw unsupported("getURL");
    }

    @Override
    public void insertRow() throws SQLException {
        throw unsupported("insertRow");
    }

    @Override
    public boolean last() throws SQLException {
        throw unsupported("last");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw unsupported("moveToCurrentRow");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw unsupported("moveToInsertRow");
    }

    @Override
    public boolean previous() throws SQLException {
        throw unsupported("previous");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw unsupported("refreshRow");
    }

    @Override
    public boolean relative(int p1) throws SQLException {
        throw unsupported("relative");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw unsupported("rowDeleted");
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw unsupported("rowInserted");
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        throw unsupported("rowUpdated");
    }

    @Override
    public void updateArray(String p1, Array p2) throws SQLException {
        throw unsupported("updateArray");
    }

    @Override
    public void updateArray(int p1, Array p2) throws SQLException {
        throw unsupported("updateArray");
    }

    @Override
    public void updateAsciiStream(String p1, InputStream p2) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p1, InputStream p2) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String p1, InputStream p2, int p3) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String p1, InputStream p2, long p3) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p1, InputStream p2, int p3) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int p1, InputStream p2, long p3) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateBigDecimal(String p1, BigDecimal p2) throws SQLException {
        throw unsupported("updateBigDecimal");
    }

    @Override
    public void updateBigDecimal(int p1, BigDecimal p2) throws SQLException {
        throw unsupported("updateBigDecimal");
    }

    @Override
    public void updateBinaryStream(String p1, InputStream p2) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p1, InputStream p2) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String p1, InputStream p2, int p3) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String p1, InputStream p2, long p3) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p1, InputStream p2, int p3) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int p1, InputStream p2, long p3) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBlob(String p1, InputStream p2) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(String p1, Blob p2) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(int p1, InputStream p2) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(int p1, Blob p2) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(String p1, InputStream p2, long p3) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(int p1, InputStream p2, long p3) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBoolean(String p1, boolean p2) throws SQLException {
        throw unsupported("updateBoolean");
    }

    @Override
    public void updateBoolean(int p1, boolean p2) throws SQLException {
        throw unsupported("updateBoolean");
    }

    @Override
    public void updateByte(String p1, byte p2) throws SQLException {
        throw unsupported("updateByte");
    }

    @Override
    public void updateByte(int p1, byte p2) throws SQLException {
        throw unsupported("updateByte");
    }

    @Override
    public void updateBytes(String p1, byte[] p2) throws SQLException {
        throw unsupported("updateBytes");
    }

    @Override
    public void updateBytes(int p1, byte[] p2) throws SQLException {
        throw unsupported("updateBytes");
    }

    @Override
    public void updateCharacterStream(String p1, Reader p2) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p1, Reader p2) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String p1, Reader p2, int p3) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p1, Reader p2, int p3) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateClob(String p1, Reader p2) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(String p1, Clob p2) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(int p1, Reader p2) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(int p1, Clob p2) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(String p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(int p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateDate(String p1, Date p2) throws SQLException {
        throw unsupported("updateDate");
    }

    @Override
    public void updateDate(int p1, Date p2) throws SQLException {
        throw unsupported("updateDate");
    }

    @Override
    public void updateDouble(String p1, double p2) throws SQLException {
        throw unsupported("updateDouble");
    }

    @Override
    public void updateDouble(int p1, double p2) throws SQLException {
        throw unsupported("updateDouble");
    }

    @Override
    public void updateFloat(String p1, float p2) throws SQLException {
        throw unsupported("updateFloat");
    }

    @Override
    public void updateFloat(int p1, float p2) throws SQLException {
        throw unsupported("updateFloat");
    }

    @Override
    public void updateInt(String p1, int p2) throws SQLException {
        throw unsupported("updateInt");
    }

    @Override
    public void updateInt(int p1, int p2) throws SQLException {
        throw unsupported("updateInt");
    }

    @Override
    public void updateLong(String p1, long p2) throws SQLException {
        throw unsupported("updateLong");
    }

    @Override
    public void updateLong(int p1, long p2) throws SQLException {
        throw unsupported("updateLong");
    }

    @Override
    public void updateNCharacterStream(String p1, Reader p2) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int p1, Reader p2) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNClob(String p1, Reader p2) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(String p1, NClob p2) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(int p1, Reader p2) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(int p1, NClob p2) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(String p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(int p1, Reader p2, long p3) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNString(String p1, String p2) throws SQLException {
        throw unsupported("updateNString");
    }

    @Override
    public void updateNString(int p1, String p2) throws SQLException {
        throw unsupported("updateNString");
    }

    @Override
    public void updateNull(String p1) throws SQLException {
        throw unsupported("updateNull");
    }

    @Override
    public void updateNull(int p1) throws SQLException {
        throw unsupported("updateNull");
    }

    @Override
    public void updateObject(String p1, Object p2) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateObject(int p1, Object p2) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateObject(String p1, Object p2, int p3) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateObject(int p1, Object p2, int p3) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateRef(String p1, Ref p2) throws SQLException {
        throw unsupported("updateRef");
    }

    @Override
    public void updateRef(int p1, Ref p2) throws SQLException {
        throw unsupported("updateRef");
    }

    @Override
    public void updateRow() throws SQLException {
        throw unsupported("updateRow");
    }

    @Override
    public void updateRowId(String p1, RowId p2) throws SQLException {
        throw unsupported("updateRowId");
    }

    @Override
    public void updateRowId(int p1, RowId p2) throws SQLException {
        throw unsupported("updateRowId");
    }

    @Override
    public void updateSQLXML(String p1, SQLXML p2) throws SQLException {
        throw unsupported("updateSQLXML");
    }

    @Override
    public void updateSQLXML(int p1, SQLXML p2) throws SQLException {
        throw unsupported("updateSQLXML");
    }

    @Override
    public void updateShort(String p1, short p2) throws SQLException {
        throw unsupported("updateShort");
    }

    @Override
    public void updateShort(int p1, short p2) throws SQLException {
        throw unsupported("updateShort");
    }

    @Override
    public void updateString(String p1, String p2) throws SQLException {
        throw unsupported("updateString");
    }

    @Override
    public void updateString(int p1, String p2) throws SQLException {
        throw unsupported("updateString");
    }

    @Override
    public void updateTime(String p1, Time p2) throws SQLException {
        throw unsupported("updateTime");
    }

    @Override
    public void updateTime(int p1, Time p2) throws SQLException {
        throw unsupported("updateTime");
    }

    @Override
    public void updateTimestamp(String p1, Timestamp p2) throws SQLException {
        throw unsupported("updateTimestamp");
    }

    @Override
    public void updateTimestamp(int p1, Timestamp p2) throws SQLException {
        throw unsupported("updateTimestamp");
    }

}
