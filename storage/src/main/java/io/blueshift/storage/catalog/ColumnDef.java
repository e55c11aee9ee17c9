package io.blueshift.storage.catalog;

import io.blueshift.columnar.SqlType;
import java.util.Objects;

/**
 * A table column: its (already folded) name, its SQL type, whether it admits NULL, its DEFAULT
 * expression as SQL text (null when it has none: the default is then NULL) and its Redshift
 * ENCODE keyword in upper case (null: AUTO, chosen from the data).
 */
public record ColumnDef(String name, SqlType type, boolean nullable, String defaultSql, String encoding) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ColumnDef(String name, SqlType type, boolean nullable, String defaultSql) {
        this(name, type, nullable, defaultSql, null);
    }

    public ColumnDef withEncoding(String newEncoding) {
        return new ColumnDef(name, type, nullable, defaultSql, newEncoding);
    }

    public ColumnDef withName(String newName) {
        return new ColumnDef(newName, type, nullable, defaultSql, encoding);
    }

    public ColumnDef(String name, SqlType type, boolean nullable) {
        this(name, type, nullable, null);
    }
}
