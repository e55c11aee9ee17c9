package io.blueshift.server.shell;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams a {@link ResultSet} as display strings, in the text forms psql shows: booleans as
 * {@code t}/{@code f} and binary values as {@code \x} followed by hex digits.
 */
final class ResultSetRows implements RowSource {
    private final ResultSet resultSet;
    private final List<Column> columns;
    private final int[] types;

    ResultSetRows(ResultSet resultSet) throws SQLException {
        this.resultSet = resultSet;
        ResultSetMetaData meta = resultSet.getMetaData();
        int count = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = meta.getColumnType(i + 1);
            columns.add(new Column(meta.getColumnLabel(i + 1), isNumeric(types[i])));
        }
        this.columns = List.copyOf(columns);
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
                 Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<String[]> next(int max) throws SQLException {
        List<String[]> chunk = new ArrayList<>(Math.min(max, 1024));
        while (chunk.size() < max && resultSet.next()) {
            String[] row = new String[types.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = value(i + 1);
            }
            chunk.add(row);
        }
        return chunk;
    }

    private String value(int column) throws SQLException {
        return switch (types[column - 1]) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = resultSet.getBoolean(column);
                yield resultSet.wasNull() ? null : value ? "t" : "f";
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = resultSet.getBytes(column);
                yield bytes == null ? null : "\\x" + HexFormat.of().formatHex(bytes);
            }
            default -> resultSet.getString(column);
        };
    }
}
