package io.blueshift.storage.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A FOREIGN KEY (inline REFERENCES or a table constraint), kept as Redshift keeps it: informational,
 * shown in {@code pg_constraint} for tools that draw schemas, never checked against the rows.
 * {@code refColumns} is empty when the statement named none (the referenced table's primary key).
 */
public record ForeignKey(String name, List<String> columns, String refSchema, String refTable, List<String> refColumns) {
    public ForeignKey {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(refTable, "refTable");
        refColumns = List.copyOf(refColumns);
    }

    /** The key after a column of its table is renamed. */
    public ForeignKey renamed(String from, String to) {
        return new ForeignKey(name, columns.stream().map(c -> c.equals(from) ? to : c).toList(), refSchema, refTable,
                refColumns);
    }
}
