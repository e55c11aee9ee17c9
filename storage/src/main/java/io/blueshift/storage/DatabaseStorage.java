package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.BufferPool;
import io.blueshift.columnar.SqlType;
import io.blueshift.storage.format.ColumnCodec;
import io.blueshift.storage.format.Compression;
import io.blueshift.storage.format.DatabaseDirectory;
import io.blueshift.storage.format.Manifest;
import io.blueshift.storage.format.RowGroup;
import io.blueshift.storage.format.SegmentFile;
import io.blueshift.storage.format.StoredColumn;
import io.blueshift.columnar.ZoneMap;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.ColumnEncodings;
import io.blueshift.storage.catalog.PhysicalDesign;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.UserDef;
import io.blueshift.storage.catalog.ForeignKey;
import io.blueshift.storage.catalog.IndexDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Keeps a directory database's catalog and rows on disk. Opening loads the newest committed
 * {@link Manifest} into the catalog: each table's chunks become stored batches whose columns are
 * read from their segment files on first use. {@link #commit} publishes the catalog as it stands
 * as the next version: chunks not yet on disk (those the statement added) go to one new segment
 * file per table, every other chunk is referenced where it already lies.
 */
public final class DatabaseStorage implements AutoCloseable {
    private final DatabaseDirectory directory;
    private final Catalog catalog;
    /** Where each chunk of the current version lies on disk. */
    private Map<Batch, Manifest.ChunkRef> stored = new IdentityHashMap<>();
    private final Map<MemTable, Long> tableIds = new IdentityHashMap<>();
    /** The file each deletion vector on disk lies in (deletion vectors are immutable, so identity names them). */
    private Map<Deletes, String> deleteFiles = new IdentityHashMap<>();
    private long nextTableId = 1;

    /** Where the stored chunks' columns are kept once read. */
    private final BufferPool pool;

    private DatabaseStorage(DatabaseDirectory directory, Catalog catalog, BufferPool pool) {
        this.directory = directory;
        this.catalog = catalog;
        this.pool = pool;
    }

    /**
     * Opens the directory and loads its newest version into {@code catalog}; the columns of stored
     * chunks are kept in {@code pool} once read.
     */
    public static DatabaseStorage open(Path root, Catalog catalog, Function<String, BufferAllocator> tableAllocator,
                                       BufferPool pool) {
        DatabaseDirectory directory = DatabaseDirectory.open(root);
        DatabaseStorage storage = new DatabaseStorage(directory, catalog, pool);
        try {
            Manifest m = directory.current();
            if (m != null) {
                storage.load(m, tableAllocator);
            }
        } catch (RuntimeException e) {
            storage.closeTables();
            directory.close();
            throw e;
        }
        return storage;
    }

    public DatabaseDirectory directory() {
        return directory;
    }

    /** Database properties that hold users: "user:NAME" = flags, SCRAM verifier and MD5 hash, one per line. */
    private static final String USER_PREFIX = "user:";

    private void load(Manifest m, Function<String, BufferAllocator> tableAllocator) {
        m.properties().forEach((k, v) -> {
            if (k.startsWith(USER_PREFIX)) {
                String[] parts = v.split("\n", -1);
                catalog.putUser(new UserDef(k.substring(USER_PREFIX.length()), parts[0].equals("super"),
                        parts[1].isEmpty() ? null : parts[1], parts[2].isEmpty() ? null : parts[2]));
            }
        });
        for (String s : m.schemas()) {
            catalog.schema(s);
        }
        for (Manifest.Table t : m.tables()) {
            nextTableId = Math.max(nextTableId, t.id() + 1);
            List<ColumnDef> columns = new ArrayList<>();
            for (Manifest.Column c : t.columns()) {
                columns.add(new ColumnDef(c.name(), SqlType.parse(c.type()), c.nullable(), c.defaultSql(), c.encoding()));
            }
            MemTable data = null;
            if (t.viewSql() == null) {
                data = new MemTable(tableAllocator.apply(t.name()), columns.stream().map(ColumnDef::type).toList());
                tableIds.put(data, t.id());
                Map<Batch, Deletes> deletes = new IdentityHashMap<>();
                List<Batch> chunks = load(t, columns, data, deletes);
                data.append(chunks);
                data.setDeletes(deletes);
                data.seed(statistics(t, columns));
                data.setSortedChunks(Integer.parseInt(t.properties().getOrDefault(SORTED_CHUNKS, "0")));
            }
            catalog.schema(t.schema()).put(new TableDef(t.name(), columns, 0, t.primaryKey(), data, t.viewSql(), design(t)));
        }
    }

    /**
     * The chunks of a table entry as stored batches (their columns read on first use), registered
     * as lying on disk; {@code deletes} receives their deletion vectors.
     */
    public synchronized List<Batch> load(Manifest.Table t, List<ColumnDef> columns, MemTable data,
                                  Map<Batch, Deletes> deletes) {
        List<Batch> chunks = new ArrayList<>();
        for (Manifest.ChunkRef ref : t.chunks()) {
            Batch b = storedChunk(ref, columns, data.allocator());
            stored.put(b, ref.withDeletes(null).withSlice(-1));
            if (ref.slice() >= SLICE_KEYED) {
                data.setSlice(b, ref.slice() % SLICE_KEYED, ref.slice() / SLICE_KEYED - 1);
            } else if (ref.slice() >= 0) {
                data.setSlice(b, ref.slice());
            }
            chunks.add(b);
            if (ref.deletes() != null) {
                var d = Deletes.ofWords(ref.rowCount(),
                        directory.readDeletes(ref.deletes(), ref.rowCount()));
                deletes.put(b, d);
                deleteFiles.put(d, ref.deletes());
            }
        }
        return chunks;
    }

    /** A stored slice number at or above this also says which key column split the chunk: slice + SLICE_KEYED * (column + 1). */
    private static final int SLICE_KEYED = 1 << 16;

    /** Table properties that hold statistics: "unique" (column names) and "ndv.<column>". */
    private static final String UNIQUE = "unique";
    private static final String NDV = "ndv.";
    private static final String SORTED_CHUNKS = "sorted_chunks";
    private static final String DIST_STYLE = "diststyle";
    private static final String DIST_KEY = "distkey";
    private static final String SORT_STYLE = "sortstyle";
    private static final String SORT_KEY = "sortkey";
    private static final String PRIMARY_KEY_NAME = "pkey_name";

    /**
     * Table properties "index.NAME" = "unique|method|col,col" (first field "constraint" for a UNIQUE
     * constraint's index, empty for a plain index) and "fkey.NAME" = "col,col|schema|table|col,col".
     */
    private static final String INDEX = "index.";
    private static final String FOREIGN_KEY = "fkey.";

    private static PhysicalDesign design(Manifest.Table t) {
        Map<String, String> p = t.properties();
        String sortKey = p.getOrDefault(SORT_KEY, "");
        List<IndexDef> indexes = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(p).entrySet()) {
            if (e.getKey().startsWith(INDEX)) {
                String[] parts = e.getValue().split("\\|", -1);
                indexes.add(new IndexDef(e.getKey().substring(INDEX.length()), List.of(parts[2].split(",")),
                        !parts[0].isEmpty(), parts[1], parts[0].equals("constraint")));
            } else if (e.getKey().startsWith(FOREIGN_KEY)) {
                String[] parts = e.getValue().split("\\|", -1);
                foreignKeys.add(new ForeignKey(e.getKey().substring(FOREIGN_KEY.length()), List.of(parts[0].split(",")),
                        parts[1], parts[2], parts[3].isEmpty() ? List.of() : List.of(parts[3].split(","))));
            }
        }
        return new PhysicalDesign(p.getOrDefault(DIST_STYLE, "AUTO"), p.get(DIST_KEY), p.getOrDefault(SORT_STYLE, "AUTO"),
                sortKey.isEmpty() ? List.of() : List.of(sortKey.split(",")), indexes, foreignKeys, p.get(PRIMARY_KEY_NAME));
    }

    private static MemTable.Statistics statistics(Manifest.Table t, List<ColumnDef> columns) {
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        String unique = t.properties().get(UNIQUE);
        List<Integer> uniqueColumns = unique == null ? null : unique.isEmpty() ? List.of()
                : Arrays.stream(unique.split(",")).map(names::indexOf).filter(i -> i >= 0).toList();
        Map<Integer, Long> ndv = new HashMap<>();
        t.properties().forEach((k, v) -> {
            if (k.startsWith(NDV) && names.contains(k.substring(NDV.length()))) {
                ndv.put(names.indexOf(k.substring(NDV.length())), Long.parseLong(v));
            }
        });
        return new MemTable.Statistics(uniqueColumns, ndv);
    }

    private static Map<String, String> properties(TableDef t) {
        Map<String, String> out = new TreeMap<>();
        PhysicalDesign d = t.design();
        out.put(DIST_STYLE, d.distStyle());
        if (d.distKey() != null) {
            out.put(DIST_KEY, d.distKey());
        }
        out.put(SORT_STYLE, d.sortStyle());
        out.put(SORT_KEY, String.join(",", d.sortKey()));
        if (d.primaryKeyName() != null) {
            out.put(PRIMARY_KEY_NAME, d.primaryKeyName());
        }
        for (IndexDef i : d.indexes()) {
            out.put(INDEX + i.name(), (i.constraint() ? "constraint" : i.unique() ? "unique" : "") + "|" + i.method() + "|" + String.join(",", i.columns()));
        }
        for (ForeignKey k : d.foreignKeys()) {
            out.put(FOREIGN_KEY + k.name(), String.join(",", k.columns()) + "|" + k.refSchema() + "|" + k.refTable() + "|"
                    + String.join(",", k.refColumns()));
        }
        out.put(SORTED_CHUNKS, Integer.toString(t.data().sortedChunks()));
        MemTable.Statistics s = t.data().knownStatistics();
        if (s.uniqueColumns() != null) {
            out.put(UNIQUE, String.join(",", s.uniqueColumns().stream().map(i -> t.columns().get(i).name()).toList()));
        }
        s.distinctCounts().forEach((c, n) -> out.put(NDV + t.columns().get(c).name(), Long.toString(n)));
        return out;
    }

    /** A chunk on disk as a stored batch whose columns are read on first use; its location is {@code ref}. */
    Batch storedChunk(Manifest.ChunkRef ref, List<ColumnDef> columns, BufferAllocator allocator) {
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        SqlType[] types = columns.stream().map(ColumnDef::type).toArray(SqlType[]::new);
        Manifest.ChunkRef location = ref.withDeletes(null).withSlice(-1);
        return Batch.stored(names, types, ref.rowCount(), new Batch.ColumnSource() {
            @Override
            public FieldVector load(int column) {
                SegmentFile segment = directory.segment(ref.segment());
                return ColumnCodec.decode(segment.read(ref.rowGroup(), column), types[column], names.get(column),
                        ref.rowCount(), allocator);
            }

            @Override
            public ZoneMap zone(int column) {
                return directory.segment(ref.segment()).rowGroups().get(ref.rowGroup()).columns().get(column).zone();
            }

            @Override
            public Object location() {
                return location;
            }
        }, pool);
    }

    /** Where a chunk already lies on disk (committed, or staged by its statement), or null when only in memory. */
    private Manifest.ChunkRef onDisk(Batch b, Map<Batch, Manifest.ChunkRef> now) {
        Manifest.ChunkRef ref = now.get(b);
        if (ref == null) {
            ref = stored.get(b);
        }
        return ref != null ? ref : b.storedLocation() instanceof Manifest.ChunkRef r ? r : null;
    }

    /** Publishes the catalog as the next version and returns once it is durable. */
    public void commit(String operation) {
        synchronized (catalog) {
            synchronized (this) {
                Map<Batch, Manifest.ChunkRef> now = new IdentityHashMap<>();
                List<String> schemas = new ArrayList<>();
                List<Manifest.Table> tables = new ArrayList<>();
                for (SchemaDef schema : catalog.schemas()) {
                    schemas.add(schema.name());
                    for (TableDef t : schema.tables().values()) {
                        tables.add(table(schema.name(), t, now));
                    }
                }
                Manifest current = directory.current();
                long version = current == null ? 1 : current.version() + 1;
                long micros = Instant.now().toEpochMilli() * 1000;
                Map<String, String> properties = new LinkedHashMap<>();
                for (UserDef u : catalog.users()) {
                    properties.put(USER_PREFIX + u.name(), (u.superuser() ? "super" : "") + "\n"
                            + (u.scram() == null ? "" : u.scram()) + "\n" + (u.md5() == null ? "" : u.md5()));
                }
                directory.commit(new Manifest(version, micros, operation, schemas, tables, properties));
                stored = now;
                Set<String> live = new HashSet<>();
                for (Manifest.Table t : tables) {
                    t.chunks().forEach(c -> live.add(c.deletes()));
                }
                deleteFiles.values().retainAll(live);
                tableIds.keySet().retainAll(live(tables));
            }
        }
    }

    private Set<MemTable> live(List<Manifest.Table> tables) {
        Set<MemTable> alive = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<MemTable, Long> e : tableIds.entrySet()) {
            for (Manifest.Table t : tables) {
                if (t.id() == e.getValue()) {
                    alive.add(e.getKey());
                }
            }
        }
        return alive;
    }

    private Manifest.Table table(String schema, TableDef t, Map<Batch, Manifest.ChunkRef> now) {
        List<Manifest.Column> columns = new ArrayList<>();
        List<StoredColumn.Choice> encodings = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            columns.add(new Manifest.Column(c.name(), c.type().name(), c.nullable(), c.defaultSql(), c.encoding()));
            encodings.add(ColumnEncodings.choice(c.encoding(), c.type()));
        }
        if (t.isView()) {
            return new Manifest.Table(0, schema, t.name(), t.viewSql(), columns, t.primaryKey(), Map.of(), List.of());
        }
        long id = tableIds.computeIfAbsent(t.data(), k -> nextTableId++);
        MemTable.Version v = t.data().version();
        List<Batch> chunks = v.chunks();
        List<Batch> fresh = new ArrayList<>();
        for (Batch b : chunks) {
            if (onDisk(b, now) == null) {
                fresh.add(b);
            }
        }
        if (!fresh.isEmpty()) {
            String name = directory.newSegmentName();
            List<RowGroup> groups = SegmentFile.write(directory.segmentPath(name), fresh, encodings);
            for (int i = 0; i < fresh.size(); i++) {
                now.put(fresh.get(i), new Manifest.ChunkRef(name, i, groups.get(i).rowCount()));
            }
        }
        List<Manifest.ChunkRef> refs = new ArrayList<>();
        for (Batch b : chunks) {
            Manifest.ChunkRef ref = onDisk(b, now);
            now.put(b, ref);
            int keyColumn = t.data().sliceKey(b);
            ref = ref.withSlice(keyColumn < 0 ? t.data().slice(b) : t.data().slice(b) + SLICE_KEYED * (keyColumn + 1));
            var d = v.deletes(b);
            if (d != null) {
                String file = deleteFiles.get(d);
                if (file == null) {
                    file = directory.writeDeletes(d.rows(), d.words());
                    deleteFiles.put(d, file);
                }
                ref = ref.withDeletes(file);
            }
            refs.add(ref);
        }
        return new Manifest.Table(id, schema, t.name(), null, columns, t.primaryKey(), properties(t), refs);
    }

    /**
     * Where a table's current chunks lie: per column the encodings its stored chunks use (most used
     * first) and their bytes on disk (chunks not yet on disk count nothing).
     */
    public synchronized List<ColumnStorage> columnStorage(TableDef t) {
        int n = t.columns().size();
        long[] bytes = new long[n];
        List<Map<String, Integer>> used = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            used.add(new HashMap<>());
        }
        for (Batch b : t.data().snapshot()) {
            Manifest.ChunkRef ref = stored.get(b);
            if (ref == null) {
                continue;
            }
            List<StoredColumn> cs = directory.segment(ref.segment()).rowGroups().get(ref.rowGroup()).columns();
            for (int c = 0; c < n && c < cs.size(); c++) {
                bytes[c] += cs.get(c).length();
                used.get(c).merge(label(cs.get(c)), 1, Integer::sum);
            }
        }
        List<ColumnStorage> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            String names = String.join(",", used.get(c).entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList());
            out.add(new ColumnStorage(names, bytes[c]));
        }
        return out;
    }

    /** "dict", "plain+zstd": a stored chunk's encoding and compression. */
    private static String label(StoredColumn c) {
        String e = c.encoding().name().toLowerCase(Locale.ROOT);
        return c.compression() == Compression.NONE ? e
                : e + "+" + c.compression().name().toLowerCase(Locale.ROOT);
    }

    private void closeTables() {
        for (SchemaDef schema : catalog.schemas()) {
            for (TableDef t : schema.tables().values()) {
                if (t.data() != null) {
                    t.data().close();
                }
            }
            catalog.removeSchema(schema.name());
        }
    }

    @Override
    public void close() {
        directory.close();
    }
}
