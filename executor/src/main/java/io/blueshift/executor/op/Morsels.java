package io.blueshift.executor.op;

import io.blueshift.storage.table.MemTable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chunks of one table version handed out one at a time to the scans of parallel workers:
 * each chunk goes to exactly one scan, whichever asks first, so a worker that gets cheap chunks
 * simply takes more of them (morsel-driven scheduling).
 */
public final class Morsels {
    private final MemTable.Version version;
    private final AtomicInteger next = new AtomicInteger();

    public Morsels(MemTable.Version version) {
        this.version = version;
    }

    /** The index in the version of the next chunk no scan has taken yet, or -1 when all are taken. */
    int take() {
        int i = next.getAndIncrement();
        return i < version.chunks().size() ? i : -1;
    }

    MemTable.Version version() {
        return version;
    }

    public int size() {
        return version.chunks().size();
    }
}
