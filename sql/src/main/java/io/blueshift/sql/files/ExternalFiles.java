package io.blueshift.sql.files;

import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.columnar.ZoneMap;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.ddl.CopyOptions;
import io.blueshift.sql.files.parquet.ParquetBatchReader;
import io.blueshift.sql.files.parquet.ParquetFiles;
import io.blueshift.sql.files.parquet.ParquetSchema;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Files queried in place: {@code read_parquet('glob')} and {@code read_csv('glob', ...)} are tables
 * whose chunks are their files, each
 * a stored batch that reads a column from its file only when a query first uses it (column
 * pruning). Hive-style folders ({@code year=2024/}) add partition columns, BIGINT when every value
 * is a whole number and TEXT otherwise, constant within a file: their zone maps let a filter on
 * them skip whole files (partition pruning) without opening them.
 */
public final class ExternalFiles {
    private ExternalFiles() {
    }

    /** A chunk of a table over files: a whole file, or one row group of a Parquet file (-1: the whole file). */
    private record Part(Path file, int rowGroup, int rows) {
    }

    /** Reads one column of one part as a vector of the part's row count. */
    private interface ColumnReader {
        FieldVector read(Part part, int column);
    }

    /** The files of {@code glob} as a table named {@code name}; its columns are the first file's. */
    public static TableDef parquet(String name, String glob, BufferAllocator allocator) {
        List<Path> files = files(glob);
        ParquetSchema schema = ParquetFiles.schema(files.getFirst());
        List<ColumnDef> columns = new ArrayList<>();
        for (int i = 0; i < schema.names().size(); i++) {
            columns.add(new ColumnDef(schema.names().get(i), schema.types().get(i), true));
        }
        Map<Path, ParquetSchema> schemas = new HashMap<>();
        schemas.put(files.getFirst(), schema);
        for (Path f : files) {
            schemas.computeIfAbsent(f, ParquetFiles::schema);
        }
        // a chunk per row group: a filter skips row groups by their footer statistics (predicate pushdown)
        List<Part> parts = new ArrayList<>();
        for (Path f : files) {
            long[] groups = ParquetBatchReader.rowGroupRows(f);
            for (int g = 0; g < groups.length; g++) {
                parts.add(new Part(f, g, Math.toIntExact(groups[g])));
            }
            if (groups.length == 0) {
                parts.add(new Part(f, 0, 0));
            }
        }
        Map<Path, List<List<ZoneMap>>> zones = new ConcurrentHashMap<>();
        return table(name, parts, columns, (part, column) -> {
            int index = schemas.get(part.file()).indexOf(columns.get(column).name());
            return index < 0 ? constant(null, columns.get(column).name(), columns.get(column).type(), part.rows(), allocator)
                    : readColumn(part, index, columns.get(column).name(), columns.get(column).type(), allocator);
        }, (part, column) -> {
            int index = schemas.get(part.file()).indexOf(columns.get(column).name());
            if (index < 0 || !schemas.get(part.file()).types().get(index).equals(columns.get(column).type())) {
                return null;
            }
            List<List<ZoneMap>> perGroup = zones.computeIfAbsent(part.file(), ParquetBatchReader::rowGroupZones);
            return part.rowGroup() < perGroup.size() ? perGroup.get(part.rowGroup()).get(index) : null;
        }, allocator);
    }

