package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.IndexDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A declared PRIMARY KEY, every UNIQUE constraint and every UNIQUE index are enforced as in
 * Postgres (23505 on a duplicate, naming the constraint or index, with the key in the DETAIL);
 * Redshift only records primary keys and unique constraints. They are
 * checked where rows are added (INSERT, UPDATE, MERGE and COPY, before they change a table) and
 * again by a transaction's commit against the rows committed since its snapshot, so of two blocks
 * inserting the same key the later commit fails. A unique index treats NULLs as distinct, as
 * Postgres does by default: a key with a NULL never collides. The check reads the table's key
 * columns, so it costs a pass over them per statement and key.
 */
public final class PrimaryKeys {
    private PrimaryKeys() {
    }

    /** Whether rows added to {@code table} must be checked: it has a primary key or a unique index. */
    public static boolean enforced(TableDef table) {
        if (!table.primaryKey().isEmpty()) {
            return true;
        }
        for (IndexDef i : table.design().indexes()) {
            if (i.unique()) {
                return true;
            }
        }
        return false;
    }

    /** Fails with 23505 when the live rows of {@code version} plus {@code added} repeat a key of {@code table}. */
    public static void check(TableDef table, MemTable.Version version, List<Batch> added) {
        if (!table.primaryKey().isEmpty()) {
            List<Object> repeated = repeated(table, version, added, table.primaryKey(), false);
            if (repeated != null) {
                throw new BlueshiftException(ErrorCode.UNIQUE_VIOLATION, table.primaryKeyName())
                        .withDetail(keyDetail(table.primaryKey(), repeated) + " already exists.");
            }
        }
        for (IndexDef i : table.design().indexes()) {
            List<Object> repeated = i.unique() ? repeated(table, version, added, i.columns(), true) : null;
            if (repeated != null) {
                throw new BlueshiftException(ErrorCode.UNIQUE_VIOLATION, i.name())
                        .withDetail(keyDetail(i.columns(), repeated) + " already exists.");
            }
        }
    }

    /** Postgres' words for a key in a DETAIL: {@code Key (a, b)=(1, x)}. */
    public static String keyDetail(List<String> columns, List<Object> values) {
        StringBuilder sb = new StringBuilder("Key (").append(String.join(", ", columns)).append(")=(");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(values.get(i) == null ? "null" : values.get(i));
        }
        return sb.append(')').toString();
    }

    /**
     * Whether two live rows of {@code version} and {@code added} have the same values in {@code
     * columns}; with {@code nullsDistinct}, rows with a NULL in the key never match.
     */
    public static boolean repeats(TableDef table, MemTable.Version version, List<Batch> added, List<String> columns,
                                  boolean nullsDistinct) {
        return repeated(table, version, added, columns, nullsDistinct) != null;
    }

    /** The first key that two live rows share (as {@link #repeats} finds it), or null when none repeats. */
    public static List<Object> repeated(TableDef table, MemTable.Version version, List<Batch> added, List<String> columns,
                                        boolean nullsDistinct) {
        int[] key = columns.stream().mapToInt(table::columnIndex).toArray();
        List<Batch> all = new ArrayList<>(version.chunks());
        all.addAll(added);
        if (key.length == 1) {
            return repeatsOne(version, all, key[0], nullsDistinct);
        }
        Set<List<Object>> seen = new HashSet<>();
        for (Batch b : all) {
            Deletes deleted = version.deletes(b);
            rows:
            for (int r = 0; r < b.rowCount(); r++) {
                if (deleted != null && deleted.isDeleted(r)) {
                    continue;
                }
                List<Object> k = new ArrayList<>(key.length);
                for (int c : key) {
                    Object v = b.get(c, r);
                    if (v == null && nullsDistinct) {
                        continue rows;
                    }
                    k.add(v);
                }
                if (!seen.add(k)) {
                    return k;
                }
            }
        }
        return null;
    }

    /** One key column: its values themselves are the set's keys, without a list per row. */
    private static List<Object> repeatsOne(MemTable.Version version, List<Batch> all, int column, boolean nullsDistinct) {
        Set<Object> seen = new HashSet<>();
        boolean seenNull = false;
        for (Batch b : all) {
            Deletes deleted = version.deletes(b);
            for (int r = 0; r < b.rowCount(); r++) {
                if (deleted != null && deleted.isDeleted(r)) {
                    continue;
                }
                Object v = b.get(column, r);
                if (v == null) {
                    if (!nullsDistinct && seenNull) {
                        return Collections.singletonList(null);
                    }
                    seenNull = true;
                } else if (!seen.add(v)) {
                    return List.of(v);
                }
            }
        }
        return null;
    }
}
