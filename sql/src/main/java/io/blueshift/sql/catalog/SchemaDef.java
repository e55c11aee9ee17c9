package io.blueshift.sql.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A named set of tables, as a Postgres schema ({@code public} by default). */
public final class SchemaDef {
    private final String name;
    private final Map<String, TableDef> tables = new LinkedHashMap<>();

    public SchemaDef(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /** Adds or replaces a table; names are matched exactly (they are folded before they get here). */
    public SchemaDef put(TableDef table) {
        tables.put(table.name(), table);
        return this;
    }

    public TableDef table(String tableName) {
        return tables.get(tableName);
    }

    public Map<String, TableDef> tables() {
        return Map.copyOf(tables);
    }
}
