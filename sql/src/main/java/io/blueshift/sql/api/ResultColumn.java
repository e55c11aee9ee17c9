package io.blueshift.sql.api;

import io.blueshift.columnar.SqlType;

/**
 * A result column: its name as the client sees it, its SQL type, whether it may hold NULL, and the
 * table column it reads unchanged (null for computed columns), which Postgres clients ask for
 * (RowDescription's table OID and attribute number).
 */
public record ResultColumn(String name, SqlType type, boolean nullable, Origin origin) {
    /** A table column: its schema, table and 1-based position. */
    public record Origin(String schema, String table, int column) {
    }

    public ResultColumn(String name, SqlType type, boolean nullable) {
        this(name, type, nullable, null);
    }
}
