package io.blueshift.sql.files.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression for Parquet without Hadoop or native code: SNAPPY, ZSTD and LZ4_RAW through
 * aircompressor (Trino's pure Java codecs, already what Blueshift's own segments use), GZIP
 * through {@code java.util.zip}. parquet-hadoop's own codec factory goes through Hadoop's codec
 * classes and snappy-java or zstd-jni, which this replaces on both the write and the read side.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new PageCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new PageDecompressor(codec);
    }

    @Override
    public void release() {
    }

    private static Compressor compressor(CompressionCodecName codec) {
        return switch (codec) {
            case SNAPPY -> new SnappyCompressor();
            case ZSTD -> new ZstdCompressor();
            case LZ4_RAW -> new Lz4Compressor();
            case UNCOMPRESSED, GZIP -> null;
            case LZO, BROTLI, LZ4 -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "Parquet compression " + codec);
        };
    }

    private static Decompressor decompressor(CompressionCodecName codec) {
        return switch (codec) {
            case SNAPPY -> new SnappyDecompressor();
            case ZSTD -> new ZstdDecompressor();
            case LZ4_RAW -> new Lz4Decompressor();
            case UNCOMPRESSED, GZIP -> null;
            case LZO, BROTLI, LZ4 -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "Parquet compression " + codec);
        };
    }

    private static final class PageCompressor implements BytesInputCompressor {
        private final CompressionCodecName codec;
        private final Compressor compressor;
        private byte[] out = new byte[0];

        PageCompressor(CompressionCodecName codec) {
            this.codec = codec;
            this.compressor = compressor(codec);
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] in = bytes.toByteArray();
            if (codec == CompressionCodecName.GZIP) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(in.length / 2 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
                    gzip.write(in);
                }
                return BytesInput.from(buffer.toByteArray());
            }
            int max = compressor.maxCompressedLength(in.length);
            if (out.length < max) {
                out = new byte[max];
            }
            int n = compressor.compress(in, 0, in.length, out, 0, out.length);
            // The page writer copies the bytes before the next page reuses the buffer.
            return BytesInput.from(out, 0, n);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    private static final class PageDecompressor implements BytesInputDecompressor {
        private final CompressionCodecName codec;
        private final Decompressor decompressor;

        PageDecompressor(CompressionCodecName codec) {
            this.codec = codec;
            this.decompressor = decompressor(codec);
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] in = bytes.toByteArray();
            byte[] out = new byte[uncompressedSize];
            inflate(in, 0, in.length, out);
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            byte[] out = new byte[uncompressedSize];
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                System.arraycopy(in, 0, out, 0, Math.min(compressedSize, uncompressedSize));
            } else {
                inflate(in, 0, in.length, out);
            }
            output.put(out);
        }

        private void inflate(byte[] in, int from, int length, byte[] out) throws IOException {
            int n;
            try {
                if (codec == CompressionCodecName.GZIP) {
                    try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in, from, length))) {
                        n = gzip.readNBytes(out, 0, out.length);
                    }
                } else {
                    n = decompressor.decompress(in, from, length, out, 0, out.length);
                }
            } catch (RuntimeException e) {
                throw new IOException("corrupt " + codec + " page: " + e.getMessage(), e);
            }
            if (n != out.length) {
                throw new IOException("corrupt " + codec + " page: " + n + " bytes where " + out.length + " were expected");
            }
        }

        @Override
        public void release() {
        }
    }
}
