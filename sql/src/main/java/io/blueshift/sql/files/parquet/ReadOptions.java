package io.blueshift.sql.files.parquet;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.format.converter.ParquetMetadataConverter.MetadataFilter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

/**
 * The read options Blueshift opens Parquet files with, made without Hadoop.
 *
 * <p>parquet-java 1.18.1 has no Hadoop-free way to make a {@link ParquetReadOptions}: every
 * constructor of its builder first makes the default codec factory, whose class cannot even be
 * loaded without Hadoop on the class path (apache/parquet-java#2818 is the open issue). So the
 * options are made with the constructor the builder itself calls, which is package-private; its
 * signature is pinned by the version in the parent pom, and every Parquet test fails if it
 * changes. Filtering by parquet-java is off: Blueshift skips row groups itself ({@link
 * ZoneFilter}) and decodes every value it reads.
 */
final class ReadOptions {
    /** The most bytes parquet-java reads in one piece (its own default). */
    private static final int MAX_ALLOCATION = 8 << 20;

    static final ParquetReadOptions OPTIONS = make();

    private ReadOptions() {
    }

    private static ParquetReadOptions make() {
        try {
            Constructor<ParquetReadOptions> c = ParquetReadOptions.class.getDeclaredConstructor(
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class,
                    boolean.class, boolean.class, boolean.class, FilterCompat.Filter.class, MetadataFilter.class,
                    CompressionCodecFactory.class, ByteBufferAllocator.class, int.class, Map.class,
                    FileDecryptionProperties.class, ParquetMetricsCallback.class, ParquetConfiguration.class);
            c.setAccessible(true);
            return c.newInstance(
                    false, // useSignedStringMinMax
                    false, // useStatsFilter
                    false, // useDictionaryFilter
                    false, // useRecordFilter
                    false, // useColumnIndexFilter
                    false, // usePageChecksumVerification
                    false, // useBloomFilter
                    false, // useOffHeapDecryptBuffer
                    false, // useHadoopVectoredIo
                    FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, ParquetCodecs.INSTANCE,
                    new HeapByteBufferAllocator(), MAX_ALLOCATION, new HashMap<String, String>(), null, null,
                    new PlainParquetConfiguration());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("bug: parquet-java's ParquetReadOptions constructor changed", e);
        }
    }
}
