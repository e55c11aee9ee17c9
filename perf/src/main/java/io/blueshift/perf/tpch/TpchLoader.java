package io.blueshift.perf.tpch;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the TPC-H tables in an engine through JDBC and fills them from {@link TpchData} files.
 * DuckDB and an embedded Blueshift read the files themselves with COPY; any other engine gets
 * the rows through batched {@code INSERT}s, the one path any JDBC driver supports.
 */
public interface TpchLoader {
    /** Creates the eight tables (schema.sql as written) and loads every row; returns the row count. */
    long load(Connection connection, TpchSchema schema, TpchData data) throws SQLException, IOException;

    /** The engine's own COPY for DuckDB and embedded Blueshift URLs, batched INSERTs for any other engine. */
    static TpchLoader forUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:duckdb:") ? FileCopyLoader.duckDb()
                : jdbcUrl.startsWith("jdbc:blueshift:") ? FileCopyLoader.blueshift() : new BatchInsertLoader();
    }

    static void createTables(Connection connection, TpchSchema schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (TpchSchema.Table table : schema.tables()) {
                statement.execute(table.createStatement());
            }
        }
    }
}
