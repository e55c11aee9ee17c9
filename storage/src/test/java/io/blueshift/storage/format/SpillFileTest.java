package io.blueshift.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spill files give back the batches written, compressed and checked; a flipped byte is XX001. */
class SpillFileTest {
    private static final List<SqlType> TYPES = List.of(SqlType.BIGINT, SqlType.TEXT);

    private static Batch batch(QueryMemory memory, int from, int rows) {
        Batch b = Batch.allocate(memory, List.of("n", "s"), TYPES, rows);
        for (int i = 0; i < rows; i++) {
            b.set(0, i, (long) from + i);
            b.set(1, i, (from + i) % 5 == 0 ? null : "row " + (from + i) % 50);
        }
        b.setRowCount(rows);
        return b;
    }

    @Test
    void batchesComeBackAsWrittenAndTheFileGoesOnClose(@TempDir Path dir) {
        try (MemoryPool pool = new MemoryPool(); QueryMemory memory = pool.newQuery("t", 64L << 20)) {
            SpillDirectory spill = SpillDirectory.beside(dir);
            Path path;
            try (SpillFile file = spill.create("test", TYPES)) {
                path = file.path();
                for (int b = 0; b < 3; b++) {
                    try (Batch batch = batch(memory, b * 10_000, 10_000)) {
                        file.write(batch, memory);
                    }
                }
                file.finish();
                assertTrue(file.bytes() < 3 * 10_000 * 8, "compressed: " + file.bytes());
                SpillFile.Reader reader = file.reader(memory);
                for (int b = 0; b < 3; b++) {
                    try (Batch back = reader.next(); Batch expected = batch(memory, b * 10_000, 10_000)) {
                        assertEquals(10_000, back.rowCount());
                        for (int i = 0; i < 10_000; i += 997) {
                            assertEquals(expected.get(0, i), back.get(0, i));
                            assertEquals(expected.get(1, i), back.get(1, i));
                        }
                    }
                }
                assertNull(reader.next());
                assertTrue(Files.exists(path));
            }
            assertTrue(!Files.exists(path));
        }
    }

    /** A reader of some columns gives those, in each batch, and reads on past the ones it skips. */
    @Test
    void aReaderOfOneColumnSkipsTheOthers(@TempDir Path dir) {
        try (MemoryPool pool = new MemoryPool(); QueryMemory memory = pool.newQuery("t", 64L << 20);
                SpillFile file = SpillDirectory.beside(dir).create("test", TYPES)) {
            for (int b = 0; b < 2; b++) {
                try (Batch batch = batch(memory, b * 1000, 1000)) {
                    file.write(batch, memory);
                }
            }
            file.finish();
            SpillFile.Reader texts = file.reader(memory, new int[] {1});
            SpillFile.Reader numbers = file.reader(memory, new int[] {0});
            for (int b = 0; b < 2; b++) {
                try (Batch s = texts.next(); Batch n = numbers.next(); Batch expected = batch(memory, b * 1000, 1000)) {
                    assertEquals(1, s.columnCount());
                    assertEquals(SqlType.TEXT, s.type(0));
                    for (int i = 0; i < 1000; i += 7) {
                        assertEquals(expected.get(1, i), s.get(0, i));
                        assertEquals(expected.get(0, i), n.get(0, i));
                    }
                }
            }
            assertNull(texts.next());
            assertThrows(IllegalArgumentException.class, () -> file.reader(memory, new int[] {1, 0}));
        }
    }

    @Test
    void aCorruptSpillIsXX001(@TempDir Path dir) throws Exception {
        try (MemoryPool pool = new MemoryPool(); QueryMemory memory = pool.newQuery("t", 64L << 20)) {
            try (SpillFile file = SpillDirectory.beside(dir).create("test", TYPES)) {
                try (Batch batch = batch(memory, 0, 1000)) {
                    file.write(batch, memory);
                }
                file.finish();
                try (FileChannel c = FileChannel.open(file.path(), StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                    ByteBuffer one = ByteBuffer.allocate(1);
                    c.read(one, 40);
                    one.put(0, (byte) (one.get(0) ^ 0x5A));
                    c.write(one.rewind(), 40);
                }
                BlueshiftException e = assertThrows(BlueshiftException.class, () -> file.reader(memory).next());
                assertEquals("XX001", e.sqlState());
            }
        }
    }
}
