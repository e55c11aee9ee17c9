package io.blueshift.storage.format;

import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The folder queries spill to: {@code spill/} beside a database's segments, emptied when the
 * database opens (what a process that died left behind), or a temporary folder for an in-memory
 * database, deleted with it. Each spill file is deleted when its operator closes it, which the
 * end of its query does whether it succeeded, failed or was cancelled.
 */
public final class SpillDirectory implements AutoCloseable {
    /** The folder; for a temporary one, null until the first spill makes it. */
    private volatile Path root;
    private final boolean temporary;
    private final AtomicLong files = new AtomicLong();
    private volatile boolean created;

    private SpillDirectory(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    /** {@code spill/} in a database directory, emptied of what an earlier process left there. */
    public static SpillDirectory beside(Path databaseRoot) {
        SpillDirectory d = new SpillDirectory(databaseRoot.resolve("spill"), false);
        if (Files.isDirectory(d.root)) {
            d.deleteFiles();
        }
        return d;
    }

    /** A folder under the system's temporary directory, made on first use and deleted on {@link #close}. */
    public static SpillDirectory temporary() {
        return new SpillDirectory(null, true);
    }

    /** The folder (null for a temporary one nothing spilled to yet). */
    public Path root() {
        return root;
    }

    /** A new spill file of batches of {@code types}; {@code what} names the operator in its file name. */
    public SpillFile create(String what, List<SqlType> types) {
        if (!created) {
            synchronized (this) {
                if (!created) {
                    try {
                        root = temporary ? Files.createTempDirectory("blueshift-spill") : Files.createDirectories(root);
                    } catch (IOException e) {
                        throw new BlueshiftException(ErrorCode.IO_ERROR, e, "create a spill directory", e.getMessage());
                    }
                    created = true;
                }
            }
        }
        return new SpillFile(root.resolve(what + "-" + files.incrementAndGet() + ".spill"), types);
    }

    /** The spill files there now (for tests: none once their queries ended). */
    public List<Path> files() {
        Path root = this.root;
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (var list = Files.list(root)) {
            return list.filter(p -> p.toString().endsWith(".spill")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteFiles() {
        try (DirectoryStream<Path> list = Files.newDirectoryStream(root, "*.spill")) {
            for (Path p : list) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "empty spill directory " + root, e.getMessage());
        }
    }

    /** Deletes a temporary folder with what is left in it; nothing for a database's. */
    @Override
    public void close() {
        if (temporary && root != null && Files.isDirectory(root)) {
            deleteFiles();
            try {
                Files.deleteIfExists(root);
            } catch (IOException e) {
                throw new BlueshiftException(ErrorCode.IO_ERROR, e, "delete spill directory " + root, e.getMessage());
            }
        }
    }
}
