package io.blueshift.storage.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An index declared by CREATE [UNIQUE] INDEX. Blueshift keeps no index structure: a scan's zone
 * maps already skip chunks for the indexed columns, so the index is a catalog entry that psql,
 * ORMs and migration tools find ({@code pg_index}, {@code pg_class} relkind 'i') and, when
 * {@code unique}, a constraint every row writer checks (23505 with the index's name), as the
 * primary key is. {@code method} is the access method as written (btree unless USING named
 * another); it changes nothing. {@code constraint} marks the unique index that backs a UNIQUE
 * constraint of CREATE or ALTER TABLE (Postgres' pair of a {@code pg_constraint} row and an index
 * of one name): it is dropped with DROP CONSTRAINT, not DROP INDEX.
 */
public record IndexDef(String name, List<String> columns, boolean unique, String method, boolean constraint) {
    public IndexDef {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(method, "method");
        if (constraint && !unique) {
            throw new IllegalArgumentException("a constraint's index is unique");
        }
    }

    public IndexDef(String name, List<String> columns, boolean unique, String method) {
        this(name, columns, unique, method, false);
    }

    /** The index of a UNIQUE constraint over {@code columns}. */
    public static IndexDef uniqueConstraint(String name, List<String> columns) {
        return new IndexDef(name, columns, true, "btree", true);
    }

    /** The index after a column of its table is renamed. */
    public IndexDef renamed(String from, String to) {
        return new IndexDef(name, columns.stream().map(c -> c.equals(from) ? to : c).toList(), unique, method, constraint);
    }
}
