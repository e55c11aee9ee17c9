package io.blueshift.sql.files;

import io.airlift.compress.bzip2.BZip2HadoopStreams;
import io.airlift.compress.zstd.ZstdOutputStream;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.Selection;
import io.blueshift.sql.api.Progress;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.sql.ddl.UnloadParser;
import io.blueshift.sql.files.parquet.ParquetBatchWriter;
import io.blueshift.sql.files.parquet.ParquetWriteOptions;
import io.blueshift.sql.session.StatementContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.vector.FieldVector;

/**
 * UNLOAD: a query's rows written into a directory as CSV (or delimited text) or Parquet files,
 * optionally compressed, split at MAXFILESIZE, and with PARTITION BY in Hive-style folders
 * ({@code col=value/}, NULL as {@code __HIVE_DEFAULT_PARTITION__}) that leave the partition columns
 * out of the files unless INCLUDE. Files are written into a hidden folder inside the target and
 * moved into place only when the whole query has been written, so a failed or cancelled UNLOAD
 * leaves nothing behind; a target that already holds files needs ALLOWOVERWRITE, which replaces them.
 */
public final class Unloader {
    private Unloader() {
    }

    /** Where the rows of one partition go: the current file, rolled over at the size limit. */
    private interface Sink extends AutoCloseable {
        void write(Batch batch, Selection rows) throws IOException;

        @Override
        void close() throws IOException;
    }

