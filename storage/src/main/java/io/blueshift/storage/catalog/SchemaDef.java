package io.blueshift.storage.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A named set of tables and views, as a Postgres schema ({@code public} by default). Thread-safe. */
public final class SchemaDef {
    private final String name;
    private final Map<String, TableDef> tables = new LinkedHashMap<>();
    private final Runnable onChange;

    public SchemaDef(String name) {
        this(name, () -> { });
    }

    /** A schema that calls {@code onChange} whenever a table or view is added, replaced or removed. */
    public SchemaDef(String name, Runnable onChange) {
        this.name = Objects.requireNonNull(name, "name");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    public String name() {
        return name;
    }

    /** Adds or replaces a table; names are matched exactly (they are folded before they get here). */
    public synchronized SchemaDef put(TableDef table) {
        tables.put(table.name(), table);
        onChange.run();
        return this;
    }

    public synchronized TableDef table(String tableName) {
        return tables.get(tableName);
    }

    public synchronized TableDef remove(String tableName) {
        onChange.run();
        return tables.remove(tableName);
    }

    /** The tables and views, in creation order. */
    public synchronized Map<String, TableDef> tables() {
        return new LinkedHashMap<>(tables);
    }
}
