package io.blueshift.server.pg;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the client sends, read ahead by a thread of its own into a 64 KB buffer so that the end of
 * the input is seen while a statement runs: a client that disconnects (or whose socket the server
 * shuts down) calls {@code onEnd} at once, which cancels its statement, instead of the statement
 * running on until it writes its result. The connection's thread reads the buffer as it would the
 * socket; bytes a client pipelined behind a running statement wait here, in order.
 */
final class ClientInput extends InputStream {
    private static final int CAPACITY = 64 * 1024;

    private final InputStream source;
    private final Runnable onEnd;
    private final byte[] ring = new byte[CAPACITY];
    /** Guarded by {@code this}: the next byte to read, how many are buffered, and how the source ended. */
    private int head;
    private int count;
    private boolean ended;
    private IOException failure;

    private ClientInput(InputStream source, Runnable onEnd) {
        this.source = source;
        this.onEnd = onEnd;
    }

    /** Starts reading {@code source} ahead on a virtual thread named {@code name}. */
    static ClientInput start(InputStream source, Runnable onEnd, String name) {
        ClientInput in = new ClientInput(source, onEnd);
        Thread.ofVirtual().name(name).start(in::pump);
        return in;
    }

    private void pump() {
        byte[] chunk = new byte[8192];
        IOException error = null;
        try {
            for (int n = source.read(chunk); n >= 0; n = source.read(chunk)) {
                put(chunk, n);
            }
        } catch (IOException e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            ended = true;
            failure = error;
            notifyAll();
        }
        onEnd.run();
    }

    private synchronized void put(byte[] chunk, int n) throws InterruptedException {
        int done = 0;
        while (done < n) {
            while (count == CAPACITY) {
                wait();
            }
            int tail = (head + count) % CAPACITY;
            int room = Math.min(CAPACITY - count, CAPACITY - tail);
            int step = Math.min(room, n - done);
            System.arraycopy(chunk, done, ring, tail, step);
            count += step;
            done += step;
            notifyAll();
        }
    }

    /** Waits for a byte; false at the end of the input. */
    private boolean await() throws IOException {
        while (count == 0 && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading from the client", e);
            }
        }
        if (count > 0) {
            return true;
        }
        if (failure != null) {
            throw failure;
        }
        return false;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!await()) {
            return -1;
        }
        int b = ring[head] & 0xFF;
        head = (head + 1) % CAPACITY;
        count--;
        notifyAll();
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!await()) {
            return -1;
        }
        int n = Math.min(len, Math.min(count, CAPACITY - head));
        System.arraycopy(ring, head, b, off, n);
        head = (head + n) % CAPACITY;
        count -= n;
        notifyAll();
        return n;
    }

    @Override
    public synchronized int available() {
        return count;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
