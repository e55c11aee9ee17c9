package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * Parquet files in and out of Blueshift batches, through Apache parquet-java without Hadoop.
 * See {@link ParquetBatchWriter} and {@link ParquetBatchReader} for the streaming forms.
 */
public final class ParquetFiles {
    private ParquetFiles() {
    }

    /**
     * Writes the live rows of {@code batches} to {@code file} (replacing it), closing each batch
     * once written, and returns the number of rows written.
     */
    public static long write(Path file, List<String> names, List<SqlType> types, Iterator<Batch> batches,
            ParquetWriteOptions options) {
        try (ParquetBatchWriter writer = new ParquetBatchWriter(file, names, types, options)) {
            while (batches.hasNext()) {
                try (Batch b = batches.next()) {
                    writer.write(b);
                }
            }
            writer.finish();
            return writer.rowCount();
        }
    }

    /** The columns of {@code file} as Blueshift types, read from its footer. */
    public static ParquetSchema schema(Path file) {
        CountingInputFile input = new CountingInputFile(file);
        try (ParquetFileReader reader = ParquetBatchReader.open(file, input)) {
            var meta = reader.getFooter().getFileMetaData();
            return ParquetSchema.of(ParquetBatchReader.columns(meta.getSchema(), meta.getKeyValueMetaData()),
                    reader.getRecordCount(), reader.getRowGroups().size());
        } catch (IOException e) {
            throw ParquetBatchWriter.ioError("read Parquet file " + file, e);
        }
    }

    /** Reads every column of {@code file}. */
    public static ParquetBatchReader read(Path file, BufferAllocator allocator) {
        int n = schema(file).names().size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return read(file, allocator, all, List.of(), ParquetBatchReader.MAX_BATCH_ROWS);
    }

    /**
     * Reads the columns at {@code columns} (indexes into {@link #schema}, in the order wanted),
     * skipping row groups that {@code filters} rule out, in batches of at most {@code batchRows}
     * rows (up to {@link ParquetBatchReader#MAX_BATCH_ROWS}).
     */
    public static ParquetBatchReader read(Path file, BufferAllocator allocator, int[] columns, List<ZoneFilter> filters,
            int batchRows) {
        return new ParquetBatchReader(file, allocator, columns, filters, batchRows, 0, Integer.MAX_VALUE);
    }

    /**
     * As {@link #read(Path, BufferAllocator, int[], List, int)}, but only row groups {@code
     * fromRowGroup} (inclusive) to {@code toRowGroup} (exclusive): several readers over disjoint
     * ranges scan one file in parallel ({@link ParquetSchema#rowGroupCount()} says how many
     * there are).
     */
    public static ParquetBatchReader read(Path file, BufferAllocator allocator, int[] columns, List<ZoneFilter> filters,
            int batchRows, int fromRowGroup, int toRowGroup) {
        return new ParquetBatchReader(file, allocator, columns, filters, batchRows, fromRowGroup, toRowGroup);
    }
}
