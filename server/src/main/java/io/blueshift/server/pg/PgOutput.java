package io.blueshift.server.pg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Backend messages written into one growing byte array and sent when the server flushes (at
 * ReadyForQuery, Flush, the end of a COPY chunk, or when a result has filled the buffer), so a
 * result of many rows costs a few large socket writes. A message is started with {@link #begin},
 * filled, and closed with {@link #end}, which writes its length.
 */
final class PgOutput {
    /** A result flushes once its buffered rows pass this size. */
    static final int FLUSH_AT = 1 << 16;

    private OutputStream out;
    private byte[] buf = new byte[FLUSH_AT + 8192];
    private int pos;
    private int messageStart = -1;

    PgOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes to another stream from now on (after a TLS handshake). */
    void redirect(OutputStream to) {
        this.out = to;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    PgOutput begin(char type) {
        ensure(5);
        buf[pos++] = (byte) type;
        messageStart = pos;
        pos += 4;
        return this;
    }

    void end() {
        int len = pos - messageStart;
        setInt(messageStart, len);
        messageStart = -1;
    }

    /** Flushes when the buffered messages have grown past {@link #FLUSH_AT}; call between messages. */
    void maybeFlush() throws IOException {
        if (pos >= FLUSH_AT) {
            flush();
        }
    }

    void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
        out.flush();
        if (buf.length > 4 * (FLUSH_AT + 8192)) {
            buf = new byte[FLUSH_AT + 8192];
        }
    }

    /** Writes one raw byte outside any message (the answer to SSLRequest). */
    void rawByte(char b) throws IOException {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    int position() {
        return pos;
    }

    void setInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    PgOutput int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    PgOutput int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    PgOutput int32(int v) {
        ensure(4);
        setInt(pos, v);
        pos += 4;
        return this;
    }

    PgOutput int64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
        return this;
    }

    PgOutput bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    PgOutput bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** A string in UTF-8 followed by a zero byte. */
    PgOutput cstring(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /** Reserves {@code n} bytes and returns where they start, for writers that fill the array themselves. */
    int reserve(int n) {
        ensure(n);
        int at = pos;
        pos += n;
        return at;
    }

    /** Gives back the unused end of a reservation: the write position moves to {@code to}. */
    void truncate(int to) {
        pos = to;
    }

    byte[] array() {
        return buf;
    }

    /** ASCII decimal digits of {@code v}. */
    PgOutput decimal(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            return bytes("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        while (digits < 19 && v >= POW10[digits]) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
        return this;
    }

    /** {@code v} as exactly {@code width} digits, zero-padded (v is non-negative). */
    PgOutput padded(long v, int width) {
        ensure(width);
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += width;
        return this;
    }

    static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }
}
