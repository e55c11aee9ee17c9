package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A declared PRIMARY KEY is enforced as in Postgres (23505 on a duplicate); Redshift only records
 * it. It is checked where rows are added (INSERT, UPDATE, MERGE and COPY, before they change a
 * table) and again by a transaction's commit against the rows committed since its snapshot, so of
 * two blocks inserting the same key the later commit fails. The check reads the table's key
 * columns, so it costs a pass over them per statement.
 */
public final class PrimaryKeys {
    private PrimaryKeys() {
    }

    /** Fails with 23505 when the live rows of {@code version} plus {@code added} repeat a key of {@code table}. */
    public static void check(TableDef table, MemTable.Version version, List<Batch> added) {
        if (table.primaryKey().isEmpty()) {
            return;
        }
        int[] key = table.primaryKey().stream().mapToInt(table::columnIndex).toArray();
        Set<List<Object>> seen = new HashSet<>();
        List<Batch> all = new ArrayList<>(version.chunks());
        all.addAll(added);
        for (Batch b : all) {
            Deletes deleted = version.deletes(b);
            for (int r = 0; r < b.rowCount(); r++) {
                if (deleted != null && deleted.isDeleted(r)) {
                    continue;
                }
                List<Object> k = new ArrayList<>(key.length);
                for (int c : key) {
                    k.add(b.get(c, r));
                }
                if (!seen.add(k)) {
                    throw new BlueshiftException(ErrorCode.UNIQUE_VIOLATION, table.name() + "_pkey");
                }
            }
        }
    }
}
