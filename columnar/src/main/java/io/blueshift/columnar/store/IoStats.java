package io.blueshift.columnar.store;

import java.util.concurrent.atomic.LongAdder;

/** What a database has read from and written to its segment files since it opened. */
public final class IoStats {
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder chunksRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();

    /** Bytes read from segment files by the current thread (what one scan, running in one thread, caused). */
    private static final ThreadLocal<long[]> THREAD_BYTES = ThreadLocal.withInitial(() -> new long[1]);

    void read(long bytes) {
        bytesRead.add(bytes);
        chunksRead.increment();
        THREAD_BYTES.get()[0] += bytes;
    }

    /** All bytes the current thread has read from segment files so far (compare two readings). */
    public static long threadBytesRead() {
        return THREAD_BYTES.get()[0];
    }

    void written(long bytes) {
        bytesWritten.add(bytes);
    }

    public long bytesRead() {
        return bytesRead.sum();
    }

    public long chunksRead() {
        return chunksRead.sum();
    }

    public long bytesWritten() {
        return bytesWritten.sum();
    }
}
