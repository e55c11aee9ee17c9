package io.blueshift.sql;

import io.blueshift.storage.format.DatabaseDirectory;
import io.blueshift.storage.format.SpillDirectory;
import io.blueshift.sql.plan.PlanCache;
import io.blueshift.sql.catalog.LoadErrors;
import io.blueshift.sql.catalog.SystemViews;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.files.ExternalFiles;
import io.blueshift.storage.History;
import io.blueshift.storage.ColumnStorage;
import io.blueshift.storage.HistoryRow;
import io.blueshift.storage.StorageEngine;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.BufferPool;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.catalog.Backends;
import io.blueshift.storage.catalog.Catalog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One Blueshift database: its catalog, its tables' memory and the memory pool its queries draw
 * from. {@link #open} gives a private in-memory database ({@code mem:}), one shared in the JVM by
 * name while any user has it open ({@code mem:name}), or a database directory, whose committed
 * state persists ({@link StorageEngine}). Sessions run statements against it.
 */
public final class Database implements AutoCloseable {

    private static final Map<String, Database> SHARED = new HashMap<>();

    private final String location;
    private final MemoryPool pool;
    /** Start-up setting: the buffer pool's budget (a size such as 8GB), for the first open of a database. */
    public static final String BUFFER_POOL_SIZE = "buffer_pool_size";
    /**
     * Start-up setting: the memory the database's queries may hold together (a size such as 16GB;
     * else {@code -Dblueshift.memoryLimit}, else half the machine's memory). A query's own limit,
     * {@code query_memory_limit}, is half of it by default; past what the others leave, a query's
     * operators spill, and what cannot spill fails with 53200.
     */
    public static final String MEMORY_LIMIT = "memory_limit";

    /** The columns of stored chunks kept in memory once read, within a budget. */
    private final BufferPool buffers;
    private final LoadErrors loadErrors = new LoadErrors();
    /** Tables over files queried in place (read_parquet), kept while their files do not change. */
    private final ExternalFiles.Cache externalFiles = new ExternalFiles.Cache();
    private final BufferAllocator tables;
    private final Catalog catalog = new Catalog();
    private final PlanCache plans = new PlanCache(catalog);
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicInteger tableCounter = new AtomicInteger();
    private final boolean shared;
    private final StorageEngine storage;
    /** Where queries spill: spill/ in the database directory, or a temporary folder for an in-memory database. */
    private final SpillDirectory spill;
    private volatile boolean closed;
    private volatile Backends backends = Backends.NONE;

    private Database(String location, boolean shared, Path directory, BufferPool buffers, long memoryLimit) {
        this.location = location;
        this.shared = shared;
        this.buffers = buffers;
        this.pool = new MemoryPool(memoryLimit);
        pool.shareBudget(buffers);
        this.tables = pool.root().newChildAllocator("tables", 0, Long.MAX_VALUE);
        try {
            this.storage = directory == null ? StorageEngine.inMemory(catalog)
                    : StorageEngine.open(directory, catalog, this::newTableAllocator, buffers);
        } catch (RuntimeException e) {
            tables.close();
            pool.close();
            throw e;
        }
        catalog.setEarlierVersions(this::earlier);
        // once the directory's lock is held: no other process is spilling there
        this.spill = directory == null ? SpillDirectory.temporary() : SpillDirectory.beside(directory);
    }

    /**
     * Opens {@code mem:} (private, in memory), {@code mem:name} (shared in this JVM while open) or a
     * database directory path. Each open must be matched by one {@link #close}.
     */
    public static Database open(String location) {
        return open(location, Map.of());
    }

    /**
     * {@link #open(String)} with start-up settings, which apply when this call opens the database
     * (not when it is open already): {@value #BUFFER_POOL_SIZE}, the buffer pool's budget (else
     * {@code -Dblueshift.bufferPool}, else three quarters of the machine's memory).
     */
    public static Database open(String location, Map<String, String> startup) {
        String size = startup.get(BUFFER_POOL_SIZE);
        BufferPool buffers;
        try {
            buffers = size == null ? BufferPool.configured() : new BufferPool(BufferPool.parseSize(size));
        } catch (IllegalArgumentException e) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for " + BUFFER_POOL_SIZE + ": "
                    + e.getMessage());
        }
        long memoryLimit = memoryLimit(startup.get(MEMORY_LIMIT));
        if (location.equals("mem:") || location.isEmpty()) {
            return new Database("mem:", false, null, buffers, memoryLimit);
        }
        String key = location.startsWith("mem:") ? location
                : Path.of(location).toAbsolutePath().normalize().toString();
        synchronized (SHARED) {
            Database db = SHARED.get(key);
            if (db != null) {
                db.users.incrementAndGet();
                return db;
            }
            db = new Database(key, true, location.startsWith("mem:") ? null : Path.of(key), buffers, memoryLimit);
            SHARED.put(key, db);
            return db;
        }
    }

    /** The {@value #MEMORY_LIMIT} start-up setting's bytes (22023 for a value that is not a size of 16MB or more). */
    private static long memoryLimit(String value) {
        String configured = value != null ? value : System.getProperty("blueshift.memoryLimit");
        if (configured == null || configured.isBlank()) {
            return Math.max(512L << 20, BufferPool.physicalMemory() / 2);
        }
        long bytes;
        try {
            bytes = BufferPool.parseSize(configured);
        } catch (IllegalArgumentException e) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for " + MEMORY_LIMIT + ": "
                    + e.getMessage());
        }
        if (bytes < 16L << 20) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for " + MEMORY_LIMIT + ": "
                    + configured + " (16MB and more)");
        }
        return bytes;
    }

    public String location() {
        return location;
    }

    /** The rows COPY rejected (stl_load_errors). */
    public LoadErrors loadErrors() {
        return loadErrors;
    }

    /** The database directory of a persistent database, or null for an in-memory one. */
    public DatabaseDirectory directory() {
        return storage.directory();
    }

    /** The buffer pool of the database's stored column chunks (svv_buffer_pool). */
    public BufferPool bufferPool() {
        return buffers;
    }

    /** Where this database's queries write what does not fit in their memory. */
    public SpillDirectory spillDirectory() {
        return spill;
    }

    /** The storage engine: tables' versions, transactions, durability and history. */
    public StorageEngine storage() {
        return storage;
    }

    /** Per column of a table: stored encodings and bytes on disk (empty for an in-memory database). */
    private List<ColumnStorage> storageOf(TableDef t) {
        return closed ? List.of() : storage.columnStorage(t);
    }

    /**
     * The bytes a table's rows take: on disk (its stored column chunks) in a database directory,
     * else the Arrow buffers of its chunks in memory.
     */
    public long tableBytes(TableDef t) {
        if (closed || t.isView() || t.data() == null) {
            return 0;
        }
        if (storage.durable()) {
            long bytes = 0;
            for (ColumnStorage c : storage.columnStorage(t)) {
                bytes += c.bytes();
            }
            return bytes;
        }
        long bytes = 0;
        for (Batch b : t.data().snapshot()) {
            for (int c = 0; c < t.columns().size(); c++) {
                bytes += b.vector(c).getBufferSize();
            }
        }
        return bytes;
    }

    /** A table named with a version or time suffix (see {@link Catalog#setEarlierVersions}). */
    private TableDef earlier(String schema, String name) {
        if (name.startsWith("@parquet:")) {
            String glob = name.substring("@parquet:".length());
            return externalFiles.get(name, glob, () -> ExternalFiles.parquet("read_parquet", glob, newTableAllocator("read_parquet")));
        }
        if (name.startsWith("@csv:")) {
            // @csv:glob|option=value|...: the options as COPY takes them
            String[] parts = name.substring("@csv:".length()).split("\\|", -1);
            Map<String, String> options = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                options.put(parts[i].substring(0, eq), URLDecoder.decode(parts[i].substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
            return externalFiles.get(name, parts[0], () -> ExternalFiles.csv("read_csv", parts[0], options, newTableAllocator("read_csv")));
        }
        int at = name.lastIndexOf('@');
        String table = name.substring(0, at);
        String suffix = name.substring(at + 1);
        History history = storage.history();
        if (suffix.startsWith("changes:")) {
            String[] range = suffix.substring(8).split(":");
            return history.changes(schema, table, Long.parseLong(range[0]), range.length > 1 ? Long.parseLong(range[1]) : Long.MAX_VALUE);
        }
        long version = suffix.matches("v\\d+") ? Long.parseLong(suffix.substring(1)) : history.versionAt(History.micros(suffix));
        return history.asOf(schema, table, version);
    }

    private List<HistoryRow> historyRows() {
        return closed ? List.of() : storage.historyRows();
    }

    /** The system views (svv_table_info ...), views whose SQL is made when a query plans them. */
    public List<SystemViews.SystemView> systemViews() {
        List<SystemViews.SystemView> views = new ArrayList<>(SystemViews.views(catalog, this::storageOf, this::historyRows));
        views.add(loadErrors.view());
        views.add(SystemViews.bufferPool(buffers::stats));
        return views;
    }

    /** The connections of the server over this database (none for an embedded one). */
    public Backends backends() {
        return backends;
    }

    /** Installs the server's connections, for pg_cancel_backend and pg_terminate_backend. */
    public void setBackends(Backends backends) {
        this.backends = backends;
    }

    /** The optimized plans of queries this database's sessions ran, for their next runs. */
    public PlanCache planCache() {
        return plans;
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
        storage.close();
        externalFiles.close();
        tables.close();
        pool.close();
        spill.close();
        storage.closeDirectory();
    }
}
