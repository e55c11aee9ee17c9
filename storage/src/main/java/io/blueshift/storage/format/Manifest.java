package io.blueshift.storage.format;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One committed version of a whole database: its schemas, its tables and views with their
 * definitions, and for each table the row groups (segment file and index) that hold its rows.
 * Each commit publishes a complete manifest, so reading one version never needs another.
 *
 * @param version   commit number, 1 for the first commit
 * @param timeMicros when it committed (microseconds since the epoch)
 * @param operation  the statement that made it (CREATE TABLE, INSERT ...)
 * @param properties the database's own entries (its users), kept as keys and values
 */
public record Manifest(long version, long timeMicros, String operation, List<String> schemas, List<Table> tables,
                       Map<String, String> properties) {
    private static final int MAGIC = 0x464D5342; // "BSMF" little-endian
    /** Format 2 added the database properties; format 1 manifests read with none. */
    private static final int FORMAT = 2;

    public Manifest {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        properties = Map.copyOf(properties);
    }

    public Manifest(long version, long timeMicros, String operation, List<String> schemas, List<Table> tables) {
        this(version, timeMicros, operation, schemas, tables, Map.of());
    }

    /** A table or view; views have a query and no chunks. {@code properties} holds physical DDL (sort key ...). */
    public record Table(long id, String schema, String name, String viewSql, List<Column> columns, List<String> primaryKey,
                        Map<String, String> properties, List<ChunkRef> chunks) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            properties = Map.copyOf(properties);
            chunks = List.copyOf(chunks);
        }
    }

    /** A column: its SQL type by name, nullability, DEFAULT text (or null) and ENCODE keyword (or null: AUTO). */
    public record Column(String name, String type, boolean nullable, String defaultSql, String encoding) {
    }

    /**
     * One row group of a segment file, the file of its deletion vector (null: no row deleted) and
     * the slice it belongs to (-1: none).
     */
    public record ChunkRef(String segment, int rowGroup, int rowCount, String deletes, int slice) {
        public ChunkRef(String segment, int rowGroup, int rowCount) {
            this(segment, rowGroup, rowCount, null, -1);
        }

        public ChunkRef withDeletes(String file) {
            return new ChunkRef(segment, rowGroup, rowCount, file, slice);
        }

        public ChunkRef withSlice(int s) {
            return new ChunkRef(segment, rowGroup, rowCount, deletes, s);
        }
    }

    byte[] serialize() {
        ByteSink out = new ByteSink(1024);
        out.putInt(MAGIC).putInt(FORMAT).putLong(version).putLong(timeMicros).putString(operation);
        out.putInt(schemas.size());
        schemas.forEach(out::putString);
        out.putInt(tables.size());
        for (Table t : tables) {
            out.putLong(t.id()).putString(t.schema()).putString(t.name()).putString(t.viewSql());
            out.putInt(t.columns().size());
            for (Column c : t.columns()) {
                out.putString(c.name()).putString(c.type()).putByte(c.nullable() ? 1 : 0).putString(c.defaultSql())
                        .putString(c.encoding());
            }
            out.putInt(t.primaryKey().size());
            t.primaryKey().forEach(out::putString);
            out.putInt(t.properties().size());
            t.properties().forEach((k, v) -> out.putString(k).putString(v));
            out.putInt(t.chunks().size());
            for (ChunkRef c : t.chunks()) {
                out.putString(c.segment()).putInt(c.rowGroup()).putInt(c.rowCount()).putString(c.deletes()).putInt(c.slice());
            }
        }
        out.putInt(properties.size());
        new TreeMap<>(properties).forEach((k, v) -> out.putString(k).putString(v));
        byte[] body = out.toByteArray();
        return new ByteSink(body.length + 4).putBytes(body).putInt(Checksums.crc(body, 0, body.length)).toByteArray();
    }

    /** Reads a serialized manifest; throws IllegalArgumentException when it is not one or its checksum fails. */
    static Manifest deserialize(byte[] bytes) {
        if (bytes.length < 12 || Checksums.crc(bytes, 0, bytes.length - 4)
                != MemorySegment.ofArray(bytes).get(ByteSource.INT, bytes.length - 4)) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        ByteSource in = new ByteSource(MemorySegment.ofArray(bytes).asSlice(0, bytes.length - 4));
        int format = in.getInt() == MAGIC ? in.getInt() : -1;
        if (format != 1 && format != FORMAT) {
            throw new IllegalArgumentException("not a manifest of this format");
        }
        long version = in.getLong();
        long time = in.getLong();
        String operation = in.getString();
        int schemaCount = in.getInt();
        List<String> schemas = new ArrayList<>();
        for (int i = 0; i < schemaCount; i++) {
            schemas.add(in.getString());
        }
        int tableCount = in.getInt();
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < tableCount; i++) {
            long id = in.getLong();
            String schema = in.getString();
            String name = in.getString();
            String view = in.getString();
            int columnCount = in.getInt();
            List<Column> columns = new ArrayList<>();
            for (int c = 0; c < columnCount; c++) {
                String cn = in.getString();
                String type = in.getString();
                boolean nullable = in.getByte() != 0;
                String def = in.getString();
                columns.add(new Column(cn, type, nullable, def, in.getString()));
            }
            int keyCount = in.getInt();
            List<String> key = new ArrayList<>();
            for (int k = 0; k < keyCount; k++) {
                key.add(in.getString());
            }
            int propertyCount = in.getInt();
            Map<String, String> properties = new LinkedHashMap<>();
            for (int p = 0; p < propertyCount; p++) {
                properties.put(in.getString(), in.getString());
            }
            int chunkCount = in.getInt();
            List<ChunkRef> chunks = new ArrayList<>();
            for (int c = 0; c < chunkCount; c++) {
                chunks.add(new ChunkRef(in.getString(), in.getInt(), in.getInt(), in.getString(), in.getInt()));
            }
            tables.add(new Table(id, schema, name, view, columns, key, properties, chunks));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (format >= 2) {
            int count = in.getInt();
            for (int p = 0; p < count; p++) {
                properties.put(in.getString(), in.getString());
            }
        }
        return new Manifest(version, time, operation, schemas, tables, properties);
    }
}
