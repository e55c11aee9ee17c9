package io.blueshift.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table's Redshift physical design: how its rows spread over slices ({@code distStyle} AUTO,
 * EVEN, KEY or ALL, with {@code distKey} for KEY) and the order they are kept in ({@code
 * sortStyle} COMPOUND, INTERLEAVED, AUTO or NONE over {@code sortKey}); with them what a
 * Postgres schema declares about access paths and relations without changing how rows are
 * stored: its indexes and its (informational) foreign keys, and the primary key's name when it is
 * not Postgres' default ({@code primaryKeyName} null: {@code table_pkey}, see {@link
 * TableDef#primaryKeyName()}). Column encodings live on the columns ({@link ColumnDef#encoding()}).
 */
public record PhysicalDesign(String distStyle, String distKey, String sortStyle, List<String> sortKey,
                             List<IndexDef> indexes, List<ForeignKey> foreignKeys, String primaryKeyName) {
    public static final PhysicalDesign DEFAULT = new PhysicalDesign("AUTO", null, "AUTO", List.of());

    public PhysicalDesign {
        Objects.requireNonNull(distStyle, "distStyle");
        Objects.requireNonNull(sortStyle, "sortStyle");
        sortKey = List.copyOf(sortKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public PhysicalDesign(String distStyle, String distKey, String sortStyle, List<String> sortKey) {
        this(distStyle, distKey, sortStyle, sortKey, List.of(), List.of(), null);
    }

    public PhysicalDesign(String distStyle, String distKey, String sortStyle, List<String> sortKey,
                          List<IndexDef> indexes, List<ForeignKey> foreignKeys) {
        this(distStyle, distKey, sortStyle, sortKey, indexes, foreignKeys, null);
    }

    /** The design with the primary key's name ({@code null}: Postgres' default, {@code table_pkey}). */
    public PhysicalDesign withPrimaryKeyName(String name) {
        return new PhysicalDesign(distStyle, distKey, sortStyle, sortKey, indexes, foreignKeys, name);
    }

    public PhysicalDesign withDistribution(String style, String key) {
        return new PhysicalDesign(style.toUpperCase(Locale.ROOT), key, sortStyle, sortKey, indexes, foreignKeys, primaryKeyName);
    }

    public PhysicalDesign withSort(String style, List<String> key) {
        return new PhysicalDesign(distStyle, distKey, style.toUpperCase(Locale.ROOT), key, indexes, foreignKeys, primaryKeyName);
    }

    public PhysicalDesign withIndexes(List<IndexDef> newIndexes) {
        return new PhysicalDesign(distStyle, distKey, sortStyle, sortKey, newIndexes, foreignKeys, primaryKeyName);
    }

    public PhysicalDesign withForeignKeys(List<ForeignKey> newForeignKeys) {
        return new PhysicalDesign(distStyle, distKey, sortStyle, sortKey, indexes, newForeignKeys, primaryKeyName);
    }

    /** The index of that name, or null. */
    public IndexDef index(String name) {
        for (IndexDef i : indexes) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** The design after a column is renamed. */
    public PhysicalDesign renamed(String from, String to) {
        List<IndexDef> newIndexes = new ArrayList<>();
        for (IndexDef i : indexes) {
            newIndexes.add(i.renamed(from, to));
        }
        List<ForeignKey> newKeys = new ArrayList<>();
        for (ForeignKey k : foreignKeys) {
            newKeys.add(k.renamed(from, to));
        }
        return new PhysicalDesign(distStyle, from.equals(distKey) ? to : distKey, sortStyle,
                sortKey.stream().map(c -> c.equals(from) ? to : c).toList(), newIndexes, newKeys, primaryKeyName);
    }
}
