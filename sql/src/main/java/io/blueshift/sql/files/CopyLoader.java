package io.blueshift.sql.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.airlift.compress.bzip2.BZip2HadoopStreams;
import io.airlift.compress.zstd.ZstdInputStream;
import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Values;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.string.TextCheck;
import io.blueshift.sql.session.DeepStack;
import io.blueshift.sql.api.Progress;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.sql.catalog.LoadErrors.LoadError;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.commands.InsertExecutor;
import io.blueshift.sql.ddl.CopyOptions;
import io.blueshift.sql.ddl.CopyParser;
import io.blueshift.sql.files.parquet.ParquetBatchReader;
import io.blueshift.sql.files.parquet.ParquetFiles;
import io.blueshift.sql.files.parquet.ParquetSchema;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.storage.ChunkSink;
import io.blueshift.storage.PrimaryKeys;
import io.blueshift.storage.table.MemTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * COPY from files, the one loader behind COPY FROM 'path', the wire's COPY FROM STDIN (whose data
 * is spooled to a file) and {@code read_csv}: delimited text and CSV, plain or compressed (GZIP,
 * BZIP2, ZSTD), with the options of a {@link CopyOptions}; also JSON, Parquet and Postgres' binary
 * format ({@link BinaryCopyReader}), appended the same way. Each file is cut into ranges at line ends (for CSV, at line ends outside quotes) and the
 * ranges are parsed on every core straight into Arrow vectors of the table's types. A field that
 * does not convert rejects its row into {@code stl_load_errors}; past MAXERROR rejected rows the COPY
 * fails and the table keeps none of its rows. All rows are appended in one change, so a COPY is one
 * transaction, and a cancel stops it with nothing loaded.
 */
public final class CopyLoader {
    /** Rows per table chunk the loader builds. */
    private static final int CHUNK_ROWS = 1 << 16;
    /** Bytes of input per parallel range. */
    private static final long RANGE_BYTES = 8L << 20;
    private static final AtomicLong QUERIES = new AtomicLong();
    private static final JsonFactory JSON = new JsonFactory();

    private CopyLoader() {
    }

