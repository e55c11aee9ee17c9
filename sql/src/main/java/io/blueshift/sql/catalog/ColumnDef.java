package io.blueshift.sql.catalog;

import io.blueshift.columnar.SqlType;
import java.util.Objects;

/** A table column: its (already folded) name, its SQL type and whether it admits NULL. */
public record ColumnDef(String name, SqlType type, boolean nullable) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