    public static Result unload(StatementContext session, UnloadParser.Unload u) {
        session.requireServerFiles("UNLOAD");
        String format = u.options().getOrDefault("format", "text");
        if (!format.equals("text") && !format.equals("csv") && !format.equals("parquet")) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "UNLOAD FORMAT " + format.toUpperCase(Locale.ROOT));
        }
        Path target = Path.of(u.target());
        boolean overwrite = u.options().containsKey("allowoverwrite");
        try {
            if (Files.isDirectory(target) && !overwrite && hasFiles(target)) {
                throw new BlueshiftException(ErrorCode.DUPLICATE_FILE, "unload destination \"" + target
                        + "\" is not empty: use another folder, remove its files, or give ALLOWOVERWRITE");
            }
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "create " + target, e.getMessage());
        }
        Path staging = target.resolve(".unload-" + UUID.randomUUID());
        long rows = 0;
        boolean done = false;
        try (Result result = session.execute(u.query())) {
            if (!result.isQuery()) {
                throw new BlueshiftException(ErrorCode.WRONG_OBJECT_TYPE, "UNLOAD needs a query that returns rows");
            }
            List<ResultColumn> columns = result.columns();
            int[] partition = new int[u.partitionBy().size()];
            for (int i = 0; i < partition.length; i++) {
                partition[i] = -1;
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).name().equalsIgnoreCase(u.partitionBy().get(i))) {
                        partition[i] = c;
                    }
                }
                if (partition[i] < 0) {
                    throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, u.partitionBy().get(i));
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                final int column = c;
                if (u.includePartitionColumns() || Arrays.stream(partition).noneMatch(p -> p == column)) {
                    kept.add(c);
                }
            }
            Files.createDirectories(staging);
            Map<String, Sink> sinks = new LinkedHashMap<>();
            long began = System.nanoTime();
            long lastReport = began;
            try {
                for (Batch b = result.next(); b != null; b = result.next()) {
                    if (session.cancelRequested()) {
                        b.close();
                        throw session.cancellation();
                    }
                    rows += b.liveCount();
                    if (System.nanoTime() - lastReport > 250_000_000L) {
                        lastReport = System.nanoTime();
                        session.progress(new Progress("UNLOAD", rows, -1, -1, lastReport - began));
                    }
                    if (partition.length == 0) {
                        sink(sinks, "", staging, columns, kept, u, format).write(b, b.selection());
                        continue;
                    }
                    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
                    for (int i = 0; i < b.liveCount(); i++) {
                        int row = b.selection() == null ? i : b.selection().get(i);
                        StringBuilder key = new StringBuilder();
                        for (int p : partition) {
                            Object v = b.get(p, row);
                            key.append(columns.get(p).name()).append('=')
                                    .append(v == null ? "__HIVE_DEFAULT_PARTITION__" : URLEncoder.encode(text(v), StandardCharsets.UTF_8))
                                    .append('/');
                        }
                        byKey.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(row);
                    }
                    for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
                        int[] positions = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                        sink(sinks, e.getKey(), staging, columns, kept, u, format).write(b, Selection.positions(positions, positions.length));
                    }
                }
            } finally {
                for (Sink s : sinks.values()) {
                    s.close();
                }
            }
            publish(staging, target, overwrite);
            done = true;
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "write " + target, e.getMessage());
        } finally {
            if (!done) {
                deleteQuietly(staging);
            }
        }
        return new StatusResult("UNLOAD " + rows, rows);
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    /** Moves the staged files into the target (replacing the files there with ALLOWOVERWRITE), then drops the staging folder. */
    private static void publish(Path staging, Path target, boolean overwrite) throws IOException {
        if (overwrite) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.filter(Files::isRegularFile).filter(p -> !p.startsWith(staging)).toList()) {
                    Files.delete(p);
                }
            }
        }
        List<Path> staged;
        try (Stream<Path> files = Files.walk(staging)) {
            staged = files.filter(Files::isRegularFile).toList();
        }
        for (Path p : staged) {
            Path to = target.resolve(staging.relativize(p).toString());
            Files.createDirectories(to.getParent());
            Files.move(p, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteQuietly(staging);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover hidden folder holds no published file
        }
    }

    private static Sink sink(Map<String, Sink> sinks, String key, Path staging, List<ResultColumn> columns, List<Integer> kept,
                             UnloadParser.Unload u, String format) throws IOException {
        Sink s = sinks.get(key);
        if (s == null) {
            Path dir = staging.resolve(key);
            Files.createDirectories(dir);
            s = format.equals("parquet") ? new ParquetSink(dir, columns, kept, u.options()) : new TextSink(dir, columns, kept, u.options(),
                    format.equals("csv"));
            sinks.put(key, s);
        }
        return s;
    }

    /** A value as UNLOAD writes it: Postgres' text form, booleans as t and f. */
    static String text(Object v) {
        return v instanceof Boolean b ? (b ? "t" : "f") : Conversions.toText(v);
    }

    private static long maxFileSize(Map<String, String> options) {
        String size = options.get("maxfilesize");
        if (size == null) {
            return 6_200L << 20;
        }
        String[] parts = size.split(" ");
        double n = Double.parseDouble(parts[0]);
        long bytes = (long) (n * (parts[1].equalsIgnoreCase("gb") ? 1L << 30 : 1L << 20));
        if (bytes < 5L << 20 || bytes > 6_200L << 20) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "MAXFILESIZE must be between 5 MB and 6.2 GB");
        }
        return bytes;
    }

    /** CSV or delimited text, compressed as asked. */
    private static final class TextSink implements Sink {
        private final Path dir;
        private final List<ResultColumn> columns;
        private final List<Integer> kept;
        private final DelimitedWriter writer;
        private final boolean header;
        private final String compression;
        private final String extension;
        private final long maxBytes;
        private OutputStream out;
        private long written;
        private int part;
        private final StringBuilder line = new StringBuilder();

        TextSink(Path dir, List<ResultColumn> columns, List<Integer> kept, Map<String, String> o, boolean csv) {
            this.dir = dir;
            this.columns = columns;
            this.kept = kept;
            String d = o.getOrDefault("delimiter", csv ? "," : "|");
            if (d.length() != 1) {
                throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "UNLOAD DELIMITER must be a single character");
            }
            this.writer = new DelimitedWriter(csv, d.charAt(0), '"', '"', o.getOrDefault("null", ""), o.containsKey("addquotes"),
                    DelimitedWriter.Style.REDSHIFT);
            this.header = o.containsKey("header");
            this.compression = o.containsKey("gzip") ? "gzip" : o.containsKey("bzip2") ? "bzip2" : o.containsKey("zstd") ? "zstd" : null;
            this.extension = o.containsKey("extension") ? "." + o.get("extension").replaceFirst("^\\.", "")
                    : (csv ? ".csv" : ".txt") + (compression == null ? "" : switch (compression) {
                        case "gzip" -> ".gz";
                        case "bzip2" -> ".bz2";
                        default -> ".zst";
                    });
            this.maxBytes = maxFileSize(o);
        }

        private void open() throws IOException {
            OutputStream raw = new BufferedOutputStream(Files.newOutputStream(dir.resolve(String.format(Locale.ROOT, "part-%05d%s", part++,
                    extension))), 1 << 16);
            out = compression == null ? raw : switch (compression) {
                case "gzip" -> new GZIPOutputStream(raw, 1 << 16);
                case "bzip2" -> new BZip2HadoopStreams().createOutputStream(raw);
                default -> new ZstdOutputStream(raw);
            };
            written = 0;
            if (header) {
                line.setLength(0);
                for (int i = 0; i < kept.size(); i++) {
                    writer.value(line, i, columns.get(kept.get(i)).name());
                }
                emit();
            }
        }

        @Override
        public void write(Batch batch, Selection rows) throws IOException {
            int n = rows == null ? batch.rowCount() : rows.count();
            for (int i = 0; i < n; i++) {
                if (out == null || written >= maxBytes) {
                    close();
                    open();
                }
                int row = rows == null ? i : rows.get(i);
                line.setLength(0);
                for (int k = 0; k < kept.size(); k++) {
                    Object v = batch.get(kept.get(k), row);
                    writer.value(line, k, v == null ? null : text(v));
                }
                emit();
            }
        }

        private void emit() throws IOException {
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            written += bytes.length;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }

    /** Parquet files through {@link io.blueshift.sql.parquet}: the kept columns of each batch, SNAPPY-compressed as Redshift writes them. */
    private static final class ParquetSink implements Sink {
        private final Path dir;
        private final List<String> names = new ArrayList<>();
        private final List<SqlType> types = new ArrayList<>();
        private final List<Integer> kept;
        private final long maxBytes;
        private final String extension;
        private ParquetBatchWriter writer;
        private Path file;
        private int part;

        ParquetSink(Path dir, List<ResultColumn> columns, List<Integer> kept, Map<String, String> o) {
            this.dir = dir;
            this.kept = kept;
            for (int c : kept) {
                names.add(columns.get(c).name());
                types.add(columns.get(c).type());
            }
            this.maxBytes = maxFileSize(o);
            this.extension = o.containsKey("extension") ? "." + o.get("extension").replaceFirst("^\\.", "") : ".parquet";
        }

        @Override
        public void write(Batch batch, Selection rows) throws IOException {
            if (writer == null || Files.size(file) >= maxBytes) {
                close();
                file = dir.resolve(String.format(Locale.ROOT, "part-%05d%s", part++, extension));
                writer = new ParquetBatchWriter(file, names, types,
                        ParquetWriteOptions.defaults().withCompression(
                                ParquetWriteOptions.Compression.SNAPPY));
            }
            // the kept columns as a batch of their own: the vectors stay the query's, so it is not closed
            FieldVector[] vectors = new FieldVector[kept.size()];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = batch.vector(kept.get(i));
            }
            Batch view = new Batch(names, types.toArray(new SqlType[0]), vectors, batch.rowCount());
            view.setSelection(rows);
            writer.write(view);
        }

        @Override
        public void close() {
            if (writer != null) {
                writer.finish();
                writer.close();
                writer = null;
            }
        }
    }
}
