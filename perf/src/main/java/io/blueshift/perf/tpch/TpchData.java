package io.blueshift.perf.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The eight TPC-H tables at one scale factor, generated with {@code io.trino.tpch} into one
 * {@code <table>.tbl} file each (dbgen layout without the trailing {@code |}: fields separated by
 * {@code |}, dates as yyyy-MM-dd, decimals with two digits).
 *
 * <p>Files are cached: a table whose file exists is not generated again, and a file only appears
 * under its final name once complete (parts are written to temporary names, joined and renamed), so
 * an interrupted run never leaves a truncated table behind. Large tables are generated in parts on
 * all cores; the generator produces the same rows for any split.
 */
public final class TpchData {
    /** Records the scale factor of a folder so a folder is never reused for another one. */
    private static final String SCALE_MARKER = "scale-factor";

    private final double scaleFactor;
    private final Map<String, Path> files;

    private TpchData(double scaleFactor, Map<String, Path> files) {
        this.scaleFactor = scaleFactor;
        this.files = files;
    }

    public double scaleFactor() {
        return scaleFactor;
    }

    /** The {@code .tbl} file of a table (lower-case TPC-H name such as {@code lineitem}). */
    public Path file(String table) {
        Path file = files.get(table);
        if (file == null) {
            throw new IllegalArgumentException("no TPC-H table " + table);
        }
        return file;
    }

    /** Generates what is missing in {@code dir} for this scale factor and returns the eight files. */
    public static TpchData generate(Path dir, double scaleFactor) throws IOException {
        Files.createDirectories(dir);
        checkScaleMarker(dir, scaleFactor);
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<Path, List<Future<Path>>> pending = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (TpchTable<?> table : TpchTable.getTables()) {
                Path file = dir.resolve(table.getTableName() + ".tbl");
                files.put(table.getTableName(), file);
                if (Files.exists(file)) {
                    continue;
                }
                int parts = partsFor(table, threads);
                List<Future<Path>> written = new ArrayList<>();
                for (int part = 1; part <= parts; part++) {
                    Path partFile = dir.resolve(table.getTableName() + ".tbl.part" + part + ".tmp");
                    int p = part;
                    written.add(pool.submit(() -> writePart(table, scaleFactor, p, parts, partFile)));
                }
                pending.put(file, written);
            }
            for (Map.Entry<Path, List<Future<Path>>> table : pending.entrySet()) {
                join(table.getKey(), table.getValue());
            }
        }
        return new TpchData(scaleFactor, Map.copyOf(files));
    }

    private static void checkScaleMarker(Path dir, double scaleFactor) throws IOException {
        Path marker = dir.resolve(SCALE_MARKER);
        String name = TpchFiles.scaleName(scaleFactor);
        if (Files.exists(marker)) {
            String found = Files.readString(marker).strip();
            if (!found.equals(name)) {
                throw new IllegalArgumentException(dir + " holds TPC-H data at scale factor " + found
                        + ", not " + name + "; use another folder");
            }
        } else {
            Files.writeString(marker, name + "\n");
        }
    }

    /** Lineitem and orders hold 85% of the rows; they are split finest so all cores stay busy. */
    private static int partsFor(TpchTable<?> table, int threads) {
        return switch (table.getTableName()) {
            case "lineitem", "orders" -> 2 * threads;
            case "part", "partsupp", "customer" -> threads;
            default -> 1;
        };
    }

    private static <E extends TpchEntity> Path writePart(TpchTable<E> table, double scaleFactor, int part,
            int parts, Path partFile) throws IOException {
        List<TpchColumn<E>> columns = table.getColumns();
        int count = columns.size();
        try (TblWriter out = new TblWriter(Files.newOutputStream(partFile))) {
            for (E row : table.createGenerator(scaleFactor, part, parts)) {
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        out.separator();
                    }
                    TpchColumn<E> column = columns.get(i);
                    switch (column.getType().getBase()) {
                        case IDENTIFIER -> out.writeLong(column.getIdentifier(row));
                        case INTEGER -> out.writeLong(column.getInteger(row));
                        case DATE -> out.writeDate(column.getDate(row));
                        case DOUBLE -> out.writeCents(Math.round(column.getDouble(row) * 100));
                        case VARCHAR -> out.writeAscii(column.getString(row));
                    }
                }
                out.endRow();
            }
        }
        return partFile;
    }

    /** Appends the parts in order into a temporary file, then renames it to the table's file. */
    private static void join(Path file, List<Future<Path>> parts) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel target = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Future<Path> part : parts) {
                Path partFile = await(part);
                try (FileChannel source = FileChannel.open(partFile)) {
                    long size = source.size();
                    for (long done = 0; done < size; ) {
                        done += source.transferTo(done, size - done, target);
                    }
                }
                Files.delete(partFile);
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path await(Future<Path> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating TPC-H data", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("TPC-H generation failed", e.getCause());
        }
    }
}
