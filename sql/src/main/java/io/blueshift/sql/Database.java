package io.blueshift.sql;

import io.blueshift.sql.storage.Transaction;
import io.blueshift.sql.files.ExternalFiles;
import io.blueshift.sql.storage.History;
import io.blueshift.sql.storage.DatabaseStorage;
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
    private final io.blueshift.sql.catalog.LoadErrors loadErrors = new io.blueshift.sql.catalog.LoadErrors();
    /** Tables over files queried in place (read_parquet), kept while their files do not change. */
    private final ExternalFiles.Cache externalFiles = new ExternalFiles.Cache();
    private final BufferAllocator tables;
    private final Catalog catalog = new Catalog();
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicInteger tableCounter = new AtomicInteger();
    private final boolean shared;
    private final DatabaseStorage storage;
    private final History history;
    private volatile boolean closed;

    private Database(String location, boolean shared, java.nio.file.Path directory) {
        this.location = location;
        this.shared = shared;
        this.tables = pool.root().newChildAllocator("tables", 0, Long.MAX_VALUE);
        catalog.setSystemViews(() -> {
            List<io.blueshift.sql.catalog.SystemViews.SystemView> views = new java.util.ArrayList<>(
                    io.blueshift.sql.catalog.SystemViews.views(catalog, this::storageOf, this::historyRows));
            views.add(loadErrors.view());
            return views;
        });
        try {
            this.storage = directory == null ? null : DatabaseStorage.open(directory, catalog, this::newTableAllocator);
            this.history = storage == null ? null : new History(storage, this::newTableAllocator);
            catalog.setEarlierVersions(this::earlier);
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
    /** The rows COPY rejected (stl_load_errors). */
    public io.blueshift.sql.catalog.LoadErrors loadErrors() {
        return loadErrors;
    }

    public io.blueshift.columnar.store.DatabaseDirectory directory() {
        return storage == null ? null : storage.directory();
    }

    /**
     * Makes the catalog and rows as they stand durable as the next committed version (nothing for
     * an in-memory database). Every statement that changes the database calls it before it returns.
     */
    public void commit(String operation) {
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
        // the tables' write locks first (as UPDATE and DELETE take them), then the commit lock and
        // the catalog: no statement works out a change while this one is checked and applied, and
        // the manifest written holds all of it or none
        List<java.util.concurrent.locks.ReentrantLock> locks = new java.util.ArrayList<>(
                tx.tables().stream().map(io.blueshift.executor.table.MemTable::writeLock).toList());
        locks.sort(java.util.Comparator.comparingInt(System::identityHashCode));
        locks.forEach(java.util.concurrent.locks.ReentrantLock::lock);
        commitLock.lock();
        try {
            synchronized (catalog) {
                for (io.blueshift.executor.table.MemTable t : tx.tables()) {
                    if (t.isClosed() || retiredTable(t)) {
                        throw new BlueshiftException(ErrorCode.SERIALIZATION_FAILURE,
                                "a table this transaction changed was altered or dropped meanwhile");
                    }
                }
                tx.commit();
                commit("COMMIT");
            }
        } finally {
            commitLock.unlock();
            locks.forEach(java.util.concurrent.locks.ReentrantLock::unlock);
        }
    }

    /** Tables taken out of the catalog (DROP, ALTER TABLE copies), freed once idle and at the latest at close. */
    private final List<io.blueshift.executor.table.MemTable> retired = new java.util.ArrayList<>();

    private boolean retiredTable(io.blueshift.executor.table.MemTable table) {
        synchronized (retired) {
            return retired.contains(table);
        }
    }

    public void retire(io.blueshift.executor.table.MemTable table) {
        synchronized (retired) {
            retired.removeIf(io.blueshift.executor.table.MemTable::isClosed);
            retired.add(table);
        }
        table.closeWhenIdle();
    }

    /** Deletes committed versions older than {@code micros} (never the current one) and the files only they used. */
    public void forgetVersionsBefore(long micros) {
        if (storage != null) {
            // under the catalog lock: a commit writes its files and names them in one go
            synchronized (catalog) {
                storage.directory().forgetVersionsBefore(micros);
            }
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

    /** A table named with a version or time suffix (see {@link Catalog#setEarlierVersions}). */
    private io.blueshift.sql.catalog.TableDef earlier(String schema, String name) {
        if (name.startsWith("@parquet:") || name.startsWith("@csv:")) {
            io.blueshift.sql.catalog.PgSession.current().checkServerFiles("reading files");
        }
        if (name.startsWith("@parquet:")) {
            String glob = name.substring("@parquet:".length());
            return externalFiles.get(name, glob, () -> ExternalFiles.parquet("read_parquet", glob, newTableAllocator("read_parquet")));
        }
        if (name.startsWith("@csv:")) {
            // @csv:glob|option=value|...: the options as COPY takes them
            String[] parts = name.substring("@csv:".length()).split("\\|", -1);
            Map<String, String> options = new java.util.HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                options.put(parts[i].substring(0, eq), java.net.URLDecoder.decode(parts[i].substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return externalFiles.get(name, parts[0], () -> ExternalFiles.csv("read_csv", parts[0], options, newTableAllocator("read_csv")));
        }
        int at = name.lastIndexOf('@');
        String table = name.substring(0, at);
        String suffix = name.substring(at + 1);
        if (history == null) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "earlier versions of an in-memory database's tables");
        }
        if (suffix.startsWith("changes:")) {
            String[] range = suffix.substring(8).split(":");
            return history.changes(schema, table, Long.parseLong(range[0]), range.length > 1 ? Long.parseLong(range[1]) : Long.MAX_VALUE);
        }
        long version = suffix.matches("v\\d+") ? Long.parseLong(suffix.substring(1)) : history.versionAt(micros(suffix));
        return history.asOf(schema, table, version);
    }

    /** Microseconds since the epoch of a timestamp written as Postgres writes one (UTC unless it says otherwise). */
    public static long micros(String text) {
        String t = text.strip().replace(' ', 'T');
        try {
            java.time.Instant i = t.matches(".*([+-]\\d\\d(:?\\d\\d)?|Z)$")
                    ? java.time.OffsetDateTime.parse(t.replaceAll("([+-]\\d\\d)$", "$1:00")).toInstant()
                    : java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
            return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
        } catch (java.time.format.DateTimeParseException e) {
            throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "timestamp", text);
        }
    }

    public History history() {
        return history;
    }

    private List<io.blueshift.sql.catalog.SystemViews.HistoryRow> historyRows() {
        if (history == null || closed) {
            return List.of();
        }
        return history.allHistory();
    }

    /** Makes a table's rows those of an earlier version's entry again, and commits that. */
    public void restore(String schema, io.blueshift.sql.catalog.TableDef table, io.blueshift.columnar.store.Manifest.Table entry) {
        if (!History.columns(entry).stream().map(c -> c.name() + " " + c.type().name()).toList()
                .equals(table.columns().stream().map(c -> c.name() + " " + c.type().name()).toList())) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "RESTORE of a version whose columns differ from the table's (ALTER TABLE came between)");
        }
        var data = table.data();
        data.writeLock().lock();
        try {
            java.util.Map<io.blueshift.columnar.Batch, io.blueshift.executor.table.Deletes> deletes = new java.util.IdentityHashMap<>();
            List<io.blueshift.columnar.Batch> chunks = storage.load(entry, table.columns(), data, deletes);
            data.replace(chunks, deletes);
        } finally {
            data.writeLock().unlock();
        }
        commit("RESTORE");
    }

    public Catalog catalog() {
        return catalog;
    }

    public MemoryPool memoryPool() {
        return pool;
    }

    /** A child allocator for one table's rows. */
    public BufferAllocator newTableAllocator(String name) {
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
        if (history != null) {
            history.close();
        }
        externalFiles.close();
        synchronized (retired) {
            retired.forEach(io.blueshift.executor.table.MemTable::close);
            retired.clear();
        }
        tables.close();
        pool.close();
        if (storage != null) {
            storage.close();
        }
    }
}
