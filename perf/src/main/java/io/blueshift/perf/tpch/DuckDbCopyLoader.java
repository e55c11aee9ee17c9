package io.blueshift.perf.tpch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads DuckDB with its own CSV reader ({@code COPY ... FROM}), which parses the files in parallel
 * and is the load speed DuckDB users see; feeding it rows through JDBC would measure the driver.
 */
final class DuckDbCopyLoader implements TpchLoader {
    @Override
    public long load(Connection connection, TpchSchema schema, TpchData data) throws SQLException {
        TpchLoader.createTables(connection, schema);
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            for (TpchSchema.Table table : schema.tables()) {
                String path = data.file(table.name()).toAbsolutePath().toString().replace("'", "''");
                rows += statement.executeUpdate("COPY " + table.name() + " FROM '" + path
                        + "' (DELIMITER '|', HEADER false)");
            }
        }
        return rows;
    }
}
