package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transaction block (BEGIN ... COMMIT) under snapshot isolation. It reads every table as it
 * was when the block began (its snapshot) plus its own changes, which stay private until COMMIT.
 * COMMIT applies them to the tables' current versions under the database's commit lock, after
 * checking that no transaction committed since the snapshot deleted or updated a row this one
 * deleted or updated (first committer wins: the later one fails with 40001 and changes nothing).
 * Rows inserted never conflict; a declared primary key is checked against the committed state.
 */
public final class Transaction {
    private final Map<MemTable, MemTable.Version> snapshot;
    private final Map<MemTable, Local> writes = new IdentityHashMap<>();
    private final Map<MemTable, TableDef> defs = new IdentityHashMap<>();
    private boolean failed;
    /** What to undo beyond the chunks when the transaction rolls back (a COPY's staged segment file). */
    private final List<Runnable> onRollback = new ArrayList<>();

    /** The changes to one table: chunks added and rows deleted, over the snapshot's version. */
    private static final class Local {
        final MemTable.Version base;
        final List<Batch> added = new ArrayList<>();
        final Map<Batch, Deletes> deletes = new IdentityHashMap<>();

        Local(MemTable.Version base) {
            this.base = base;
        }

        public MemTable.Version view() {
            List<Batch> chunks = new ArrayList<>(base.chunks());
            chunks.addAll(added);
            Map<Batch, Deletes> all = new IdentityHashMap<>(base.deletes());
            deletes.forEach((b, d) -> all.put(b, d.union(all.get(b))));
            long rows = 0;
            for (Batch b : chunks) {
                Deletes d = all.get(b);
                rows += b.rowCount() - (d == null ? 0 : d.count());
            }
            return new MemTable.Version(chunks, all, rows);
        }
    }

    public Transaction(Map<MemTable, MemTable.Version> snapshot) {
        this.snapshot = snapshot;
    }

    public boolean failed() {
        return failed;
    }

    public void fail() {
        failed = true;
    }

    /** The version of a table this transaction reads: its snapshot and its own changes. */
    public MemTable.Version view(MemTable table) {
        Local local = writes.get(table);
        if (local != null) {
            return local.view();
        }
        MemTable.Version v = snapshot.get(table);
        return v != null ? v : table.version();
    }

    /** Records a change of the transaction's own (chunks now owned by it until COMMIT or ROLLBACK). */
    public void change(TableDef table, Map<Batch, Deletes> deleted, List<Batch> added) {
        MemTable data = table.data();
        Local local = writes.computeIfAbsent(data, t -> new Local(view(t)));
        defs.put(data, table);
        for (Batch b : added) {
            if (b.rowCount() > 0) {
                local.added.add(b);
            } else {
                b.close();
            }
        }
        deleted.forEach((b, d) -> local.deletes.put(b, d.union(local.deletes.get(b))));
    }

    /** Applies the changes if no concurrent commit touched the same rows (40001 otherwise); runs under the commit lock. */
    public void commit() {
        for (Map.Entry<MemTable, Local> e : writes.entrySet()) {
            MemTable.Version current = e.getKey().version();
            Local local = e.getValue();
            Set<Batch> held = Collections.newSetFromMap(new IdentityHashMap<>());
            held.addAll(current.chunks());
            for (Map.Entry<Batch, Deletes> d : local.deletes.entrySet()) {
                Batch chunk = d.getKey();
                if (local.added.contains(chunk)) {
                    continue;
                }
                if (!held.contains(chunk)) {
                    throw new BlueshiftException(ErrorCode.SERIALIZATION_FAILURE,
                            "table \"" + defs.get(e.getKey()).name() + "\" was rewritten by a concurrent transaction");
                }
                Deletes then = local.base.deletes(chunk);
                Deletes now = current.deletes(chunk);
                if (now != null && !now.equals(then) && overlaps(d.getValue(), now, then)) {
                    throw new BlueshiftException(ErrorCode.SERIALIZATION_FAILURE,
                            "a row of \"" + defs.get(e.getKey()).name() + "\" was changed by a concurrent transaction");
                }
            }
            TableDef def = defs.get(e.getKey());
            if (PrimaryKeys.enforced(def) && !local.added.isEmpty()) {
                Map<Batch, Deletes> merged = new IdentityHashMap<>(current.deletes());
                local.deletes.forEach((b, d) -> merged.put(b, d.union(merged.get(b))));
                PrimaryKeys.check(def, new MemTable.Version(current.chunks(), merged, 0), local.added);
            }
        }
        for (Map.Entry<MemTable, Local> e : writes.entrySet()) {
            e.getKey().change(e.getValue().deletes, e.getValue().added);
        }
        writes.clear();
        release();
    }

    /** Whether {@code ours} deletes a row that {@code now} deletes and {@code then} (the snapshot's) did not. */
    private static boolean overlaps(Deletes ours, Deletes now, Deletes then) {
        long[] a = ours.words();
        long[] b = now.words();
        long[] c = then == null ? new long[b.length] : then.words();
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & b[i] & ~c[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code action} if the transaction rolls back (after its chunks are freed). */
    public void onRollback(Runnable action) {
        onRollback.add(action);
    }

    /** Drops the changes; the chunks the transaction added are freed. */
    public void rollback() {
        for (Local local : writes.values()) {
            local.added.forEach(Batch::close);
        }
        writes.clear();
        try {
            onRollback.forEach(Runnable::run);
        } finally {
            onRollback.clear();
            release();
        }
    }

    private boolean released;

    /** Lets the tables free chunks that only this transaction's snapshot still used. */
    public void release() {
        if (!released) {
            released = true;
            snapshot.keySet().forEach(MemTable::unpin);
        }
    }

    /** The tables the transaction changed. */
    public Set<MemTable> tables() {
        return writes.keySet();
    }

    public boolean hasChanges() {
        return !writes.isEmpty();
    }
}
