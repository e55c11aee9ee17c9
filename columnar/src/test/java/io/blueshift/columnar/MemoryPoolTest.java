package io.blueshift.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.kernels.BlueshiftException;
import org.apache.arrow.memory.ArrowBuf;
import org.junit.jupiter.api.Test;

/**
 * The limit a pool's queries share: one query cannot take past it whatever its own limit (53200
 * naming memory_limit), another query's memory counts against it, a query's operators see it as
 * near (so they spill) once the others leave little, and what they free is free for the rest.
 */
class MemoryPoolTest {
    @Test
    void queriesShareThePoolsLimit() {
        try (MemoryPool pool = new MemoryPool(16L << 20)) {
            assertEquals(16L << 20, pool.limit());
            try (QueryMemory first = pool.newQuery("first", 1L << 30); QueryMemory second = pool.newQuery("second", 1L << 30)) {
                ArrowBuf held = first.buffer(8L << 20);
                assertEquals(2, pool.openQueries().size());
                assertFalse(second.nearLimit(1L << 20));
                assertTrue(second.nearLimit(7L << 20), "the other query leaves 8 MB: 7 MB is near it");
                BlueshiftException e = assertThrows(BlueshiftException.class, () -> second.buffer(12L << 20));
                assertEquals("53200", e.sqlState());
                assertTrue(e.getMessage().contains("memory_limit of 16777216 bytes"), e.getMessage());
                held.close();
                second.buffer(12L << 20).close();
                assertEquals(0, pool.queriesUsed());
            }
            assertEquals(0, pool.openQueries().size());
        }
    }
}
