package io.blueshift.sql.api;

import io.blueshift.columnar.SqlType;

/** A result column: its name as the client sees it, its SQL type, and whether it may hold NULL. */
public record ResultColumn(String name, SqlType type, boolean nullable) {
}
