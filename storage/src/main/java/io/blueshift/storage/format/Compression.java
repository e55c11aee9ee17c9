package io.blueshift.storage.format;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.Arrays;

/**
 * General-purpose compression on top of a chunk's encoding. AUTO compresses string chunks with
 * ZSTD when that saves at least a fifth (text such as comments compresses about 3x, and string
 * chunks are what dominates a warehouse's bytes); numbers already bit-packed are left alone.
 */
public enum Compression {
    NONE,
    LZ4,
    ZSTD,
    /** ZSTD for string chunks where it pays, none otherwise. */
    AUTO;

    private static final Compression[] VALUES = values();

    static Compression of(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException("unknown compression " + ordinal);
        }
        return VALUES[ordinal];
    }

    private Compressor compressor() {
        return this == LZ4 ? new Lz4Compressor() : new ZstdCompressor();
    }

    private Decompressor decompressor() {
        return this == LZ4 ? new Lz4Decompressor() : new ZstdDecompressor();
    }

    /** The compressed form of {@code bytes[from..]}, or null when it would not be smaller. */
    byte[] compress(byte[] bytes, int from) {
        Compressor c = compressor();
        int length = bytes.length - from;
        byte[] out = new byte[c.maxCompressedLength(length)];
        int n = c.compress(bytes, from, length, out, 0, out.length);
        return n < length ? Arrays.copyOf(out, n) : null;
    }

    /** Decompresses exactly {@code rawLength} bytes. */
    byte[] decompress(byte[] bytes, int from, int length, int rawLength) {
        byte[] out = new byte[rawLength];
        try {
            int n = decompressor().decompress(bytes, from, length, out, 0, rawLength);
            if (n != rawLength) {
                throw new IllegalStateException("decompressed " + n + " bytes, not " + rawLength);
            }
        } catch (MalformedInputException e) {
            throw new IllegalStateException("malformed " + this + " data: " + e.getMessage(), e);
        }
        return out;
    }
}
