package io.blueshift.columnar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.junit.jupiter.api.Test;

class BlockCacheTest {
    private static final long MIB = 1L << 20;

    @Test
    void aFreedBlockServesTheNextQueryOfItsSizeClassZeroedAndAccountedAsFree() {
        try (MemoryPool pool = new MemoryPool(Long.MAX_VALUE, 64 * MIB)) {
            long address;
            try (QueryMemory first = pool.newQuery("first", Long.MAX_VALUE)) {
                ArrowBuf buf = first.buffer(3 * MIB);
                address = buf.memoryAddress();
                buf.setLong(8, 42);
                buf.close();
            }
            assertEquals(4 * MIB, pool.blocks().keptBytes(), "a 3 MiB buffer keeps its 4 MiB class");
            assertEquals(0, pool.used(), "a kept block is not memory in use");
            try (QueryMemory second = pool.newQuery("second", Long.MAX_VALUE)) {
                ArrowBuf buf = second.buffer(2 * MIB + 1);
                assertEquals(address, buf.memoryAddress(), "the same class reuses the kept block");
                assertEquals(0, buf.getLong(8), "the reused block is zeroed like a fresh one");
                assertEquals(0, pool.blocks().keptBytes());
                buf.close();
            }
            assertArrayEquals(new long[] {1, 1}, pool.blocks().counts());
        }
    }

    @Test
    void buffersInUseNeverShareABlockAndLargeOnesStartOnAHugePage() {
        try (MemoryPool pool = new MemoryPool(Long.MAX_VALUE, 64 * MIB);
                QueryMemory memory = pool.newQuery("q", Long.MAX_VALUE)) {
            for (int round = 0; round < 2; round++) {
                List<ArrowBuf> bufs = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    ArrowBuf buf = memory.buffer(i % 2 == 0 ? 256 << 10 : 5 * MIB);
                    buf.setLong(buf.capacity() - 8, i);
                    bufs.add(buf);
                }
                for (int i = 0; i < bufs.size(); i++) {
                    ArrowBuf buf = bufs.get(i);
                    assertEquals(i, buf.getLong(buf.capacity() - 8), "a buffer written by another");
                    if (buf.capacity() >= HugePages.MIN_BYTES) {
                        assertEquals(0, buf.memoryAddress() % (2 * MIB));
                    }
                    for (int j = 0; j < i; j++) {
                        assertNotEquals(bufs.get(j).memoryAddress(), buf.memoryAddress());
                    }
                }
                bufs.forEach(ArrowBuf::close);
            }
            assertArrayEquals(new long[] {6, 6}, pool.blocks().counts(), "the second round reuses all six");
        }
    }

    @Test
    void theCacheKeepsNoMoreThanItsCapAndSmallBuffersBypassIt() {
        try (MemoryPool pool = new MemoryPool(Long.MAX_VALUE, 8 * MIB);
                QueryMemory memory = pool.newQuery("q", Long.MAX_VALUE)) {
            List<ArrowBuf> bufs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                bufs.add(memory.buffer(4 * MIB));
            }
            bufs.add(memory.buffer(1000));
            bufs.forEach(ArrowBuf::close);
            assertEquals(8 * MIB, pool.blocks().keptBytes(), "two of five blocks kept, three freed");
            assertArrayEquals(new long[] {0, 5}, pool.blocks().counts(), "a small buffer is not counted");
        }
    }

    @Test
    void leaksAreStillReportedAndClearingFreesWhatTheCacheKept() {
        MemoryPool pool = new MemoryPool(Long.MAX_VALUE, 64 * MIB);
        try (QueryMemory memory = pool.newQuery("q", Long.MAX_VALUE)) {
            memory.buffer(MIB).close();
            memory.buffer(2 * MIB).close();
        }
        assertEquals(3 * MIB, pool.blocks().keptBytes());
        QueryMemory leaky = pool.newQuery("leaky", Long.MAX_VALUE);
        ArrowBuf buf = leaky.buffer(MIB);
        IllegalStateException e = assertThrows(IllegalStateException.class, leaky::close);
        assertTrue(e.getMessage().contains("memory leak"), e.getMessage());
        assertEquals(MIB, pool.used(), "a leaked buffer stays in use");
        assertTrue(buf.capacity() >= MIB);
        assertEquals(2 * MIB, pool.blocks().keptBytes(), "the leaked buffer holds the 1 MiB block");
        pool.blocks().clear();
        assertEquals(0, pool.blocks().keptBytes(), "clearing frees what the cache kept");
    }
}
