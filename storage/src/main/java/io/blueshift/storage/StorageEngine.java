package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.BufferPool;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.storage.format.DatabaseDirectory;
import io.blueshift.storage.format.Manifest;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The storage engine under SQL: the tables' versions, the transaction manager (snapshots, the
 * commit with its conflict check) and, for a database directory, durability and history. It knows
 * tables and rows, never statements, sessions or SQL text.
 *
 * <p>Every writer takes its locks in one order, so no two can wait on each other: the write locks
 * of the tables it changes, in ascending {@link MemTable#id()} (a total order: ids are unique and
 * never reused), then the commit lock, then the catalog's monitor. A commit checks and applies a
 * transaction under all three, so the manifest it writes holds all of the transaction or none.
 */
public final class StorageEngine implements AutoCloseable {
    private final Catalog catalog;
    /** The database directory's files, or null for an in-memory database. */
    private final DatabaseStorage durable;
    private final History history;
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Tables taken out of the catalog (DROP, ALTER TABLE copies), freed once idle and at the latest at close. */
    private final List<MemTable> retired = new ArrayList<>();

    private StorageEngine(Catalog catalog, DatabaseStorage durable, History history) {
        this.catalog = catalog;
        this.durable = durable;
        this.history = history;
    }

    /** Tables kept in memory only: commits apply changes, nothing is written. */
    public static StorageEngine inMemory(Catalog catalog) {
        return new StorageEngine(catalog, null, null);
    }

    /**
     * Opens a database directory and loads its newest committed version into {@code catalog}; the
     * columns of its stored chunks are kept in {@code pool} once read.
     */
    public static StorageEngine open(Path directory, Catalog catalog, Function<String, BufferAllocator> tableAllocator,
                                     BufferPool pool) {
        DatabaseStorage durable = DatabaseStorage.open(directory, catalog, tableAllocator, pool);
        return new StorageEngine(catalog, durable, new History(durable, tableAllocator));
    }

    /** Whether committed versions are kept on disk (a database directory). */
    public boolean durable() {
        return durable != null;
    }

    /** The database directory, or null for an in-memory database. */
    public DatabaseDirectory directory() {
        return durable == null ? null : durable.directory();
    }

    /**
     * A transaction block reading the current version of every table, taken at one moment (no
     * commit lands halfway into it); each table is pinned until the transaction is released.
     */
    public Transaction begin() {
        commitLock.lock();
        try {
            Map<MemTable, MemTable.Version> snapshot = new IdentityHashMap<>();
            for (SchemaDef schema : catalog.schemas()) {
                for (TableDef table : schema.tables().values()) {
                    if (table.data() != null) {
                        table.data().pin();
                        snapshot.put(table.data(), table.data().version());
                    }
                }
            }
            return new Transaction(snapshot);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Checks a transaction for conflicts (40001), applies its changes to every table at once and
     * makes them durable as one version.
     */
    public void commit(Transaction tx) {
        List<MemTable> tables = new ArrayList<>(tx.tables());
        tables.sort(Comparator.comparingLong(MemTable::id));
        int locked = 0;
        try {
            for (MemTable t : tables) {
                t.writeLock().lock();
                locked++;
            }
            commitLock.lock();
            try {
                synchronized (catalog) {
                    for (MemTable t : tables) {
                        if (t.isClosed() || isRetired(t)) {
                            throw new BlueshiftException(ErrorCode.SERIALIZATION_FAILURE,
                                    "a table this transaction changed was altered or dropped meanwhile");
                        }
                    }
                    tx.commit();
                    commit("COMMIT");
                }
            } finally {
                commitLock.unlock();
            }
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                tables.get(i).writeLock().unlock();
            }
        }
    }

    /**
     * Makes the catalog and rows as they stand durable as the next committed version (nothing for
     * an in-memory database). Every statement that changes the database outside a transaction
     * block calls it before it returns.
     */
    public void commit(String operation) {
        if (durable != null) {
            durable.commit(operation);
        }
        catalog.changed();
    }

    /**
     * Where a bulk load puts its new chunks of {@code table} as it makes them: a staged segment
     * file on a database directory (memory bounded whatever the load's size), memory otherwise.
     */
    public ChunkSink chunkSink(TableDef table, MemoryPool memory) {
        return ChunkSink.of(durable, table, memory);
    }

    /** Applies a change to a table outside a transaction block (the statement commits it next). */
    public void apply(TableDef table, Map<Batch, Deletes> deleted, List<Batch> added) {
        table.data().change(deleted, added);
    }

    /** A table taken out of the catalog: freed once no reader holds it, at the latest at close. */
    public void retire(MemTable table) {
        synchronized (retired) {
            retired.removeIf(MemTable::isClosed);
            retired.add(table);
        }
        table.closeWhenIdle();
    }

    private boolean isRetired(MemTable table) {
        synchronized (retired) {
            return retired.contains(table);
        }
    }

    /** Deletes committed versions older than {@code micros} (never the current one) and the files only they used. */
    public void forgetVersionsBefore(long micros) {
        if (durable != null) {
            // under the catalog's monitor: a commit writes its files and names them in one go
            synchronized (catalog) {
                durable.directory().forgetVersionsBefore(micros);
            }
        }
    }

    /** The history of a database directory (time travel, the change feed); fails for an in-memory database. */
    public History history() {
        if (history == null) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "earlier versions of an in-memory database's tables");
        }
        return history;
    }

    /** Makes a table's rows those of version {@code version} again, as a new committed version. */
    public void restore(String schema, TableDef table, long version) {
        Manifest.Table entry = history().entry(schema, table.name(), version);
        if (!History.columns(entry).stream().map(c -> c.name() + " " + c.type().name()).toList()
                .equals(table.columns().stream().map(c -> c.name() + " " + c.type().name()).toList())) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "RESTORE of a version whose columns differ from the table's (ALTER TABLE came between)");
        }
        MemTable data = table.data();
        data.writeLock().lock();
        try {
            Map<Batch, Deletes> deletes = new IdentityHashMap<>();
            List<Batch> chunks = durable.load(entry, table.columns(), data, deletes);
            data.replace(chunks, deletes);
        } finally {
            data.writeLock().unlock();
        }
        commit("RESTORE");
    }

    /** Per column of a table: stored encodings and bytes on disk (empty for an in-memory database). */
    public List<ColumnStorage> columnStorage(TableDef table) {
        return durable == null ? List.of() : durable.columnStorage(table);
    }

    /** Every table's versions, for svv_table_history (empty for an in-memory database). */
    public List<HistoryRow> historyRows() {
        return history == null ? List.of() : history.allHistory();
    }

    /** Frees every table's rows (current, retired and historical) and closes the directory. */
    @Override
    public void close() {
        for (SchemaDef schema : catalog.schemas()) {
            for (TableDef table : schema.tables().values()) {
                if (table.data() != null) {
                    table.data().close();
                }
            }
        }
        if (history != null) {
            history.close();
        }
        synchronized (retired) {
            retired.forEach(MemTable::close);
            retired.clear();
        }
    }

    /** Closes the database directory (after every table allocator was closed). */
    public void closeDirectory() {
        if (durable != null) {
            durable.close();
        }
    }
}
