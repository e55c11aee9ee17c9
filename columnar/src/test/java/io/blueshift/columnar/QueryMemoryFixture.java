package io.blueshift.columnar;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A query's memory for each test, closed after it: closing fails on any buffer the test leaked. */
public abstract class QueryMemoryFixture {
    protected MemoryPool pool;
    protected QueryMemory memory;

    @BeforeEach
    void openMemory() {
        pool = new MemoryPool();
        memory = pool.newQuery("test", 64L << 20);
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        memory.close();
        pool.close();
    }
}
