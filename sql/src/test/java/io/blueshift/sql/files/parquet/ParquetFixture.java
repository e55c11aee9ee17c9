package io.blueshift.sql.files.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A folder for a test's files and an allocator that must hold nothing when the test ends. */
abstract class ParquetFixture {
    @TempDir
    Path dir;

    final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeak() {
        assertEquals(0, allocator.getAllocatedMemory(), "off-heap memory left allocated");
        allocator.close();
    }
}
