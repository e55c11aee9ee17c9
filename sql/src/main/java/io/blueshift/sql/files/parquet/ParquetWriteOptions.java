package io.blueshift.sql.files.parquet;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;

/**
 * How a Parquet file is written. A row group ends at {@code rowGroupRows} rows or once its
 * buffered pages reach {@code rowGroupBytes}, whichever comes first; pages aim at {@code
 * pageBytes} before compression. Min/max statistics are always written, per page and per chunk.
 */
public record ParquetWriteOptions(Compression compression, long rowGroupRows, long rowGroupBytes, int pageBytes,
        boolean dictionary) {
    /** Page compression; every reader of Parquet reads SNAPPY and ZSTD. */
    public enum Compression {
        UNCOMPRESSED,
        SNAPPY,
        ZSTD,
        GZIP,
        LZ4_RAW
    }

    public ParquetWriteOptions {
        if (rowGroupRows < 1 || rowGroupBytes < 1 || pageBytes < 1) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Parquet row group and page sizes must be positive");
        }
    }

    /**
     * SNAPPY (what DuckDB and Spark write by default), row groups of at most 122,880 rows (DuckDB's
     * default: enough row groups for readers to split a file between threads and for statistics
     * to skip) or 128 MB, 1 MB pages, dictionary encoding where it pays.
     */
    public static ParquetWriteOptions defaults() {
        return new ParquetWriteOptions(Compression.SNAPPY, 122_880, 128L << 20, 1 << 20, true);
    }

    public ParquetWriteOptions withCompression(Compression c) {
        return new ParquetWriteOptions(c, rowGroupRows, rowGroupBytes, pageBytes, dictionary);
    }

    public ParquetWriteOptions withRowGroupRows(long rows) {
        return new ParquetWriteOptions(compression, rows, rowGroupBytes, pageBytes, dictionary);
    }

    public ParquetWriteOptions withRowGroupBytes(long bytes) {
        return new ParquetWriteOptions(compression, rowGroupRows, bytes, pageBytes, dictionary);
    }

    public ParquetWriteOptions withDictionary(boolean on) {
        return new ParquetWriteOptions(compression, rowGroupRows, rowGroupBytes, pageBytes, on);
    }
}
