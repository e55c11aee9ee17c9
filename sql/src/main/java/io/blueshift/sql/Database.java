package io.blueshift.sql;

import io.blueshift.columnar.MemoryPool;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.catalog.Catalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One Blueshift database: its catalog, its tables' memory and the memory pool its queries draw
 * from. {@link #open} gives a private in-memory database ({@code mem:}), one shared in the JVM by
 * name while any user has it open ({@code mem:name}), or a database directory, whose committed
 * state persists ({@link DatabaseStorage}). Sessions run statements against it.
 */
public final class Database implements AutoCloseable {
    /** Memory one query may use unless the session says otherwise. */
    public static final long DEFAULT_QUERY_MEMORY = Math.max(256L << 20, Runtime.getRuntime().maxMemory());

    private static final Map<String, Database> SHARED = new HashMap<>();

    private final String location;
    private final MemoryPool pool = new MemoryPool();
    private final BufferAllocator tables;
    private final Catalog catalog = new Catalog();
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicInteger tableCounter = new AtomicInteger();
    private final boolean shared;
    private final DatabaseStorage storage;
    private volatile boolean closed;

    private Database(String location, boolean shared, java.nio.file.Path directory) {
        this.location = location;
        this.shared = shared;
        this.tables = pool.root().newChildAllocator("tables", 0, Long.MAX_VALUE);
        catalog.setSystemViews(() -> io.blueshift.sql.catalog.SystemViews.views(catalog, this::storageOf));
        try {
            this.storage = directory == null ? null : DatabaseStorage.open(directory, catalog, this::newTableAllocator);
        } catch (RuntimeException e) {
            tables.close();
            pool.close();
            throw e;
        }
    }

    /**
     * Opens {@code mem:} (private, in memory), {@code mem:name} (shared in this JVM while open) or a
     * database directory path. Each open must be matched by one {@link #close}.
     */
    public static Database open(String location) {
        if (location.equals("mem:") || location.isEmpty()) {
            return new Database("mem:", false, null);
        }
        String key = location.startsWith("mem:") ? location
                : java.nio.file.Path.of(location).toAbsolutePath().normalize().toString();
        synchronized (SHARED) {
            Database db = SHARED.get(key);
            if (db != null) {
                db.users.incrementAndGet();
                return db;
            }
            db = new Database(key, true, location.startsWith("mem:") ? null : java.nio.file.Path.of(key));
            SHARED.put(key, db);
            return db;
        }
    }

    public String location() {
        return location;
    }

    /** The database directory of a persistent database, or null for an in-memory one. */
    public io.blueshift.columnar.store.DatabaseDirectory directory() {
        return storage == null ? null : storage.directory();
    }

    /**
     * Makes the catalog and rows as they stand durable as the next committed version (nothing for
     * an in-memory database). Every statement that changes the database calls it before it returns.
     */
    void commit(String operation) {
        if (storage != null) {
            storage.commit(operation);
        }
    }

    private final java.util.concurrent.locks.ReentrantLock commitLock = new java.util.concurrent.locks.ReentrantLock();

    /**
     * The current version of every table, taken at one moment (no transaction commits halfway into
     * it); each table is pinned until the transaction releases it.
     */
    java.util.Map<io.blueshift.executor.table.MemTable, io.blueshift.executor.table.MemTable.Version> snapshot() {
        commitLock.lock();
        try {
            java.util.Map<io.blueshift.executor.table.MemTable, io.blueshift.executor.table.MemTable.Version> out =
                    new java.util.IdentityHashMap<>();
            for (var schema : catalog.schemas()) {
                for (var table : schema.tables().values()) {
                    if (table.data() != null) {
                        table.data().pin();
                        out.put(table.data(), table.data().version());
                    }
                }
            }
            return out;
        } finally {
            commitLock.unlock();
        }
    }

    /** Checks a transaction for conflicts, applies its changes to every table at once and makes them durable. */
    void commitTransaction(Transaction tx) {
        commitLock.lock();
        try {
            tx.commit();
            commit("COMMIT");
        } finally {
            commitLock.unlock();
        }
    }

    /** Deletes committed versions older than {@code micros} (never the current one) and the files only they used. */
    void forgetVersionsBefore(long micros) {
        if (storage != null) {
            storage.directory().forgetVersionsBefore(micros);
        }
    }

    /** Per column of a table: stored encodings and bytes on disk (empty for an in-memory database). */
    private List<io.blueshift.sql.catalog.SystemViews.ColumnStorage> storageOf(io.blueshift.sql.catalog.TableDef t) {
        if (storage == null || closed) {
            return List.of();
        }
        return storage.columnStorage(t).stream()
                .map(c -> new io.blueshift.sql.catalog.SystemViews.ColumnStorage(c.encodings(), c.bytes())).toList();
    }

    public Catalog catalog() {
        return catalog;
    }

    public MemoryPool memoryPool() {
        return pool;
    }

    /** A child allocator for one table's rows. */
    BufferAllocator newTableAllocator(String name) {
        return tables.newChildAllocator("table " + name + " #" + tableCounter.incrementAndGet(), 0, Long.MAX_VALUE);
    }

    public Session newSession() {
        if (closed) {
            throw new BlueshiftException(ErrorCode.CONNECTION_DOES_NOT_EXIST, "the database is closed");
        }
        return new Session(this);
    }

    @Override
    public void close() {
        if (shared) {
            synchronized (SHARED) {
                if (users.decrementAndGet() > 0) {
                    return;
                }
                SHARED.remove(location);
            }
        }
        if (closed) {
            return;
        }
        closed = true;
        for (var schema : catalog.schemas()) {
            for (var table : schema.tables().values()) {
                if (table.data() != null) {
                    table.data().close();
                }
            }
        }
        tables.close();
        pool.close();
        if (storage != null) {
            storage.close();
        }
    }
}
