package io.blueshift.sql.catalog;

import io.blueshift.columnar.SqlType;
import java.util.Objects;

/**
 * A table column: its (already folded) name, its SQL type, whether it admits NULL, and its
 * DEFAULT expression as SQL text (null when it has none: the default is then NULL).
 */
public record ColumnDef(String name, SqlType type, boolean nullable, String defaultSql) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ColumnDef(String name, SqlType type, boolean nullable) {
        this(name, type, nullable, null);
    }
}
