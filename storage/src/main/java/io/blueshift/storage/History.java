package io.blueshift.storage;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.storage.format.DatabaseDirectory;
import io.blueshift.storage.format.Manifest;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Earlier versions of a directory database's tables, read from the manifests VACUUM has kept:
 * a table as of a version or a time (time travel), the versions in which a table changed (its
 * history), and the rows that changed between two versions (the change feed). An earlier version
 * is a table of stored chunks over the same immutable segments, so reading it costs only the
 * columns a query touches.
 */
public final class History implements AutoCloseable {
    private static final int CACHED = 16;

    private final DatabaseStorage storage;
    private final Function<String, BufferAllocator> allocators;
    private final LinkedHashMap<String, TableDef> cache = new LinkedHashMap<>();

    public History(DatabaseStorage storage, Function<String, BufferAllocator> allocators) {
        this.storage = storage;
        this.allocators = allocators;
    }

    private DatabaseDirectory directory() {
        return storage.directory();
    }

    /** Microseconds since the epoch of a timestamp written as Postgres writes one (UTC unless it says otherwise). */
    public static long micros(String text) {
        String t = text.strip().replace(' ', 'T');
        try {
            Instant i = t.matches(".*([+-]\\d\\d(:?\\d\\d)?|Z)$")
                    ? OffsetDateTime.parse(t.replaceAll("([+-]\\d\\d)$", "$1:00")).toInstant()
                    : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
        } catch (DateTimeParseException e) {
            throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "timestamp", text);
        }
    }


    /** The newest kept version committed at or before {@code micros}. */
    public synchronized long versionAt(long micros) {
        long found = -1;
        for (long v : directory().versions()) {
            if (directory().readManifest(v).timeMicros() <= micros) {
                found = v;
            }
        }
        if (found < 0) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "no kept version is that old");
        }
        return found;
    }

    private Manifest manifest(long version) {
        List<Long> kept = directory().versions();
        if (!kept.contains(version)) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "version " + version + " is not kept"
                    + (kept.isEmpty() ? "" : " (kept: " + kept.getFirst() + " to " + kept.getLast() + ")"));
        }
        return directory().readManifest(version);
    }

    private static Manifest.Table find(Manifest m, String schema, String name) {
        for (Manifest.Table t : m.tables()) {
            if (t.schema().equals(schema) && t.name().equals(name) && t.viewSql() == null) {
                return t;
            }
        }
        return null;
    }

    public static List<ColumnDef> columns(Manifest.Table t) {
        List<ColumnDef> out = new ArrayList<>();
        for (Manifest.Column c : t.columns()) {
            out.add(new ColumnDef(c.name(), SqlType.parse(c.type()), c.nullable(), c.defaultSql(), c.encoding()));
        }
        return out;
    }

    /** The entry of a table in a kept version's manifest (42P01 when it did not exist then). */
    public synchronized Manifest.Table entry(String schema, String name, long version) {
        Manifest.Table t = find(manifest(version), schema, name);
        if (t == null) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, schema + "." + name + " at version " + version);
        }
        return t;
    }

    /** Every kept version of every table in which it changed (the rows of svv_table_history). */
    public synchronized List<HistoryRow> allHistory() {
        List<HistoryRow> out = new ArrayList<>();
        for (String[] t : tables()) {
            for (Change c : history(t[0], t[1])) {
                out.add(new HistoryRow(t[0], t[1], c.version(), c.micros(), c.operation(),
                        c.added(), c.removed(), c.rows()));
            }
        }
        return out;
    }

    /** The table as it was at {@code version} (42P01 when it did not exist then). */
    public synchronized TableDef asOf(String schema, String name, long version) {
        String key = schema + "." + name + "@" + version;
        Manifest m = manifest(version);
        TableDef cached = cache.remove(key);
        if (cached == null) {
            Manifest.Table t = find(m, schema, name);
            if (t == null) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, schema + "." + name + " at version " + version);
            }
            List<ColumnDef> columns = columns(t);
            MemTable data = new MemTable(allocators.apply(name + "@" + version), columns.stream().map(ColumnDef::type).toList());
            Map<Batch, Deletes> deletes = new IdentityHashMap<>();
            List<Batch> chunks = storage.load(t, columns, data, deletes);
            data.append(chunks);
            data.setDeletes(deletes);
            cached = new TableDef(name, columns, 0, t.primaryKey(), data, null);
        }
        cache.put(key, cached);
        evict();
        return cached;
    }

    /** Frees the least recently used earlier versions beyond {@link #CACHED} that no query reads. */
    private void evict() {
        var it = cache.entrySet().iterator();
        while (cache.size() > CACHED && it.hasNext()) {
            var oldest = it.next();
            if (oldest.getValue().data().idle()) {
                it.remove();
                oldest.getValue().data().close();
            }
        }
    }

    /** One version in which a table changed. */
    record Change(long version, long micros, String operation, long added, long removed, long rows) {
    }

    /** The kept versions in which the table changed, oldest first, with the rows each added and removed. */
    synchronized List<Change> history(String schema, String name) {
        List<Change> out = new ArrayList<>();
        Manifest.Table previous = null;
        for (long v : directory().versions()) {
            Manifest m = directory().readManifest(v);
            Manifest.Table t = find(m, schema, name);
            if (t == null) {
                previous = null;
                continue;
            }
            if (previous != null && previous.id() == t.id() && previous.chunks().equals(t.chunks())) {
                continue;
            }
            long[] diff = diff(previous != null && previous.id() == t.id() ? previous : null, t);
            out.add(new Change(v, m.timeMicros(), m.operation(), diff[0], diff[1], diff[2]));
            previous = t;
        }
        return out;
    }

    /** Rows added, rows removed and live rows from one table entry to the next. */
    private long[] diff(Manifest.Table before, Manifest.Table after) {
        Map<String, Manifest.ChunkRef> old = new HashMap<>();
        if (before != null) {
            before.chunks().forEach(c -> old.put(c.segment() + "#" + c.rowGroup(), c));
        }
        long added = 0;
        long removed = 0;
        long rows = 0;
        Set<String> still = new HashSet<>();
        for (Manifest.ChunkRef c : after.chunks()) {
            String id = c.segment() + "#" + c.rowGroup();
            int deletedNow = deletedCount(c);
            rows += c.rowCount() - deletedNow;
            Manifest.ChunkRef was = old.get(id);
            if (was == null) {
                added += c.rowCount() - deletedNow;
            } else {
                still.add(id);
                long delta = deletedNow - deletedCount(was);
                if (delta >= 0) {
                    removed += delta;
                } else {
                    added -= delta;
                }
            }
        }
        for (Map.Entry<String, Manifest.ChunkRef> e : old.entrySet()) {
            if (!still.contains(e.getKey())) {
                removed += e.getValue().rowCount() - deletedCount(e.getValue());
            }
        }
        return new long[] {added, removed, rows};
    }

    private int deletedCount(Manifest.ChunkRef c) {
        if (c.deletes() == null) {
            return 0;
        }
        return Deletes.ofWords(c.rowCount(), directory().readDeletes(c.deletes(), c.rowCount())).count();
    }

    /** Every kept table's schema and name at its newest kept version (for the history view). */
    synchronized List<String[]> tables() {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (long v : directory().versions()) {
            for (Manifest.Table t : directory().readManifest(v).tables()) {
                if (t.viewSql() == null) {
                    out.put(t.schema() + "." + t.name(), new String[] {t.schema(), t.name()});
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The change feed: every row inserted, deleted or updated by the versions {@code from} to
     * {@code to} (both included), with {@code _change_type} (insert, delete, update_preimage,
     * update_postimage: the rows an UPDATE replaced and wrote), {@code _commit_version} and
     * {@code _commit_timestamp}. VACUUM's rewrites change no row and show nothing; versions from
     * before an ALTER TABLE that changed the columns are left out.
     */
    public synchronized TableDef changes(String schema, String name, long from, long to) {
        List<Long> kept = directory().versions();
        if (from < 1 || from > to) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "the change feed needs 1 <= from <= to");
        }
        if (from > 1 && !kept.contains(from - 1)) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "changes since version " + from
                    + " are not kept" + (kept.isEmpty() ? "" : " (kept from version " + (kept.getFirst() + 1) + ")"));
        }
        String key = schema + "." + name + "@changes:" + from + ":" + to + "@" + (kept.isEmpty() ? 0 : kept.getLast());
        TableDef cached = cache.remove(key);
        if (cached != null) {
            cache.put(key, cached);
            return cached;
        }
        Manifest.Table current = null;
        for (long v : kept) {
            Manifest.Table t = find(directory().readManifest(v), schema, name);
            if (t != null) {
                current = t;
            }
        }
        if (current == null) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, schema + "." + name);
        }
        List<ColumnDef> columns = new ArrayList<>(columns(current));
        int n = columns.size();
        columns.add(new ColumnDef("_change_type", SqlType.TEXT, false));
        columns.add(new ColumnDef("_commit_version", SqlType.BIGINT, false));
        columns.add(new ColumnDef("_commit_timestamp", SqlType.TIMESTAMP, false));
        List<List<Object>> rows = new ArrayList<>();
        Manifest.Table previous = null;
        for (long v : kept) {
            if (v < from - 1 || v > to) {
                continue;
            }
            Manifest m = directory().readManifest(v);
            Manifest.Table t = find(m, schema, name);
            // versions with other columns than the table has now (before an ALTER) are left out
            if (v >= from && t != null && !m.operation().equals("VACUUM") && t.columns().equals(current.columns())
                    && (previous == null || previous.columns().equals(t.columns()))) {
                boolean update = m.operation().equals("UPDATE");
                LocalDateTime at = LocalDateTime.ofEpochSecond(m.timeMicros() / 1_000_000,
                        (int) (m.timeMicros() % 1_000_000) * 1000, ZoneOffset.UTC);
                rows.addAll(changedRows(previous, t, n, update, v, at));
            }
            previous = t;
        }
        MemTable data = new MemTable(allocators.apply(key), columns.stream().map(ColumnDef::type).toList());
        try {
            data.append(rows.isEmpty() ? List.of() : List.of(batch(columns, rows, data.allocator())));
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        TableDef out = new TableDef(name, columns, 0, List.of(), data, null);
        cache.put(key, out);
        evict();
        return out;
    }

    private List<List<Object>> changedRows(Manifest.Table before, Manifest.Table after, int n, boolean update, long version,
                                           LocalDateTime at) {
        List<List<Object>> out = new ArrayList<>();
        List<ColumnDef> columns = columns(after);
        Map<String, Integer> old = new HashMap<>();
        if (before != null && before.id() == after.id()) {
            for (int i = 0; i < before.chunks().size(); i++) {
                Manifest.ChunkRef c = before.chunks().get(i);
                old.put(c.segment() + "#" + c.rowGroup(), i);
            }
        }
        try (MemTable scratch = new MemTable(allocators.apply("changes"), columns.stream().map(ColumnDef::type).toList())) {
            Map<Batch, Deletes> deletesAfter = new IdentityHashMap<>();
            List<Batch> chunks = storage.load(after, columns, scratch, deletesAfter);
            scratch.append(chunks);
            Set<Integer> still = new HashSet<>();
            List<List<Object>> inserted = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                Manifest.ChunkRef c = after.chunks().get(i);
                Batch b = chunks.get(i);
                Deletes now = deletesAfter.get(b);
                Integer was = old.get(c.segment() + "#" + c.rowGroup());
                Deletes then = null;
                if (was != null) {
                    still.add(was);
                    Manifest.ChunkRef p = before.chunks().get(was);
                    then = p.deletes() == null ? null : Deletes.ofWords(p.rowCount(), directory().readDeletes(p.deletes(), p.rowCount()));
                }
                for (int r = 0; r < b.rowCount(); r++) {
                    boolean deletedNow = now != null && now.isDeleted(r);
                    boolean deletedThen = then != null && then.isDeleted(r);
                    if (was == null && !deletedNow) {
                        inserted.add(row(b, r, n, update ? "update_postimage" : "insert", version, at));
                    } else if (was != null && deletedNow && !deletedThen) {
                        out.add(row(b, r, n, update ? "update_preimage" : "delete", version, at));
                    }
                }
            }
            if (before != null && before.id() == after.id()) {
                // chunks the version took away (TRUNCATE): their live rows are deleted
                try (MemTable scratchBefore = new MemTable(allocators.apply("changes"), columns.stream().map(ColumnDef::type).toList())) {
                    Map<Batch, Deletes> deletesBefore = new IdentityHashMap<>();
                    List<Batch> previous = storage.load(before, columns, scratchBefore, deletesBefore);
                    scratchBefore.append(previous);
                    for (int i = 0; i < previous.size(); i++) {
                        if (still.contains(i)) {
                            continue;
                        }
                        Batch b = previous.get(i);
                        Deletes d = deletesBefore.get(b);
                        for (int r = 0; r < b.rowCount(); r++) {
                            if (d == null || !d.isDeleted(r)) {
                                out.add(row(b, r, n, "delete", version, at));
                            }
                        }
                    }
                }
            }
            out.addAll(inserted);
        }
        return out;
    }

    private static List<Object> row(Batch b, int r, int n, String type, long version, LocalDateTime at) {
        List<Object> row = new ArrayList<>(n + 3);
        b.pin(); // pinned, not held: the buffer pool may evict the chunk's columns once its rows are out
        try {
            for (int c = 0; c < n; c++) {
                row.add(Values.get(b.pinnedVector(c), b.type(c), r));
            }
        } finally {
            b.unpin();
        }
        row.add(type);
        row.add(version);
        row.add(at);
        return row;
    }

    private static Batch batch(List<ColumnDef> columns, List<List<Object>> rows, BufferAllocator allocator) {
        FieldVector[] vectors = new FieldVector[columns.size()];
        try {
            for (int c = 0; c < vectors.length; c++) {
                vectors[c] = ArrowTypes.field(columns.get(c).name(), columns.get(c).type(), true)
                        .createVector(allocator);
                vectors[c].setInitialCapacity(rows.size());
                vectors[c].allocateNew();
                for (int r = 0; r < rows.size(); r++) {
                    Values.set(vectors[c], columns.get(c).type(), r, rows.get(r).get(c));
                }
                vectors[c].setValueCount(rows.size());
            }
        } catch (RuntimeException e) {
            for (var v : vectors) {
                if (v != null) {
                    v.close();
                }
            }
            throw e;
        }
        return new Batch(columns.stream().map(ColumnDef::name).toList(), columns.stream().map(ColumnDef::type).toArray(SqlType[]::new),
                vectors, rows.size());
    }

    @Override
    public synchronized void close() {
        cache.values().forEach(t -> t.data().close());
        cache.clear();
    }
}
