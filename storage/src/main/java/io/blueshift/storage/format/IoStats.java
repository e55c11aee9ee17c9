package io.blueshift.storage.format;

import java.util.concurrent.atomic.LongAdder;

/** What a database has read from its segment files since it opened, in all and per thread. */
public final class IoStats {
    private final LongAdder bytesRead = new LongAdder();

    /** Bytes read from segment files by the current thread (what one scan, running in one thread, caused). */
    private static final ThreadLocal<long[]> THREAD_BYTES = ThreadLocal.withInitial(() -> new long[1]);

    void read(long bytes) {
        bytesRead.add(bytes);
        THREAD_BYTES.get()[0] += bytes;
    }

    /** All bytes the current thread has read from segment files so far (compare two readings). */
    public static long threadBytesRead() {
        return THREAD_BYTES.get()[0];
    }

    public long bytesRead() {
        return bytesRead.sum();
    }
}