    /**
     * Delimited text or CSV files ({@code read_csv}): every column TEXT, named by the header line
     * or column0, column1 ...; a column is read by parsing its file when a query first uses it.
     */
    public static TableDef csv(String name, String glob, Map<String, String> optionPairs, BufferAllocator allocator) {
        CopyOptions options = CopyOptions.of(optionPairs);
        List<Path> files = files(glob);
        String first = CopyLoader.firstLine(files.getFirst(), options);
        String[] fields = first.split(Pattern.quote(String.valueOf((char) options.delimiter())), -1);
        boolean header = options.header();
        List<ColumnDef> columns = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            String n = header ? fields[i].strip().replaceAll("^\"(.*)\"$", "$1") : "column" + i;
            columns.add(new ColumnDef(n, SqlType.TEXT, true));
        }
        TableDef shape = new TableDef("csv", columns, 0, List.of(), new MemTable(allocator, columns.stream().map(ColumnDef::type).toList()),
                null);
        List<Part> parts = files.stream().map(f -> new Part(f, -1, Math.toIntExact(CopyLoader.countRecords(f, options)))).toList();
        return table(name, parts, columns, (part, column) -> {
            Path file = part.file();
            int rows = part.rows();
            List<Batch> parsed = CopyLoader.parseFile(file, options, shape);
            FieldVector out = ArrowTypes.field(columns.get(column).name(), SqlType.TEXT, true).createVector(allocator);
            try {
                out.setInitialCapacity(Math.max(1, rows));
                out.allocateNew();
                int at = 0;
                for (Batch b : parsed) {
                    for (int i = 0; i < b.rowCount(); i++) {
                        out.copyFromSafe(i, at++, b.vector(column));
                    }
                }
                out.setValueCount(at);
                if (at != rows) {
                    throw new BlueshiftException(ErrorCode.DATA_CORRUPTED, "file " + file + " changed while it was read");
                }
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            } finally {
                parsed.forEach(Batch::close);
            }
        }, (part, column) -> null, allocator);
    }

    /** A table of one stored chunk per part, with the Hive partition columns of the files' folders after the file's columns. */
    private static TableDef table(String name, List<Part> parts, List<ColumnDef> fileColumnDefs, ColumnReader reader,
                                  BiFunction<Part, Integer, ZoneMap> fileZones, BufferAllocator allocator) {
        // partition columns: key=value folders, in the order the first file's path has them
        Map<String, List<String>> partitions = new LinkedHashMap<>();
        List<Map<String, String>> values = new ArrayList<>();
        for (Part chunk : parts) {
            Path f = chunk.file();
            Map<String, String> kv = new LinkedHashMap<>();
            for (Path folder : f.getParent() == null ? List.<Path>of() : List.copyOf(toList(f.getParent()))) {
                String p = folder.toString();
                int eq = p.indexOf('=');
                if (eq > 0) {
                    String value = URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
                    kv.put(p.substring(0, eq).toLowerCase(Locale.ROOT), value.equals("__HIVE_DEFAULT_PARTITION__") ? null : value);
                }
            }
            kv.keySet().forEach(k -> partitions.computeIfAbsent(k, x -> new ArrayList<>()));
            values.add(kv);
        }
        List<ColumnDef> columns = new ArrayList<>(fileColumnDefs);
        int fileColumns = columns.size();
        List<String> partitionNames = new ArrayList<>();
        for (String key : partitions.keySet()) {
            if (fileColumnDefs.stream().anyMatch(c -> c.name().equalsIgnoreCase(key))) {
                continue;
            }
            boolean whole = values.stream().map(m -> m.get(key)).allMatch(v -> v == null || v.matches("-?\\d{1,18}"));
            columns.add(new ColumnDef(key, whole ? SqlType.BIGINT : SqlType.TEXT, true));
            partitionNames.add(key);
        }
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        SqlType[] types = columns.stream().map(ColumnDef::type).toArray(SqlType[]::new);
        MemTable data = new MemTable(allocator, List.of(types));
        List<Batch> chunks = new ArrayList<>();
        for (int f = 0; f < parts.size(); f++) {
            Part part = parts.get(f);
            Map<String, String> kv = values.get(f);
            int rows = part.rows();
            chunks.add(Batch.stored(names, types, rows, new Batch.ColumnSource() {
                @Override
                public FieldVector load(int column) {
                    if (column >= fileColumns) {
                        return constant(kv.get(partitionNames.get(column - fileColumns)), names.get(column), types[column], rows, allocator);
                    }
                    return reader.read(part, column);
                }

                @Override
                public ZoneMap zone(int column) {
                    if (column < fileColumns) {
                        return fileZones.apply(part, column);
                    }
                    if (!types[column].equals(SqlType.BIGINT)) {
                        return null;
                    }
                    String v = kv.get(partitionNames.get(column - fileColumns));
                    return v == null ? new ZoneMap(rows, false, 0, 0) : new ZoneMap(0, true, Long.parseLong(v), Long.parseLong(v));
                }
            }));
        }
        data.append(chunks);
        return new TableDef(name, columns, Math.max(1, chunks.stream().mapToLong(Batch::rowCount).sum()), List.of(), data, null);
    }

    /**
     * The tables of recently read globs, kept while their files stay the same (same names, sizes and
     * times), so the columns a query loaded serve the next one; replaced ones close when no scan reads them.
     */
    public static final class Cache implements AutoCloseable {
        private static final int KEPT = 8;
        private final LinkedHashMap<String, Map.Entry<String, TableDef>> tables = new LinkedHashMap<>();

        /** The table of {@code key} (a glob and its options), made by {@code make} when new or when its files changed. */
        public synchronized TableDef get(String key, String glob, Supplier<TableDef> make) {
            String stamp = stamp(glob);
            Map.Entry<String, TableDef> cached = tables.remove(key);
            if (cached != null && cached.getKey().equals(stamp)) {
                tables.put(key, cached);
                return cached.getValue();
            }
            if (cached != null) {
                cached.getValue().data().closeWhenIdle();
            }
            TableDef t = make.get();
            tables.put(key, Map.entry(stamp, t));
            var it = tables.entrySet().iterator();
            while (tables.size() > KEPT && it.hasNext()) {
                it.next().getValue().getValue().data().closeWhenIdle();
                it.remove();
            }
            return t;
        }

        private static String stamp(String glob) {
            StringBuilder sb = new StringBuilder();
            for (Path p : files(glob)) {
                try {
                    sb.append(p).append(':').append(Files.size(p)).append(':')
                            .append(Files.getLastModifiedTime(p).toMillis()).append(';');
                } catch (IOException e) {
                    throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read " + p, e.getMessage());
                }
            }
            return sb.toString();
        }

        @Override
        public synchronized void close() {
            tables.values().forEach(e -> e.getValue().data().closeWhenIdle());
            tables.clear();
        }
    }

    /** The data files of a glob: names starting with a dot or an underscore (_SUCCESS, .crc) are not data. */
    static List<Path> files(String glob) {
        List<Path> files = CopyLoader.files(glob).stream().filter(p -> {
            String f = p.getFileName().toString();
            return !f.startsWith(".") && !f.startsWith("_");
        }).toList();
        if (files.isEmpty()) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_FILE, glob);
        }
        return files;
    }

    private static List<Path> toList(Path p) {
        List<Path> out = new ArrayList<>();
        p.forEach(out::add);
        return out;
    }

    private static FieldVector constant(String value, String name, SqlType type, int rows, BufferAllocator allocator) {
        FieldVector v = ArrowTypes.field(name, type, true).createVector(allocator);
        v.setInitialCapacity(Math.max(1, rows));
        v.allocateNew();
        Object typed = value == null ? null : type == SqlType.BIGINT ? (Object) Long.parseLong(value) : value;
        for (int r = 0; r < rows; r++) {
            Values.set(v, type, r, typed);
        }
        v.setValueCount(rows);
        return v;
    }

    /** One column of one row group of a Parquet file as one vector. */
    private static FieldVector readColumn(Part part, int index, String name, SqlType type, BufferAllocator allocator) {
        Path file = part.file();
        int rows = part.rows();
        FieldVector out = ArrowTypes.field(name, type, true).createVector(allocator);
        try (ParquetBatchReader reader = ParquetFiles.read(file, allocator, new int[] {index}, List.of(), ParquetBatchReader.MAX_BATCH_ROWS,
                part.rowGroup(), part.rowGroup() + 1)) {
            out.setInitialCapacity(Math.max(1, rows));
            out.allocateNew();
            int at = 0;
            for (Batch next = reader.next(); next != null; next = reader.next()) {
                try (Batch b = next) {
                    FieldVector from = b.vector(0);
                    int n = b.liveCount();
                    for (int i = 0; i < n; i++) {
                        int row = b.selection() == null ? i : b.selection().get(i);
                        out.copyFromSafe(row, at++, from);
                    }
                }
            }
            if (at != rows) {
                throw new BlueshiftException(ErrorCode.DATA_CORRUPTED, "Parquet file " + file + " holds " + at + " rows, its footer says " + rows);
            }
            out.setValueCount(rows);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
