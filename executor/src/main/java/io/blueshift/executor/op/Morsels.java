package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chunks of one table version handed out one at a time to the scans of parallel workers:
 * each chunk goes to exactly one scan, whichever asks first, so a worker that gets cheap chunks
 * simply takes more of them (morsel-driven scheduling).
 */
public final class Morsels {
    private final List<Batch> chunks;
    private final AtomicInteger next = new AtomicInteger();

    public Morsels(List<Batch> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    /** The next chunk no scan has taken yet, or null when all are taken. */
    Batch take() {
        int i = next.getAndIncrement();
        return i < chunks.size() ? chunks.get(i) : null;
    }

    public int size() {
        return chunks.size();
    }
}
