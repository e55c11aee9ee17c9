package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.IndexDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A declared PRIMARY KEY and every UNIQUE index are enforced as in Postgres (23505 on a
 * duplicate, naming the constraint or index); Redshift only records a primary key. They are
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
        if (!table.primaryKey().isEmpty() && repeats(table, version, added, table.primaryKey(), false)) {
            throw new BlueshiftException(ErrorCode.UNIQUE_VIOLATION, table.name() + "_pkey");
        }
        for (IndexDef i : table.design().indexes()) {
            if (i.unique() && repeats(table, version, added, i.columns(), true)) {
                throw new BlueshiftException(ErrorCode.UNIQUE_VIOLATION, i.name());
            }
        }
    }

    /**
     * Whether two live rows of {@code version} and {@code added} have the same values in {@code
     * columns}; with {@code nullsDistinct}, rows with a NULL in the key never match.
     */
    public static boolean repeats(TableDef table, MemTable.Version version, List<Batch> added, List<String> columns,
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
                    return true;
                }
            }
        }
        return false;
    }

    /** One key column: its values themselves are the set's keys, without a list per row. */
    private static boolean repeatsOne(MemTable.Version version, List<Batch> all, int column, boolean nullsDistinct) {
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
                        return true;
                    }
                    seenNull = true;
                } else if (!seen.add(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
