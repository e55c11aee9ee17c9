package io.blueshift.storage.format;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database directory on disk:
 *
 * <pre>
 * lock                      held (OS file lock) by the one process that has the database open
 * log/NNNNNNNNNNNNNNNNNNNN.manifest   one complete {@link Manifest} per committed version
 * segments/*.seg            immutable {@link SegmentFile}s referenced by manifests
 * </pre>
 *
 * A commit writes its new segments and forces them, then writes the manifest to a temporary
 * file, forces it, renames it atomically into place and forces the directory: the rename is the
 * commit point. Opening reads the newest manifest (a corrupt one is reported, never skipped, as
 * skipping it would silently drop a committed transaction), and removes temporary files and
 * segments that no manifest references (left by a crash before a commit point).
 */
public final class DatabaseDirectory implements AutoCloseable {
    private static final String SUFFIX = ".manifest";

    private final Path root;
    private final Path log;
    private final Path segments;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final IoStats stats = new IoStats();
    private final Map<String, SegmentFile> open = new ConcurrentHashMap<>();
    private Manifest current;
    /** Segments written for a statement or transaction that has not committed yet: kept when old versions are forgotten. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    private DatabaseDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.log = root.resolve("log");
        this.segments = root.resolve("segments");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating when missing) the database directory; fails with 55006 when another process has it open. */
    public static DatabaseDirectory open(Path root) {
        FileChannel channel = null;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new BlueshiftException(ErrorCode.OBJECT_IN_USE,
                        "database directory " + root + " is open in another process");
            }
            DatabaseDirectory dir = new DatabaseDirectory(root, channel, lock);
            channel = null;
            try {
                dir.recover();
            } catch (RuntimeException e) {
                dir.close();
                throw e;
            }
            return dir;
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "open database directory " + root, e.getMessage());
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the open already failed; that error is the one to report
                }
            }
        }
    }

    private void recover() throws IOException {
        Files.createDirectories(log);
        Files.createDirectories(segments);
        List<Long> versions = versions();
        current = versions.isEmpty() ? null : readManifest(versions.getLast());
        deleteMatching(log, "*.tmp");
        deleteMatching(segments, "*.tmp");
        Set<String> referenced = referenced(current);
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(segments, "*.{seg,del}")) {
            for (Path p : files) {
                if (!referenced.contains(p.getFileName().toString())) {
                    orphans.add(p);
                }
            }
        }
        if (!orphans.isEmpty()) {
            for (long v : versions) {
                referenced.addAll(referenced(readManifest(v)));
            }
            for (Path p : orphans) {
                if (!referenced.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Set<String> referenced(Manifest m) {
        Set<String> names = new HashSet<>();
        if (m != null) {
            for (Manifest.Table t : m.tables()) {
                for (Manifest.ChunkRef c : t.chunks()) {
                    names.add(c.segment());
                    if (c.deletes() != null) {
                        names.add(c.deletes());
                    }
                }
            }
        }
        return names;
    }

    private static void deleteMatching(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The committed versions on disk, oldest first. */
    public List<Long> versions() {
        List<Long> versions = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(log, "*" + SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                try {
                    versions.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                } catch (NumberFormatException e) {
                    throw new BlueshiftException(ErrorCode.DATA_CORRUPTED, "unexpected file " + p + " in the database log");
                }
            }
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "list " + log, e.getMessage());
        }
        versions.sort(null);
        return versions;
    }

    private Path manifestPath(long version) {
        return log.resolve(String.format(Locale.ROOT, "%020d", version) + SUFFIX);
    }

    /** The manifest of a committed version; 'XX001' when its checksum fails. */
    public Manifest readManifest(long version) {
        Path p = manifestPath(version);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read " + p, e.getMessage());
        }
        try {
            Manifest m = Manifest.deserialize(bytes);
            if (m.version() != version) {
                throw new IllegalArgumentException("it holds version " + m.version());
            }
            return m;
        } catch (RuntimeException e) {
            throw new BlueshiftException(ErrorCode.DATA_CORRUPTED, "database log file " + p + " is corrupt: " + e.getMessage());
        }
    }

    public Path root() {
        return root;
    }

    /** The newest committed manifest, or null for a new database. */
    public synchronized Manifest current() {
        return current;
    }

    public IoStats stats() {
        return stats;
    }

    /** A fresh name for a segment file about to be written. */
    public String newSegmentName() {
        return UUID.randomUUID() + ".seg";
    }

    public Path segmentPath(String name) {
        return segments.resolve(name);
    }

    /**
     * A fresh segment name for chunks written before their statement commits (a COPY's, as it
     * loads): the file is kept until a committed manifest references it or {@link #unstage}.
     * One a transaction rolls back stays until the database is next opened, which deletes it.
     */
    public String stageSegmentName() {
        String name = newSegmentName();
        pending.add(name);
        return name;
    }

    /** Forgets a staged segment that will never be committed, closing and deleting its file (nothing once committed). */
    public void unstage(String name) {
        if (!pending.contains(name)) {
            return; // committed since (a manifest references it) or already gone: never deleted here
        }
        SegmentFile file = open.remove(name);
        if (file != null) {
            file.close();
        }
        try {
            Files.deleteIfExists(segments.resolve(name));
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "remove " + name, e.getMessage());
        } finally {
            pending.remove(name);
        }
    }

    /** Writes a deletion vector (a chunk's deleted rows as bitmap words) to a new forced file; returns its name. */
    public String writeDeletes(int rows, long[] words) {
        String name = UUID.randomUUID() + ".del";
        ByteSink body = new ByteSink(16 + 8 * words.length);
        body.putInt(0x4C454442).putInt(rows).putInt(words.length);
        for (long w : words) {
            body.putLong(w);
        }
        byte[] b = body.toByteArray();
        byte[] all = new ByteSink(b.length + 4).putBytes(b).putInt(Checksums.crc(b, 0, b.length)).toByteArray();
        Path p = segments.resolve(name);
        try (FileChannel out = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(all);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "write " + p, e.getMessage());
        }
        return name;
    }

    /** The bitmap words of a deletion vector file of a chunk of {@code rows} rows (XX001 when corrupt). */
    public long[] readDeletes(String name, int rows) {
        Path p = segments.resolve(name);
        byte[] all;
        try {
            all = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read " + p, e.getMessage());
        }
        int words = (rows + 63) >>> 6;
        MemorySegment m = MemorySegment.ofArray(all);
        if (all.length != 16 + 8 * words || Checksums.crc(all, 0, all.length - 4) != m.get(ByteSource.INT, all.length - 4)
                || m.get(ByteSource.INT, 0) != 0x4C454442 || m.get(ByteSource.INT, 4) != rows) {
            throw new BlueshiftException(ErrorCode.DATA_CORRUPTED, "deletion vector " + p + " is corrupt");
        }
        long[] out = new long[words];
        for (int i = 0; i < words; i++) {
            out[i] = m.get(ByteSource.LONG, 12 + 8L * i);
        }
        stats.read(all.length);
        return out;
    }

    /** The open segment file of that name (opened and checked on first use). */
    public SegmentFile segment(String name) {
        return open.computeIfAbsent(name, n -> SegmentFile.open(segments.resolve(n), stats));
    }

    /**
     * Publishes {@code next} (its version must follow the current one) and returns once it is
     * durable. Segments it references must already be written and forced.
     */
    public synchronized void commit(Manifest next) {
        long expected = current == null ? 1 : current.version() + 1;
        if (next.version() != expected) {
            throw new IllegalStateException("commit of version " + next.version() + " after " + (expected - 1));
        }
        Path target = manifestPath(next.version());
        Path temp = log.resolve(target.getFileName() + ".tmp");
        try {
            force(segments);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(next.serialize());
                while (b.hasRemaining()) {
                    out.write(b);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new BlueshiftException(ErrorCode.IO_ERROR, e, "commit in " + root,
                        "the file system cannot rename atomically");
            }
            force(log);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "commit in " + root, e.getMessage());
        }
        current = next;
        if (!pending.isEmpty()) {
            pending.removeAll(referenced(next));
        }
    }

    /**
     * Deletes the manifests of versions committed before {@code micros} (never the current one),
     * then the segment files no remaining manifest references. Returns the versions deleted.
     */
    public synchronized int forgetVersionsBefore(long micros) {
        if (current == null) {
            return 0;
        }
        int deleted = 0;
        Set<String> referenced = new HashSet<>();
        try {
            for (long v : versions()) {
                Manifest m = v == current.version() ? current : readManifest(v);
                if (v != current.version() && m.timeMicros() < micros) {
                    Files.delete(manifestPath(v));
                    deleted++;
                } else {
                    referenced.addAll(referenced(m));
                }
            }
            force(log);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(segments, "*.{seg,del}")) {
                for (Path p : files) {
                    String name = p.getFileName().toString();
                    if (!referenced.contains(name) && !pending.contains(name)) {
                        SegmentFile open = this.open.remove(name);
                        if (open != null) {
                            open.close();
                        }
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "remove old versions in " + root, e.getMessage());
        }
        return deleted;
    }

    private static void force(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() {
        for (SegmentFile s : open.values()) {
            s.close();
        }
        open.clear();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "release the lock of " + root, e.getMessage());
        }
    }
}
