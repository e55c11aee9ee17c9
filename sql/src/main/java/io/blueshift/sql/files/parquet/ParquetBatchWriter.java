package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes batches into one Parquet file, column by column: each run of rows goes to one column's
 * writer in a tight loop per type, then the rows are ended together (Parquet's page and row
 * group accounting counts rows across columns). This uses parquet-java's column writers and page
 * store directly, as its record writer does, without the per-row record assembly of a {@code
 * WriteSupport}.
 *
 * <p>Not thread-safe. {@link #close()} writes the footer; a writer that failed or is closed
 * before {@link #finish()} deletes its half-written file.
 */
public final class ParquetBatchWriter implements AutoCloseable {
    /** Rows written per column before the rows are ended; keeps pages near their target size. */
    private static final int RUN = 4096;

    /** File metadata key keeping the SQL type names (CHAR(n), VARCHAR(n), INTERVAL) that Parquet cannot say. */
    static final String SQL_TYPES_KEY = "blueshift.sql_types";

    private final Path file;
    private final SqlType[] types;
    private final ParquetWriteOptions options;
    private final MessageType schema;
    private final ColumnDescriptor[] descriptors;
    /** Made with the first rows, which decide where dictionaries pay (see {@link #properties(Batch)}). */
    private ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter fileWriter;
    private final ColumnWrites writes = new ColumnWrites();
    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private final ColumnWriter[] writers;
    private int rowGroupOrdinal;
    private long groupRows;
    private long rows;
    private boolean done;
    private boolean aborted;

    public ParquetBatchWriter(Path file, List<String> names, List<SqlType> types, ParquetWriteOptions options) {
        if (names.size() != types.size()) {
            throw new IllegalArgumentException("names and types differ in count");
        }
        this.file = file;
        this.types = types.toArray(new SqlType[0]);
        this.options = options;
        this.schema = ParquetTypes.schema(names, types);
        this.descriptors = schema.getColumns().toArray(new ColumnDescriptor[0]);
        this.writers = new ColumnWriter[descriptors.length];
        CompressionCodecName codec = CompressionCodecName.valueOf(options.compression().name());
        this.compressor = ParquetCodecs.INSTANCE.getCompressor(codec);
        try {
            this.fileWriter = new ParquetFileWriter(new LocalOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
                    options.rowGroupBytes(), 0);
            fileWriter.start();
        } catch (IOException e) {
            throw ioError("create Parquet file " + file, e);
        }
    }

    /** Appends the live rows of {@code batch} (its selection, when it has one); the caller keeps the batch. */
    public void write(Batch batch) {
        if (done) {
            throw new IllegalStateException("Parquet file " + file + " is already finished");
        }
        if (batch.columnCount() != types.length) {
            throw new IllegalArgumentException(batch.columnCount() + " columns for a file of " + types.length);
        }
        int live = batch.liveCount();
        try {
            int from = 0;
            while (from < live) {
                if (columnStore == null) {
                    if (properties == null) {
                        properties = properties(batch);
                    }
                    startRowGroup();
                }
                int n = (int) Math.min(Math.min(RUN, live - from), options.rowGroupRows() - groupRows);
                for (int c = 0; c < writers.length; c++) {
                    writes.write(writers[c], batch.vector(c), types[c], batch.selection(), from, from + n);
                }
                for (int i = 0; i < n; i++) {
                    columnStore.endRecord();
                }
                from += n;
                groupRows += n;
                rows += n;
                if (groupRows >= options.rowGroupRows() || columnStore.getBufferedSize() >= options.rowGroupBytes()) {
                    endRowGroup();
                }
            }
        } catch (IOException e) {
            abort();
            throw ioError("write Parquet file " + file, e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Rows written so far. */
    public long rowCount() {
        return rows;
    }

    /** Ends the last row group and writes the footer; the file is complete after this. */
    public void finish() {
        if (done) {
            return;
        }
        try {
            if (columnStore != null) {
                endRowGroup();
            }
            StringBuilder sqlTypes = new StringBuilder();
            for (int i = 0; i < types.length; i++) {
                sqlTypes.append(i == 0 ? "" : ";").append(types[i].name());
            }
            fileWriter.end(Map.of(SQL_TYPES_KEY, sqlTypes.toString()));
            done = true;
        } catch (IOException e) {
            abort();
            throw ioError("write Parquet file " + file, e);
        }
    }

    /**
     * Parquet's writer properties, with dictionary encoding off for string columns whose first
     * rows are mostly distinct: parquet-java would otherwise hash and copy every value of each row
     * group into a dictionary until it outgrows its page and then start over in plain encoding
     * (this halved the time to write a column of comments). Blueshift's own segments decide the
     * same way from a sample.
     */
    private ParquetProperties properties(Batch batch) {
        ParquetProperties.Builder b = ParquetProperties.builder()
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withDictionaryEncoding(options.dictionary())
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withStatisticsEnabled(true);
        if (options.dictionary()) {
            for (int c = 0; c < types.length; c++) {
                if (types[c].isString() && mostlyDistinct(batch, c)) {
                    b.withDictionaryEncoding(descriptors[c].getPath()[0], false);
                }
            }
        }
        return b.build();
    }

    private static final int SAMPLE = 2048;

    /** Whether more than half of the first {@value #SAMPLE} non-null live values of a string column differ. */
    private static boolean mostlyDistinct(Batch batch, int column) {
        VarCharVector v = (VarCharVector) batch.vector(column);
        HashSet<ByteBuffer> seen = new HashSet<>();
        int values = 0;
        for (int k = 0; k < batch.liveCount() && values < SAMPLE; k++) {
            int r = batch.selection() == null ? k : batch.selection().get(k);
            if (!v.isNull(r)) {
                values++;
                seen.add(ByteBuffer.wrap(v.get(r)));
            }
        }
        return values >= 64 && seen.size() * 2 > values;
    }

    private void startRowGroup() {
        pageStore = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroupOrdinal)
                .withCompressorProvider(d -> compressor)
                .build();
        columnStore = properties.newColumnWriteStore(schema, pageStore, pageStore);
        for (int c = 0; c < descriptors.length; c++) {
            writers[c] = columnStore.getColumnWriter(descriptors[c]);
        }
    }

    private void endRowGroup() throws IOException {
        try {
            if (groupRows > 0) {
                rowGroupOrdinal++;
                fileWriter.startBlock(groupRows);
                columnStore.flush();
                pageStore.flushToFileWriter(fileWriter);
                fileWriter.endBlock();
            }
        } finally {
            groupRows = 0;
            closeStores();
        }
    }

    private void closeStores() {
        if (columnStore != null) {
            columnStore.close();
            pageStore.close();
            columnStore = null;
            pageStore = null;
        }
    }

    /** Gives up the file: nothing more is written and the partial file is deleted. */
    private void abort() {
        done = true;
        aborted = true;
        try {
            closeStores();
        } catch (RuntimeException ignored) {
            // The file is being discarded; the first failure is the one to report.
        }
        fileWriter.abort();
        try {
            fileWriter.close();
        } catch (IOException | RuntimeException ignored) {
            // As above.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // As above.
        }
    }

    /** Finishes the file (see {@link #finish()}) unless writing failed, which deleted it. */
    @Override
    public void close() {
        if (aborted) {
            return;
        }
        if (!done) {
            finish();
        }
        try {
            fileWriter.close();
        } catch (IOException e) {
            throw ioError("close Parquet file " + file, e);
        }
    }

    static BlueshiftException ioError(String what, IOException e) {
        return new BlueshiftException(ErrorCode.IO_ERROR, e, what, e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