    public static Result load(StatementContext session, CopyParser.CopyFrom copy) {
        session.requireServerFiles("COPY from a file");
        CopyOptions options = copy.options();
        SchemaDef schema = session.catalog().findSchema(copy.table().schema() == null ? session.currentSchema()
                : copy.table().schema());
        TableDef table = schema == null ? null : schema.table(copy.table().name());
        if (table == null || table.isView() || table.data() == null) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, copy.table().name());
        }
        int[] target = new int[copy.columns().isEmpty() ? table.columns().size() : copy.columns().size()];
        for (int i = 0; i < target.length; i++) {
            target[i] = copy.columns().isEmpty() ? i : table.columnIndex(copy.columns().get(i));
            if (target[i] < 0) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, copy.columns().get(i));
            }
        }
        List<Path> files = files(copy.source());
        long query = QUERIES.incrementAndGet();
        long start = System.currentTimeMillis() * 1000;
        Map<Integer, Object> defaults = defaults(session, table, target);
        try (ChunkSink sink = session.storage().chunkSink(table, session.memoryPool())) {
            if (options.parquet()) {
                loadParquet(session, table, target, files, defaults, options, sink);
            } else if (options.binary()) {
                loadBinary(session, table, target, files, defaults, options, sink);
            } else {
                loadText(session, table, target, files, defaults, options, query, start, sink);
            }
            return append(session, table, sink);
        }
    }

    /** Text, CSV and JSON: the files cut into ranges parsed on every core, their chunks handed to {@code sink} in file order. */
    private static void loadText(StatementContext session, TableDef table, int[] target, List<Path> files, Map<Integer, Object> defaults,
                                 CopyOptions options, long query, long start, ChunkSink sink) {
        List<Range> ranges = new ArrayList<>();
        try (Arena arena = Arena.ofShared()) {
            for (Path file : files) {
                MemorySegment data = read(file, options, arena);
                // a JSON file is one range: objects may span lines
                for (Range r : options.json() ? List.of(new Range(file.toString(), data, 0, data.byteSize(), 0))
                        : split(file.toString(), data, options)) {
                    ranges.add(new Range(r.file(), r.data(), r.start(), r.end(), ranges.size()));
                }
            }
            List<LoadError> errors = new ArrayList<>();
            parse(session, table, target, defaults, options, ranges, query, start, sink, errors);
            session.loadErrors().add(errors);
            if (errors.size() > options.maxError() && options.maxError() == 0) {
                // no row may be rejected: the first bad one fails the COPY with its own SQLSTATE, as in Postgres
                LoadError first = errors.getFirst();
                throw BlueshiftException.withMessage(errorCode(first.code()), first.reason() + " (COPY " + table.name() + ", line "
                        + first.line() + (first.column() == null ? "" : ", column " + first.column()) + ")");
            }
            if (errors.size() > options.maxError()) {
                throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "Load into table '" + table.name()
                        + "' failed: " + errors.size() + " rows rejected, more than MAXERROR " + options.maxError()
                        + "; first: line " + errors.getFirst().line() + " of " + errors.getFirst().file() + ": "
                        + errors.getFirst().reason() + " (see stl_load_errors)");
            }
        }
    }

    /**
     * Appends a COPY's chunks (those {@code sink} took) to the table in one change and commits it;
     * when that fails they are freed and a staged file deleted.
     */
    private static Result append(StatementContext session, TableDef table, ChunkSink sink) {
        List<Batch> batches = sink.finish();
        try {
            PrimaryKeys.check(table, session.view(table.data()), batches);
            session.change(table, Map.of(), batches);
        } catch (RuntimeException e) {
            batches.forEach(Batch::close);
            sink.discard();
            throw e;
        }
        session.onRollback(sink::discard);
        Map<Integer, Long> distinct = sink.distinctCounts();
        if (distinct != null && !session.inTransaction() && table.data().version().rowCount() == sink.rows()) {
            // a load into an empty table leaves its statistics, as ANALYZE would (kept with the commit)
            table.data().seed(new MemTable.Statistics(null, distinct));
        }
        session.committed("COPY");
        long rows = batches.stream().mapToLong(Batch::rowCount).sum();
        return new StatusResult("COPY " + rows, rows);
    }

    /** ACCEPTINVCHARS' replacement byte, or 0 when invalid text is refused (22021). */
    private static byte replacement(CopyOptions o) {
        return o.acceptInvChars() == null ? 0 : (byte) o.acceptInvChars().charAt(0);
    }

    /** FORMAT BINARY: Postgres' binary COPY files, one after another, appended as one change. */
    private static void loadBinary(StatementContext session, TableDef table, int[] target, List<Path> files, Map<Integer, Object> defaults,
                                   CopyOptions options, ChunkSink sink) {
        BinaryCopyReader reader = new BinaryCopyReader(session, table, target, defaults, CHUNK_ROWS, replacement(options));
        try (Arena arena = Arena.ofShared()) {
            for (Path file : files) {
                reader.read(file.toString(), read(file, options, arena), chunk -> sink.accept(sink.prepare(chunk)));
            }
        }
    }

    /**
     * FORMAT PARQUET: the file's columns matched to the table's by name (any case; a table column the
     * file lacks is NULL or its default), vectors taken over as they are when the types agree and
     * converted value by value when they do not.
     */
    private static void loadParquet(StatementContext session, TableDef table, int[] target, List<Path> files,
                                    Map<Integer, Object> defaults, CopyOptions o, ChunkSink sink) {
        BufferAllocator allocator = table.data().allocator();
        List<String> names = table.columns().stream().map(ColumnDef::name).toList();
        SqlType[] types = table.columns().stream().map(ColumnDef::type).toArray(SqlType[]::new);
        for (Path file : files) {
            ParquetSchema schema = ParquetFiles.schema(file);
            int[] source = new int[table.columns().size()];
            Arrays.fill(source, -1);
            List<Integer> wanted = new ArrayList<>();
            for (int c : target) {
                for (int i = 0; i < schema.names().size(); i++) {
                    if (schema.names().get(i).equalsIgnoreCase(table.columns().get(c).name())) {
                        source[c] = wanted.size();
                        wanted.add(i);
                    }
                }
            }
            try (ParquetBatchReader reader = ParquetFiles.read(file, allocator,
                    wanted.stream().mapToInt(Integer::intValue).toArray(), List.of(), CHUNK_ROWS)
                    .replacingInvalidText(replacement(o))) {
                for (Batch b = reader.next(); b != null; b = reader.next()) {
                    if (session.cancelRequested()) {
                        b.close();
                        throw session.cancellation();
                    }
                    sink.accept(sink.prepare(tableChunk(b, table, source, defaults, names, types, allocator)));
                }
            }
        }
    }

    /** A Parquet batch as a table chunk: columns in the table's order and types; the read batch is consumed. */
    private static Batch tableChunk(Batch read, TableDef table, int[] source, Map<Integer, Object> defaults, List<String> names,
                                    SqlType[] types, BufferAllocator allocator) {
        int n = read.rowCount();
        FieldVector[] vectors = new FieldVector[types.length];
        boolean[] taken = new boolean[read.columnCount()];
        try {
            for (int c = 0; c < types.length; c++) {
                ColumnDef column = table.columns().get(c);
                int s = source[c];
                if (s >= 0 && read.type(s).equals(types[c]) && read.selection() == null) {
                    vectors[c] = read.vector(s);
                    taken[s] = true;
                } else {
                    FieldVector v = ArrowTypes.field(column.name(), column.type(), true).createVector(allocator);
                    vectors[c] = v;
                    v.setInitialCapacity(Math.max(1, n));
                    v.allocateNew();
                    Object fallback = defaults.get(c);
                    for (int r = 0; r < n; r++) {
                        int row = read.selection() == null ? r : read.selection().get(r);
                        Object value = s >= 0 ? read.get(s, row) : fallback;
                        if (value == null && !column.nullable()) {
                            throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
                        }
                        Values.set(v, column.type(), r, value == null ? null : Conversions.convert(value, column.type()));
                    }
                    v.setValueCount(n);
                }
            }
        } catch (RuntimeException e) {
            for (int c = 0; c < vectors.length; c++) {
                if (vectors[c] != null && !(source[c] >= 0 && taken[source[c]] && vectors[c] == read.vector(source[c]))) {
                    vectors[c].close();
                }
            }
            read.close();
            throw e;
        }
        // the vectors taken over now belong to the chunk; the rest of the read batch is freed
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                read.vector(i).close();
            }
        }
        return new Batch(names, types, vectors, n);
    }

    /**
     * One delimited or CSV file read whole into chunks of {@code table}'s columns, in file order (a
     * file queried in place); the first rejected row fails it with its own SQLSTATE.
     */
    static List<Batch> parseFile(Path file, CopyOptions o, TableDef table) {
        int[] target = new int[table.columns().size()];
        for (int i = 0; i < target.length; i++) {
            target[i] = i;
        }
        List<Batch> out = new ArrayList<>();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = read(file, o, arena);
            for (Range range : split(file.toString(), data, o)) {
                RangeParser p = new RangeParser(null, table, target, Map.of(), o, range, 0, 0, new AtomicLong(), new AtomicLong(), null);
                try {
                    p.run();
                } catch (RuntimeException e) {
                    p.close();
                    throw e;
                }
                if (!p.errors.isEmpty()) {
                    LoadError first = p.errors.getFirst();
                    p.close();
                    throw BlueshiftException.withMessage(errorCode(first.code()), first.reason() + " (" + file + ", column "
                            + first.column() + ")");
                }
                out.addAll(p.batches);
            }
        } catch (RuntimeException e) {
            out.forEach(Batch::close);
            throw e;
        }
        return out;
    }

    /** The records of one delimited or CSV file (after its header lines, blank lines not counted), and its first record's fields. */
    static long countRecords(Path file, CopyOptions o) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = read(file, o, arena);
            long count = 0;
            for (Range r : split(file.toString(), data, o)) {
                long pos = r.start();
                while (pos < r.end()) {
                    long end = o.csv() ? nextLineEnd(data, pos, r.end(), o, true) : indexOf(data, pos, r.end(), (byte) '\n');
                    end = end < 0 ? r.end() : end;
                    long len = end - pos;
                    if (len > 0 && data.get(ValueLayout.JAVA_BYTE, end - 1) == '\r') {
                        len--;
                    }
                    if (len > 0) {
                        count++;
                    }
                    pos = end + 1;
                }
            }
            return count;
        }
    }

    /** The first line of a file, as text (its header, or a record to count the fields of). */
    static String firstLine(Path file, CopyOptions o) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = read(file, o, arena);
            long end = indexOf(data, 0, data.byteSize(), (byte) '\n');
            byte[] bytes = data.asSlice(0, end < 0 ? data.byteSize() : end).toArray(ValueLayout.JAVA_BYTE);
            return new String(bytes, StandardCharsets.UTF_8).replaceAll("\r$", "");
        }
    }

    /** The error code of a SQLSTATE. */
    private static ErrorCode errorCode(String sqlState) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.sqlState().equals(sqlState)) {
                return c;
            }
        }
        return ErrorCode.BAD_COPY_FILE_FORMAT;
    }

    /** The files of a source: a file, a glob ({@code dir/part-*.csv.gz}) or, as with S3 keys, a path prefix. */
    static List<Path> files(String source) {
        Path path = Path.of(source);
        try {
            if (Files.isRegularFile(path)) {
                return List.of(path);
            }
            Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
            String name = path.getFileName().toString();
            boolean glob = source.contains("*") || source.contains("?") || source.contains("[") || source.contains("{");
            if (glob) {
                // the glob may span folders: walk from the first folder without wildcards
                Path root = path.getRoot() == null ? Path.of(".") : path.getRoot();
                for (Path part : path) {
                    String p = part.toString();
                    if (p.contains("*") || p.contains("?") || p.contains("[") || p.contains("{")) {
                        break;
                    }
                    root = root.resolve(p);
                }
                PathMatcher matcher = path.getFileSystem().getPathMatcher("glob:" + path.toAbsolutePath().normalize());
                if (Files.isDirectory(root)) {
                    try (var walk = Files.walk(root)) {
                        List<Path> found = walk.filter(Files::isRegularFile).filter(p -> matcher.matches(p.toAbsolutePath().normalize()))
                                .sorted().toList();
                        if (!found.isEmpty()) {
                            return found;
                        }
                    }
                }
            } else if (Files.isDirectory(path)) {
                try (var list = Files.list(path)) {
                    List<Path> found = list.filter(Files::isRegularFile).sorted().toList();
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            } else if (Files.isDirectory(dir)) {
                try (var list = Files.list(dir)) {
                    List<Path> found = list.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(name))
                            .sorted().toList();
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read " + source, e.getMessage());
        }
        throw new BlueshiftException(ErrorCode.UNDEFINED_FILE, source);
    }

    /** The file's bytes: mapped when plain, decompressed into memory when compressed. */
    private static MemorySegment read(Path file, CopyOptions options, Arena arena) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        CopyOptions.Compression compression = options.compression() != CopyOptions.Compression.AUTO ? options.compression()
                : name.endsWith(".gz") ? CopyOptions.Compression.GZIP : name.endsWith(".bz2") ? CopyOptions.Compression.BZIP2
                : name.endsWith(".zst") ? CopyOptions.Compression.ZSTD : CopyOptions.Compression.AUTO;
        try {
            if (compression == CopyOptions.Compression.AUTO) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    return channel.size() == 0 ? MemorySegment.NULL.reinterpret(0)
                            : channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                }
            }
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = switch (compression) {
                     case GZIP -> new GZIPInputStream(raw, 1 << 16);
                     case BZIP2 -> new BZip2HadoopStreams().createInputStream(raw);
                     case ZSTD -> new ZstdInputStream(raw);
                     case AUTO -> throw new AssertionError();
                 }) {
                return MemorySegment.ofArray(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read " + file, e.getMessage());
        }
    }

    /** A part of a file to parse: whole lines, the first one numbered {@code firstLine} (or unknown, -1, until counted). */
    record Range(String file, MemorySegment data, long start, long end, int index) {
    }

    /** Cuts a file into ranges of whole lines (records), after its header lines. */
    private static List<Range> split(String file, MemorySegment data, CopyOptions options) {
        long size = data.byteSize();
        long start = 0;
        for (int h = 0; h < options.ignoreHeader() && start < size; h++) {
            long nl = nextLineEnd(data, start, size, options, false);
            start = nl < 0 ? size : nl + 1;
        }
        List<Range> ranges = new ArrayList<>();
        // CSV quotes may hold line ends: then the cuts follow the quoting, record by record
        boolean quoted = options.csv() && contains(data, start, size, options.quote());
        long next = start;
        while (next < size) {
            long end;
            if (quoted) {
                end = next;
                while (end < size && end - next < RANGE_BYTES) {
                    long e = nextLineEnd(data, end, size, options, true);
                    end = e < 0 ? size : e + 1;
                }
            } else {
                long e = next + RANGE_BYTES >= size ? -1 : indexOf(data, next + RANGE_BYTES, size, (byte) '\n');
                end = e < 0 ? size : e + 1;
            }
            ranges.add(new Range(file, data, next, end, 0));
            next = end;
        }
        return ranges;
    }

    private static boolean contains(MemorySegment data, long from, long to, byte b) {
        return indexOf(data, from, to, b) >= 0;
    }

    private static long indexOf(MemorySegment data, long from, long to, byte b) {
        for (long i = from; i < to; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the line end that closes the record starting at {@code from}, or -1. */
    private static long nextLineEnd(MemorySegment data, long from, long to, CopyOptions options, boolean followQuotes) {
        boolean inQuotes = false;
        // an ESCAPE other than the quote hides the quote (or itself) after it inside quotes
        boolean escapes = options.escape() != options.quote();
        for (long i = from; i < to; i++) {
            byte b = data.get(ValueLayout.JAVA_BYTE, i);
            if (followQuotes && inQuotes && escapes && b == options.escape()) {
                i++;
            } else if (followQuotes && b == options.quote()) {
                inQuotes = !inQuotes;
            } else if (b == '\n' && !inQuotes) {
                return i;
            }
        }
        return -1;
    }

    private static Map<Integer, Object> defaults(StatementContext session, TableDef table, int[] target) {
        List<Integer> listed = new ArrayList<>();
        for (int t : target) {
            listed.add(t);
        }
        return InsertExecutor.defaults(session, table, new InsertExecutor.Target(table, listed));
    }

    /**
     * Parses the ranges on the worker threads, a few ahead of the one whose chunks go to {@code
     * sink} next, so memory holds the chunks of those few ranges whatever the input's size; the
     * chunks reach the sink in file order.
     */
    private static void parse(StatementContext session, TableDef table, int[] target, Map<Integer, Object> defaults, CopyOptions options,
                              List<Range> ranges, long query, long start, ChunkSink sink, List<LoadError> errors) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), ranges.size()));
        int ahead = threads + 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "blueshift-copy");
            t.setDaemon(true);
            return t;
        });
        List<Future<RangeParser>> futures = new ArrayList<>();
        AtomicLong progressRows = new AtomicLong();
        AtomicLong progressBytes = new AtomicLong();
        RuntimeException failure = null;
        try {
            long began = System.nanoTime();
            long total = ranges.stream().mapToLong(r -> r.end() - r.start()).sum();
            session.progress(new Progress("COPY", 0, 0, total, 0));
            long lastReport = began;
            for (int next = 0; next < ranges.size(); next++) {
                while (futures.size() < Math.min(ranges.size(), next + ahead)) {
                    Range range = ranges.get(futures.size());
                    futures.add(pool.submit(() -> {
                        RangeParser p = new RangeParser(session, table, target, defaults, options, range, query, start, progressRows,
                                progressBytes, sink);
                        try {
                            if (options.json()) {
                                p.runJson();
                            } else {
                                p.run();
                            }
                        } catch (RuntimeException | OutOfMemoryError e) {
                            p.close();
                            throw e;
                        }
                        return p;
                    }));
                }
                Future<RangeParser> f = futures.get(next);
                try {
                    RangeParser p = null;
                    while (p == null) {
                        try {
                            p = f.get(50, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException waiting) {
                            // report below
                        }
                        if (System.nanoTime() - lastReport > 250_000_000L) {
                            lastReport = System.nanoTime();
                            session.progress(new Progress("COPY", progressRows.get(), progressBytes.get(), total,
                                    lastReport - began));
                        }
                    }
                    futures.set(next, null);
                    try {
                        sink.accept(p.takePrepared());
                    } finally {
                        p.close();
                    }
                    errors.addAll(p.errors);
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : e.getCause() instanceof StackOverflowError || e.getCause() instanceof OutOfMemoryError
                            ? DeepStack.error((Error) e.getCause())
                            : new BlueshiftException(ErrorCode.INTERNAL_ERROR, e.getCause(), String.valueOf(e.getCause()));
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new BlueshiftException(ErrorCode.QUERY_CANCELED);
                    break;
                }
            }
        } finally {
            // parsers still running or done but not taken (a failure stopped the load): wait for them, free their chunks
            pool.shutdown();
            boolean interrupted = Thread.interrupted();
            for (Future<RangeParser> f : futures) {
                while (f != null) {
                    try {
                        f.get().close();
                        f = null;
                    } catch (ExecutionException failed) {
                        f = null; // a failed parser freed its own chunks
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
        // lines are numbered per file: each range counted its own, add those of the ranges before it
        if (!errors.isEmpty()) {
            long[] linesBefore = new long[ranges.size()];
            String file = null;
            long running = 0;
            for (int i = 0; i < ranges.size(); i++) {
                if (!ranges.get(i).file().equals(file)) {
                    file = ranges.get(i).file();
                    running = options.ignoreHeader();
                }
                linesBefore[i] = running;
                running += countLines(ranges.get(i));
            }
            List<LoadError> numbered = new ArrayList<>();
            for (LoadError e : errors) {
                int r = (int) (e.line() >>> 40);
                numbered.add(new LoadError(e.query(), e.startMicros(), e.table(), e.file(), linesBefore[r] + (e.line() & 0xFF_FFFF_FFFFL),
                        e.column(), e.type(), e.rawLine(), e.rawValue(), e.code(), e.reason()));
            }
            errors.clear();
            errors.addAll(numbered);
        }
    }

    private static long countLines(Range r) {
        long n = 0;
        for (long i = r.start(); i < r.end(); i++) {
            if (r.data().get(ValueLayout.JAVA_BYTE, i) == '\n') {
                n++;
            }
        }
        if (r.end() > r.start() && r.data().get(ValueLayout.JAVA_BYTE, r.end() - 1) != '\n') {
            n++;
        }
        return n;
    }

    /** Parses one range into table chunks; rejected rows go to {@code errors} with range-relative line numbers. */
    private static final class RangeParser implements AutoCloseable {
        private final StatementContext session;
        private final TableDef table;
        private final int[] target;
        private final Map<Integer, Object> defaults;
        private final CopyOptions o;
        private final Range range;
        private final long query;
        private final long start;
        /** The chunks parsed, when there is no sink (a file queried in place). */
        final List<Batch> batches = new ArrayList<>();
        /** The chunks parsed and prepared for the COPY's sink, not yet accepted by it. */
        private final List<ChunkSink.Prepared> prepared = new ArrayList<>();
        private final ChunkSink sink;
        final List<LoadError> errors = new ArrayList<>();
        private final BufferAllocator allocator;
        private FieldVector[] vectors;
        private int rows;
        private final int[] fieldStart;
        private final int[] fieldEnd;
        private final boolean[] fieldQuoted;
        /** The field was the NULL marker before escapes were undone. */
        private final boolean[] fieldNullMarker;
        /** DATEFORMAT and TIMEFORMAT, this parser's own. */
        private final TextTimes times;
        /** Where {@link #unescape} left the write position. */
        private int escapedEnd;
        /** The range's bytes. */
        private byte[] line;

        /** Shared with the other ranges' parsers, for the progress report. */
        private final AtomicLong progressRows;
        private final AtomicLong progressBytes;
        /** Where the next progress report counts bytes from. */
        private int reported;
        private int position;

        RangeParser(StatementContext session, TableDef table, int[] target, Map<Integer, Object> defaults, CopyOptions o, Range range,
                    long query, long start, AtomicLong progressRows, AtomicLong progressBytes, ChunkSink sink) {
            this.sink = sink;
            this.progressRows = progressRows;
            this.progressBytes = progressBytes;
            this.session = session;
            this.table = table;
            this.target = target;
            this.defaults = defaults;
            this.o = o;
            this.times = new TextTimes(o.dateFormat(), o.timeFormat());
            this.range = range;
            this.query = query;
            this.start = start;
            this.allocator = table.data().allocator();
            this.fieldStart = new int[target.length + 1];
            this.fieldEnd = new int[target.length + 1];
            this.fieldQuoted = new boolean[target.length + 1];
            this.fieldNullMarker = new boolean[target.length + 1];
        }

        void run() {
            // the range is copied once; lines are then cut and parsed in that array
            int size = (int) (range.end() - range.start());
            line = new byte[size];
            if (range.data().isMapped()) {
                // read, not copied from the mapping: a mapped page copied stays in the process's memory (RSS) until unmapped
                readRange();
            } else {
                MemorySegment.copy(range.data(), ValueLayout.JAVA_BYTE, range.start(), line, 0, size);
            }
            int pos = 0;
            long lineNo = 0;
            newChunk();
            while (pos < size) {
                int lineEnd = o.csv() ? csvLineEnd(pos, size) : lineEnd(pos, size);
                int end = lineEnd;
                if (end > pos && line[end - 1] == '\r') {
                    end--;
                }
                int from = pos;
                pos = lineEnd + 1;
                position = Math.min(pos, size);
                lineNo++;
                if (end == from) {
                    continue;
                }
                row(from, end, lineNo);
                if (rows == CHUNK_ROWS) {
                    seal();
                    if (session != null && session.cancelRequested()) {
                        throw session.cancellation();
                    }
                    newChunk();
                }
            }
            seal();
            line = null; // the range's copy is not needed past here: the load holds only a few ranges' bytes
        }

        private void readRange() {
            ByteBuffer into = ByteBuffer.wrap(line);
            try (FileChannel in = FileChannel.open(Path.of(range.file()), StandardOpenOption.READ)) {
                while (into.hasRemaining()) {
                    if (in.read(into, range.start() + into.position()) < 0) {
                        throw new BlueshiftException(ErrorCode.IO_ERROR, "read " + range.file(), "the file shrank while it was loaded");
                    }
                }
            } catch (IOException e) {
                throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read " + range.file(), e.getMessage());
            }
        }

        /**
         * FORMAT JSON 'auto': a stream of objects whose first-level keys name the columns (any
         * case); a missing key is NULL, a nested object or array is loaded as its JSON text.
         */
        void runJson() {
            int size = (int) (range.end() - range.start());
            line = new byte[size];
            if (range.data().isMapped()) {
                // read, not copied from the mapping: a mapped page copied stays in the process's memory (RSS) until unmapped
                readRange();
            } else {
                MemorySegment.copy(range.data(), ValueLayout.JAVA_BYTE, range.start(), line, 0, size);
            }
            if (o.acceptInvChars() != null) {
                TextCheck.replaceInvalid(line, 0, size, (byte) o.acceptInvChars().charAt(0));
            } else {
                int bad = TextCheck.firstInvalid(line, 0, size);
                if (bad >= 0) {
                    throw BlueshiftException.withMessage(ErrorCode.CHARACTER_NOT_IN_REPERTOIRE,
                            TextCheck.invalid(line, bad, size).getMessage() + " (COPY " + table.name() + ", line " + lineOf(bad) + ")");
                }
            }
            Map<String, Integer> fieldOf = new HashMap<>();
            for (int f = 0; f < target.length; f++) {
                fieldOf.put(table.columns().get(target[f]).name().toLowerCase(Locale.ROOT), f);
            }
            String[] values = new String[target.length];
            newChunk();
            try (JsonParser p = JSON.createParser(line, 0, size)) {
                while (true) {
                    JsonToken t;
                    try {
                        t = p.nextToken();
                    } catch (IOException e) {
                        throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "invalid JSON at line "
                                + p.currentLocation().getLineNr() + " of " + range.file() + ": " + e.getMessage());
                    }
                    if (t == null) {
                        break;
                    }
                    long lineNo = p.currentLocation().getLineNr();
                    if (t != JsonToken.START_OBJECT) {
                        throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "a JSON object expected at line " + lineNo
                                + " of " + range.file());
                    }
                    Arrays.fill(values, null);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        Integer f = fieldOf.get(p.currentName().toLowerCase(Locale.ROOT));
                        JsonToken v = p.nextToken();
                        String text = v == JsonToken.VALUE_NULL ? null
                                : v.isStructStart() ? structText(p) : p.getText();
                        if (f != null) {
                            values[f] = text;
                        }
                    }
                    jsonRow(values, lineNo);
                    position = (int) p.currentLocation().getByteOffset();
                    if (rows == CHUNK_ROWS) {
                        seal();
                        if (session != null && session.cancelRequested()) {
                            throw session.cancellation();
                        }
                        newChunk();
                    }
                }
            } catch (IOException e) {
                throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "invalid JSON in " + range.file() + ": " + e.getMessage());
            }
            seal();
        }

        /** The 1-based line of the range that byte {@code at} is on. */
        private long lineOf(int at) {
            long lineNo = 1;
            for (int i = 0; i < at; i++) {
                if (line[i] == '\n') {
                    lineNo++;
                }
            }
            return lineNo;
        }

        private static String structText(JsonParser p) throws IOException {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.copyCurrentStructure(p);
            }
            return w.toString();
        }

        private void jsonRow(String[] values, long lineNo) {
            for (int f = 0; f < values.length; f++) {
                int c = target[f];
                ColumnDef column = table.columns().get(c);
                try {
                    if (values[f] == null) {
                        if (!column.nullable()) {
                            throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
                        }
                        vectors[c].setNull(rows);
                    } else {
                        TextCheck.check(values[f]);
                        Object v = column.type().isString() ? values[f] : Conversions.convert(values[f], column.type());
                        if (column.type().isString() && column.type().length() > 0
                                && values[f].codePointCount(0, values[f].length()) > column.type().length()) {
                            if (!o.truncateColumns()) {
                                throw new BlueshiftException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION, column.type().name());
                            }
                            v = values[f].substring(0, values[f].offsetByCodePoints(0, column.type().length()));
                        }
                        Values.set(vectors[c], column.type(), rows, v);
                    }
                } catch (BlueshiftException e) {
                    errors.add(new LoadError(query, start, table.name(), range.file(), ((long) range.index() << 40) | lineNo,
                            column.name(), column.type().name(), null, values[f], e.sqlState(), e.getMessage()));
                    return;
                }
            }
            rows++;
        }

        private int lineEnd(int from, int size) {
            for (int i = from; i < size; i++) {
                if (line[i] == '\n') {
                    return i;
                }
                if (o.backslashEscapes() && line[i] == '\\') {
                    i++;
                }
            }
            return size;
        }

        private int csvLineEnd(int from, int size) {
            boolean inQuotes = false;
            byte quote = o.quote();
            byte escape = o.escape();
            for (int i = from; i < size; i++) {
                byte b = line[i];
                if (inQuotes && escape != quote && b == escape) {
                    i++;
                } else if (b == quote) {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    return i;
                }
            }
            return size;
        }

        private void newChunk() {
            vectors = new FieldVector[table.columns().size()];
            for (int c = 0; c < vectors.length; c++) {
                ColumnDef column = table.columns().get(c);
                vectors[c] = ArrowTypes.field(column.name(), column.type(), true).createVector(allocator);
                vectors[c].setInitialCapacity(CHUNK_ROWS);
                vectors[c].allocateNew();
            }
            rows = 0;
        }

        private void seal() {
            if (vectors == null) {
                return;
            }
            if (rows == 0) {
                for (FieldVector v : vectors) {
                    v.close();
                }
                vectors = null;
                return;
            }
            progressRows.addAndGet(rows);
            int at = range.data() == null ? 0 : position;
            progressBytes.addAndGet(Math.max(0, at - reported));
            reported = at;
            for (FieldVector v : vectors) {
                v.setValueCount(rows);
            }
            List<String> names = table.columns().stream().map(ColumnDef::name).toList();
            SqlType[] types = table.columns().stream().map(ColumnDef::type).toArray(SqlType[]::new);
            Batch chunk = new Batch(names, types, vectors, rows);
            vectors = null;
            if (sink == null) {
                batches.add(chunk);
            } else {
                prepared.addAll(sink.prepare(chunk));
            }
        }

        /** Cuts one line into fields and stores them as row {@code rows}; a bad line or field rejects the row. */
        private void row(int from, int to, long lineNo) {
            int fields = cut(from, to);
            // a trailing delimiter (dbgen's .tbl files) makes one empty field too many
            if (fields == target.length + 1 && fieldEnd[fields - 1] == fieldStart[fields - 1] && !fieldQuoted[fields - 1]) {
                fields--;
            }
            if (fields != target.length) {
                reject(lineNo, from, to, null, null, fields < target.length ? "Delimiter not found: the line has " + fields
                        + " fields, the table " + target.length : "Extra column(s) found", ErrorCode.BAD_COPY_FILE_FORMAT.sqlState());
                return;
            }
            for (int f = 0; f < fields; f++) {
                int c = target[f];
                ColumnDef column = table.columns().get(c);
                try {
                    store(vectors[c], column, f);
                } catch (BlueshiftException e) {
                    reject(lineNo, from, to, column, new String(line, fieldStart[f], fieldEnd[f] - fieldStart[f], StandardCharsets.UTF_8),
                            e.getMessage(), e.sqlState());
                    return;
                }
            }
            if (!defaults.isEmpty()) {
                for (Map.Entry<Integer, Object> d : defaults.entrySet()) {
                    ColumnDef column = table.columns().get(d.getKey());
                    if (d.getValue() == null && !column.nullable()) {
                        reject(lineNo, from, to, column, "", "null value in column \"" + column.name() + "\" violates not-null constraint",
                                ErrorCode.NOT_NULL_VIOLATION.sqlState());
                        return;
                    }
                    Values.set(vectors[d.getKey()], column.type(), rows, d.getValue() == null ? null
                            : Conversions.convert(d.getValue(), column.type()));
                }
            }
            rows++;
        }

        private void reject(long lineNo, int from, int to, ColumnDef column, String raw, String reason, String code) {
            String rawLine = new String(line, from, Math.min(to - from, 1024), StandardCharsets.UTF_8);
            errors.add(new LoadError(query, start, table.name(), range.file(), ((long) range.index() << 40) | lineNo,
                    column == null ? null : column.name(), column == null ? null : column.type().name(), rawLine,
                    raw == null ? null : raw.length() > 1024 ? raw.substring(0, 1024) : raw, code, reason));
        }

        /** Finds the fields of the line in {@link #line}; CSV fields are unquoted in place. Returns the field count. */
        private int cut(int from, int len) {
            byte quote = o.quote();
            byte escape = o.escape();
            boolean escapes = escape != quote;
            int n = 0;
            int i = from;
            int max = fieldStart.length;
            while (true) {
                if (n == max) {
                    return max + 1;
                }
                boolean quoted = false;
                fieldNullMarker[n] = false;
                int s = i;
                int e;
                if (o.csv() && i < len && line[i] == quote) {
                    // unquote into the same buffer: "" inside quotes is one quote, as is ESCAPE then quote
                    quoted = true;
                    int w = i;
                    i++;
                    while (i < len) {
                        if (escapes && line[i] == escape && i + 1 < len && (line[i + 1] == quote || line[i + 1] == escape)) {
                            line[w++] = line[i + 1];
                            i += 2;
                            continue;
                        }
                        if (line[i] == quote) {
                            if (i + 1 < len && line[i + 1] == quote) {
                                line[w++] = quote;
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        line[w++] = line[i++];
                    }
                    e = w;
                    while (i < len && line[i] != o.delimiter()) {
                        i++;
                    }
                } else if (o.backslashEscapes()) {
                    // backslash escapes, unescaped in place; the NULL marker is recognized before that
                    int raw = i;
                    while (raw < len && line[raw] != o.delimiter()) {
                        raw += line[raw] == '\\' ? 2 : 1;
                    }
                    raw = Math.min(raw, len);
                    if (raw - i == o.nullText().length() && matches(i, o.nullText())) {
                        fieldNullMarker[n] = true;
                        e = raw;
                        i = raw;
                    } else {
                        int w = i;
                        while (i < raw) {
                            if (line[i] == '\\' && i + 1 < raw) {
                                i = unescape(i + 1, raw, w);
                                w = escapedEnd;
                            } else {
                                line[w++] = line[i++];
                            }
                        }
                        e = w;
                    }
                } else {
                    while (i < len && line[i] != o.delimiter()) {
                        i++;
                    }
                    e = i;
                }
                fieldStart[n] = s;
                fieldEnd[n] = e;
                fieldQuoted[n] = quoted;
                n++;
                if (i >= len) {
                    return n;
                }
                i++; // the delimiter
                if (i == len) {
                    // a delimiter ends the line: one more, empty field
                    if (n == max) {
                        return max + 1;
                    }
                    fieldStart[n] = len;
                    fieldEnd[n] = len;
                    fieldQuoted[n] = false;
                    return n + 1;
                }
            }
        }

        /**
         * Undoes one escape starting after the backslash at {@code i}, writing at {@code w}; Postgres'
         * text escapes (b f n r t v, octal digits, xHH), any other character stands for itself.
         * Returns where reading goes on; the write position is left in {@link #escapedEnd}.
         */
        private int unescape(int i, int end, int w) {
            byte c = line[i];
            int next = i + 1;
            byte out;
            switch (c) {
                case 'b' -> out = '\b';
                case 'f' -> out = '\f';
                case 'n' -> out = '\n';
                case 'r' -> out = '\r';
                case 't' -> out = '\t';
                case 'v' -> out = 0x0B;
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (next < end && digits < 2 && Character.digit(line[next], 16) >= 0) {
                        v = v * 16 + Character.digit(line[next++], 16);
                        digits++;
                    }
                    out = digits == 0 ? (byte) 'x' : (byte) v;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int v = c - '0';
                        while (next < end && next < i + 3 && line[next] >= '0' && line[next] <= '7') {
                            v = v * 8 + line[next++] - '0';
                        }
                        out = (byte) v;
                    } else {
                        out = c;
                    }
                }
            }
            line[w] = out;
            escapedEnd = w + 1;
            return next;
        }

        private boolean isNull(int f, SqlType type) {
            int s = fieldStart[f];
            int len = fieldEnd[f] - s;
            if (fieldNullMarker[f]) {
                return true;
            }
            if (fieldQuoted[f]) {
                return false;
            }
            if (len == o.nullText().length() && matches(s, o.nullText())) {
                return true;
            }
            if (len == 0) {
                // Redshift: an empty field is NULL for every type but strings, and for strings with EMPTYASNULL
                return !type.isString() || o.emptyAsNull();
            }
            if (o.blanksAsNull() && type.isString()) {
                for (int i = s; i < fieldEnd[f]; i++) {
                    if (line[i] != ' ' && line[i] != '\t') {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        private boolean matches(int s, String text) {
            for (int i = 0; i < text.length(); i++) {
                if (line[s + i] != (byte) text.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private void store(FieldVector v, ColumnDef column, int f) {
            SqlType type = column.type();
            if (isNull(f, type)) {
                if (!column.nullable()) {
                    throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
                }
                v.setNull(rows);
                return;
            }
            int s = fieldStart[f];
            int e = fieldEnd[f];
            switch (type.kind()) {
                case SMALLINT -> {
                    long x = FieldParsers.parseLong(line, s, e, "smallint");
                    if (x < Short.MIN_VALUE || x > Short.MAX_VALUE) {
                        throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "smallint");
                    }
                    ((BaseFixedWidthVector) v).getDataBuffer().setShort(rows * 2L, (short) x);
                    setValid(v, rows);
                }
                case INTEGER -> {
                    long x = FieldParsers.parseLong(line, s, e, "integer");
                    if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                        throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "integer");
                    }
                    ((BaseFixedWidthVector) v).getDataBuffer().setInt(rows * 4L, (int) x);
                    setValid(v, rows);
                }
                case BIGINT -> {
                    ((BaseFixedWidthVector) v).getDataBuffer().setLong(rows * 8L, FieldParsers.parseLong(line, s, e, "bigint"));
                    setValid(v, rows);
                }
                case DECIMAL -> {
                    if (type.physical() == PhysicalType.LONG) {
                        ((BaseFixedWidthVector) v).getDataBuffer().setLong(rows * 8L,
                                FieldParsers.parseDecimal(line, s, e, type.precision(), type.scale()));
                        setValid(v, rows);
                    } else {
                        Values.set(v, type, rows, Values.toDecimal(new BigDecimal(text(s, e).strip()), type));
                    }
                }
                case DOUBLE, REAL -> {
                    double d;
                    try {
                        d = Double.parseDouble(text(s, e));
                    } catch (NumberFormatException ex) {
                        throw new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, type.name(), text(s, e));
                    }
                    if (type.kind() == TypeKind.DOUBLE) {
                        ((BaseFixedWidthVector) v).getDataBuffer().setDouble(rows * 8L, d);
                    } else {
                        ((BaseFixedWidthVector) v).getDataBuffer().setFloat(rows * 4L, (float) d);
                    }
                    setValid(v, rows);
                }
                case DATE -> {
                    ((BaseFixedWidthVector) v).getDataBuffer().setInt(rows * 4L, times.date(line, s, e));
                    setValid(v, rows);
                }
                case TIMESTAMP -> {
                    ((BaseFixedWidthVector) v).getDataBuffer().setLong(rows * 8L, times.timestamp(line, s, e));
                    setValid(v, rows);
                }
                case VARCHAR, TEXT -> string((VarCharVector) v, type, s, e);
                case BOOLEAN -> ((BitVector) v).setSafe(rows, FieldParsers.parseBoolean(line, s, e) ? 1 : 0);
                default -> Values.set(v, type, rows, Conversions.convert(stringValue(type, s, e), type));
            }
        }

        private String text(int s, int e) {
            return new String(line, s, e - s, StandardCharsets.ISO_8859_1);
        }

        /**
         * A string field: checked as UTF-8 without NUL ({@link TextCheck}; ACCEPTINVCHARS replaces
         * each bad byte in place) and against the column's length. ASCII without NUL that fits is
         * copied as it is.
         */
        private void string(VarCharVector v, SqlType type, int s, int e) {
            boolean ascii = true;
            for (int i = s; i < e; i++) {
                if (line[i] <= 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii && (type.length() == 0 || e - s <= type.length())) {
                v.setSafe(rows, line, s, e - s);
                return;
            }
            String value = stringValue(type, s, e);
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            v.setSafe(rows, bytes, 0, bytes.length);
        }

        private String stringValue(SqlType type, int s, int e) {
            if (o.acceptInvChars() != null) {
                TextCheck.replaceInvalid(line, s, e, (byte) o.acceptInvChars().charAt(0));
            }
            String value = TextCheck.decode(line, s, e);
            if (type.isString() && type.length() > 0 && value.codePointCount(0, value.length()) > type.length()) {
                if (!o.truncateColumns()) {
                    throw new BlueshiftException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION, type.name());
                }
                value = value.substring(0, value.offsetByCodePoints(0, type.length()));
            }
            return value;
        }

        /** The prepared chunks, now the caller's to hand to the sink. */
        List<ChunkSink.Prepared> takePrepared() {
            List<ChunkSink.Prepared> out = List.copyOf(prepared);
            prepared.clear();
            return out;
        }

        @Override
        public void close() {
            batches.forEach(Batch::close);
            batches.clear();
            prepared.forEach(ChunkSink.Prepared::close);
            prepared.clear();
            if (vectors != null) {
                for (FieldVector v : vectors) {
                    v.close();
                }
                vectors = null;
            }
        }
    }

    /** Marks a value of a fixed-width vector written through its data buffer as not null. */
    private static void setValid(FieldVector v, int row) {
        BitVectorHelper.setBit(v.getValidityBuffer(), row);
    }
}
