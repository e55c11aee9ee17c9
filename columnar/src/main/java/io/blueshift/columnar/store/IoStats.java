package io.blueshift.columnar.store;

import java.util.concurrent.atomic.LongAdder;

/** What a database has read from and written to its segment files since it opened. */
public final class IoStats {
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder chunksRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();

    void read(long bytes) {
        bytesRead.add(bytes);
        chunksRead.increment();
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
