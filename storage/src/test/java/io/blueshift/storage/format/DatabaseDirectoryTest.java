package io.blueshift.storage.format;

import io.blueshift.columnar.ZoneMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseDirectoryTest {
    private static Manifest manifest(long version, String segment) {
        List<Manifest.ChunkRef> chunks = segment == null ? List.of() : List.of(new Manifest.ChunkRef(segment, 0, 3));
        Manifest.Table t = new Manifest.Table(1, "public", "t", null,
                List.of(new Manifest.Column("a", "integer", true, null, "DELTA"),
                        new Manifest.Column("b", "text", false, "'x'", null)),
                List.of("a"), Map.of("sortkey", "a"), chunks);
        Manifest.Table v = new Manifest.Table(0, "s", "v", "select 1", List.of(), List.of(), Map.of(), List.of());
        return new Manifest(version, 1_700_000_000_000_000L + version, "INSERT", List.of("public", "s"), List.of(t, v));
    }

    private static String writeSegment(DatabaseDirectory dir) {
        try (MemoryPool pool = new MemoryPool(); QueryMemory memory = pool.newQuery("t", 1 << 20);
             Batch b = Batch.allocate(memory, List.of("a", "b"), List.of(SqlType.INTEGER, SqlType.TEXT), 3)) {
            for (int i = 0; i < 3; i++) {
                b.set(0, i, i == 1 ? null : i * 10);
                b.set(1, i, "row " + i);
            }
            b.setRowCount(3);
            String name = dir.newSegmentName();
            SegmentFile.write(dir.segmentPath(name), List.of(b), List.of());
            return name;
        }
    }

    @Test
    void committedVersionsSurviveReopening(@TempDir Path root) {
        String segment;
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            assertNull(dir.current());
            segment = writeSegment(dir);
            dir.commit(manifest(1, null));
            dir.commit(manifest(2, segment));
            assertThrows(IllegalStateException.class, () -> dir.commit(manifest(2, segment)));
        }
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            assertEquals(manifest(2, segment), dir.current());
            assertEquals(List.of(1L, 2L), dir.versions());
            assertEquals(manifest(1, null), dir.readManifest(1));
            SegmentFile s = dir.segment(segment);
            assertEquals(1, s.rowGroups().size());
            assertEquals(new ZoneMap(1, true, 0, 20), s.rowGroups().getFirst().columns().getFirst().zone());
            try (MemoryPool pool = new MemoryPool(); var allocator = pool.root().newChildAllocator("t", 0, Long.MAX_VALUE);
                 FieldVector v = ColumnCodec.decode(s.read(0, 1), SqlType.TEXT, "b", 3, allocator)) {
                assertEquals("row 2", new String(((VarCharVector) v).get(2), StandardCharsets.UTF_8));
            }
            assertTrue(dir.stats().bytesRead() > 0);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFailsWhileTheFirstHoldsIt(@TempDir Path root) {
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            BlueshiftException e = assertThrows(BlueshiftException.class, () -> DatabaseDirectory.open(root));
            assertEquals(ErrorCode.OBJECT_IN_USE, e.code());
        }
        DatabaseDirectory.open(root).close();
    }

    @Test
    void uncommittedFilesAreRemovedOnOpen(@TempDir Path root) throws IOException {
        String kept;
        String orphan;
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            kept = writeSegment(dir);
            dir.commit(manifest(1, kept));
            orphan = writeSegment(dir);
            Files.writeString(root.resolve("log").resolve("00000000000000000002.manifest.tmp"), "half");
        }
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            assertTrue(Files.exists(dir.segmentPath(kept)));
            assertFalse(Files.exists(dir.segmentPath(orphan)));
            assertEquals(List.of(1L), dir.versions());
            assertFalse(Files.exists(root.resolve("log").resolve("00000000000000000002.manifest.tmp")));
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            c.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            c.write(b, at);
        }
    }

    @Test
    void corruptFilesAreReportedAndNeverRead(@TempDir Path root) throws IOException {
        String segment;
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            segment = writeSegment(dir);
            dir.commit(manifest(1, segment));
        }
        // a flipped bit in a column chunk: the segment opens, that chunk does not read
        flipByte(root.resolve("segments").resolve(segment), 9);
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            BlueshiftException e = assertThrows(BlueshiftException.class, () -> dir.segment(segment).read(0, 0));
            assertEquals(ErrorCode.DATA_CORRUPTED, e.code());
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
        // a torn segment (its footer cut off) does not open
        Path file = root.resolve("segments").resolve(segment);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 5);
        }
        try (DatabaseDirectory dir = DatabaseDirectory.open(root)) {
            assertEquals(ErrorCode.DATA_CORRUPTED, assertThrows(BlueshiftException.class, () -> dir.segment(segment)).code());
        }
        // a corrupt manifest stops the open: skipping it would lose a committed version
        flipByte(root.resolve("log").resolve("00000000000000000001.manifest"), 20);
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> DatabaseDirectory.open(root));
        assertEquals(ErrorCode.DATA_CORRUPTED, e.code());
        // and the failed open left the directory unlocked
        flipByte(root.resolve("log").resolve("00000000000000000001.manifest"), 20);
        DatabaseDirectory.open(root).close();
    }
}
