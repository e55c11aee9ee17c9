package io.blueshift.perf.tpch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads an engine with its own bulk loader reading the {@code .tbl} files ({@code COPY ... FROM
 * 'file'}): DuckDB's CSV reader and Blueshift's COPY both parse a file in parallel, and that is
 * the load speed their users see; feeding rows through JDBC would measure the driver.
 */
final class FileCopyLoader implements TpchLoader {
    /** What follows {@code COPY table FROM 'file'} in the engine's dialect. */
    private final String options;

    private FileCopyLoader(String options) {
        this.options = options;
    }

    static FileCopyLoader duckDb() {
        return new FileCopyLoader(" (DELIMITER '|', HEADER false)");
    }

    static FileCopyLoader blueshift() {
        return new FileCopyLoader(" DELIMITER '|'");
    }

    @Override
    public long load(Connection connection, TpchSchema schema, TpchData data) throws SQLException {
        TpchLoader.createTables(connection, schema);
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            for (TpchSchema.Table table : schema.tables()) {
                String path = data.file(table.name()).toAbsolutePath().toString().replace("'", "''");
                rows += statement.executeUpdate("COPY " + table.name() + " FROM '" + path + "'" + options);
            }
        }
        return rows;
    }
}
