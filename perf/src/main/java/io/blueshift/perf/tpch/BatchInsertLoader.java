package io.blueshift.perf.tpch;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Loads any JDBC engine with one prepared {@code INSERT} per table, sending rows in batches of
 * {@link #BATCH_ROWS} through {@code addBatch}/{@code executeBatch}, every field bound with the
 * setter of its declared type. Autocommit is left as the connection has it.
 */
final class BatchInsertLoader implements TpchLoader {
    static final int BATCH_ROWS = 10_000;

    @Override
    public long load(Connection connection, TpchSchema schema, TpchData data) throws SQLException, IOException {
        TpchLoader.createTables(connection, schema);
        long rows = 0;
        for (TpchSchema.Table table : schema.tables()) {
            rows += loadTable(connection, table, data);
        }
        return rows;
    }

    private static long loadTable(Connection connection, TpchSchema.Table table, TpchData data)
            throws SQLException, IOException {
        List<TpchSchema.Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        String[] fields = new String[columns.size()];
        long rows = 0;
        try (PreparedStatement insert = connection.prepareStatement(sql.toString());
             BufferedReader in = Files.newBufferedReader(data.file(table.name()), StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                split(line, fields, table.name());
                for (int i = 0; i < fields.length; i++) {
                    bind(insert, i + 1, columns.get(i).type(), fields[i]);
                }
                insert.addBatch();
                if (++rows % BATCH_ROWS == 0) {
                    insert.executeBatch();
                }
            }
            if (rows % BATCH_ROWS != 0) {
                insert.executeBatch();
            }
        }
        return rows;
    }

    private static void split(String line, String[] fields, String table) {
        int start = 0;
        for (int i = 0; i < fields.length; i++) {
            int end = line.indexOf('|', start);
            if (end < 0) {
                end = line.length();
            }
            if (start > line.length() || (i == fields.length - 1) != (end == line.length())) {
                throw new IllegalArgumentException(table + ": a row has not " + fields.length + " fields: " + line);
            }
            fields[i] = line.substring(start, end);
            start = end + 1;
        }
    }

    private static void bind(PreparedStatement insert, int index, TpchSchema.ColumnType type, String field)
            throws SQLException {
        switch (type) {
            case INTEGER -> insert.setInt(index, Integer.parseInt(field));
            case BIGINT -> insert.setLong(index, Long.parseLong(field));
            case DECIMAL -> insert.setBigDecimal(index, new BigDecimal(field));
            case DATE -> insert.setDate(index, Date.valueOf(LocalDate.parse(field)));
            case VARCHAR -> insert.setString(index, field);
        }
    }
}
