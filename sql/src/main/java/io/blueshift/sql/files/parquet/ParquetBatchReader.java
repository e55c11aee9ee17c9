package io.blueshift.sql.files.parquet;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.ZoneMap;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.column.statistics.BooleanStatistics;
import org.apache.parquet.column.statistics.DoubleStatistics;
import org.apache.parquet.column.statistics.FloatStatistics;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file as batches of a chosen subset of its columns. Only the column chunks of
 * those columns are read from disk (parquet-java's requested schema), and row groups whose
 * statistics show that a {@link ZoneFilter} cannot match are not read at all. Each chunk is
 * decoded by a {@link ColumnReader} straight into Arrow vectors (no per-row record assembly).
 *
 * <p>Batches never span row groups and hold at most the requested number of rows. The caller
 * owns every batch returned and must close it; vectors come from the caller's allocator.
 * Not thread-safe.
 */
public final class ParquetBatchReader implements AutoCloseable {
    /** The most rows in one batch. */
    public static final int MAX_BATCH_ROWS = 65_536;

    private final Path file;
    private final BufferAllocator allocator;
    private final CountingInputFile input;
    private final ParquetFileReader reader;
    private final List<ParquetColumn> fileColumns;
    private final ParquetColumn[] columns;
    private final ColumnDescriptor[] descriptors;
    private final MessageType requested;
    private final List<String> names;
    private final SqlType[] types;
    private final List<ZoneFilter> filters;
    private final int batchRows;
    /** What replaces each byte of a string that is not valid UTF-8 or is NUL (COPY's ACCEPTINVCHARS); 0: refuse it. */
    private byte invalidTextReplacement;
    private final String createdBy;
    private final List<BlockMetaData> blocks;
    private int nextBlock;
    private final int endBlock;
    private PageReadStore pages;
    private ColumnReader[] readers;
    private long rowsLeftInGroup;
    private int rowGroupsRead;
    private int rowGroupsSkipped;
    private long columnChunksRead;

    ParquetBatchReader(Path file, BufferAllocator allocator, int[] columnIndexes, List<ZoneFilter> filters,
            int batchRows, int fromRowGroup, int toRowGroup) {
        if (batchRows < 1 || batchRows > MAX_BATCH_ROWS) {
            throw new IllegalArgumentException("batch rows " + batchRows + " outside 1.." + MAX_BATCH_ROWS);
        }
        this.file = file;
        this.allocator = allocator;
        this.filters = List.copyOf(filters);
        this.batchRows = batchRows;
        this.input = new CountingInputFile(file);
        this.reader = open(file, input);
        try {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            this.fileColumns = columns(fileSchema, reader.getFooter().getFileMetaData().getKeyValueMetaData());
            this.columns = new ParquetColumn[columnIndexes.length];
            this.descriptors = new ColumnDescriptor[columnIndexes.length];
            List<Type> fields = new ArrayList<>(columnIndexes.length);
            List<String> names = new ArrayList<>(columnIndexes.length);
            this.types = new SqlType[columnIndexes.length];
            boolean[] seen = new boolean[fileColumns.size()];
            for (int i = 0; i < columnIndexes.length; i++) {
                int c = columnIndexes[i];
                if (c < 0 || c >= fileColumns.size() || seen[c]) {
                    throw new IllegalArgumentException("column " + c + " is outside the file's "
                            + fileColumns.size() + " columns or asked for twice");
                }
                seen[c] = true;
                columns[i] = fileColumns.get(c);
                descriptors[i] = fileSchema.getColumns().get(c);
                fields.add(fileSchema.getType(c));
                names.add(columns[i].name());
                types[i] = columns[i].type();
            }
            for (ZoneFilter f : this.filters) {
                checkFilter(f);
            }
            this.names = List.copyOf(names);
            this.requested = new MessageType(fileSchema.getName(), fields);
            reader.setRequestedSchema(requested);
            this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<BlockMetaData> all = reader.getRowGroups();
            this.nextBlock = Math.max(0, fromRowGroup);
            this.endBlock = Math.min(all.size(), toRowGroup);
            this.blocks = all;
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    static ParquetFileReader open(Path file, CountingInputFile input) {
        try {
            return new ParquetFileReader(input, ReadOptions.OPTIONS);
        } catch (NoSuchFileException e) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_FILE, file.toString());
        } catch (IOException e) {
            throw ParquetBatchWriter.ioError("read Parquet file " + file, e);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /** The file's columns, with CHAR(n), VARCHAR(n) and INTERVAL back where Blueshift wrote them. */
    static List<ParquetColumn> columns(MessageType schema, Map<String, String> keyValues) {
        List<ParquetColumn> result = new ArrayList<>(schema.getFieldCount());
        String stored = keyValues == null ? null : keyValues.get(ParquetBatchWriter.SQL_TYPES_KEY);
        String[] storedTypes = stored == null ? null : stored.split(";", -1);
        for (int i = 0; i < schema.getFieldCount(); i++) {
            ParquetColumn c = ParquetTypes.column(i, schema.getType(i));
            if (storedTypes != null && storedTypes.length == schema.getFieldCount() && c.type().isString()) {
                try {
                    SqlType t = SqlType.parse(storedTypes[i]);
                    if (t.isString()) {
                        c = new ParquetColumn(c.index(), c.name(), t, c.decode(), c.multiplier());
                    } else if (t.kind() == TypeKind.INTERVAL) {
                        c = new ParquetColumn(c.index(), c.name(), t, ParquetTypes.Decode.INTERVAL_TEXT, 1);
                    }
                } catch (BlueshiftException ignored) {
                    // Not a type name Blueshift wrote: the column stays TEXT.
                }
            }
            result.add(c);
        }
        return result;
    }

    private void checkFilter(ZoneFilter f) {
        if (f.column() < 0 || f.column() >= fileColumns.size()) {
            throw new IllegalArgumentException("zone filter on column " + f.column() + " of " + fileColumns.size());
        }
        TypeKind kind = fileColumns.get(f.column()).type().kind();
        ZoneFilter.Kind expected = switch (kind) {
            case REAL, DOUBLE -> ZoneFilter.Kind.DOUBLE;
            case CHAR, VARCHAR, TEXT -> ZoneFilter.Kind.STRING;
            case BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL ->
                    ZoneFilter.Kind.LONG;
        };
        if (f.kind() != expected) {
            throw new IllegalArgumentException(f.kind() + " zone filter on " + kind + " column " + f.column());
        }
    }

    public List<String> names() {
        return names;
    }

    public List<SqlType> types() {
        return List.of(types);
    }

    /**
     * Strings that are not valid UTF-8 or hold NUL get {@code replacement} (an ASCII byte) for each
     * such byte instead of failing with 22021, as COPY's ACCEPTINVCHARS asks.
     */
    public ParquetBatchReader replacingInvalidText(byte replacement) {
        this.invalidTextReplacement = replacement;
        return this;
    }

    /** The next batch (the caller closes it), or null after the last row. */
    public Batch next() {
        try {
            while (rowsLeftInGroup == 0) {
                if (!nextRowGroup()) {
                    return null;
                }
            }
            int n = (int) Math.min(batchRows, rowsLeftInGroup);
            FieldVector[] vectors = new FieldVector[columns.length];
            try {
                for (int c = 0; c < columns.length; c++) {
                    vectors[c] = ColumnReads.read(readers[c], columns[c], n, allocator, invalidTextReplacement);
                }
            } catch (RuntimeException e) {
                for (FieldVector v : vectors) {
                    if (v != null) {
                        v.close();
                    }
                }
                throw e;
            }
            rowsLeftInGroup -= n;
            return new Batch(names, types, vectors, n);
        } catch (IOException e) {
            throw ParquetBatchWriter.ioError("read Parquet file " + file, e);
        } catch (BlueshiftException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | OutOfMemoryException e) {
            // Misuse, or the caller's memory limit: not the file's fault.
            throw e;
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    private boolean nextRowGroup() throws IOException {
        closePages();
        while (nextBlock < endBlock) {
            int g = nextBlock++;
            BlockMetaData block = blocks.get(g);
            if (!mayMatch(block)) {
                rowGroupsSkipped++;
                continue;
            }
            pages = reader.readRowGroup(g);
            rowGroupsRead++;
            columnChunksRead += columns.length;
            rowsLeftInGroup = pages.getRowCount();
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new IgnoringConverter(), requested, createdBy);
            readers = new ColumnReader[columns.length];
            for (int c = 0; c < columns.length; c++) {
                readers[c] = store.getColumnReader(descriptors[c]);
            }
            return true;
        }
        return false;
    }

    /** False when the footer's statistics show that some filter cannot match a row of the row group. */
    private boolean mayMatch(BlockMetaData block) {
        for (ZoneFilter f : filters) {
            ColumnChunkMetaData chunk = block.getColumns().get(f.column());
            Statistics<?> stats = chunk.getStatistics();
            if (stats == null) {
                continue;
            }
            if (stats.isNumNullsSet() && stats.getNumNulls() == chunk.getValueCount() && chunk.getValueCount() > 0) {
                return false;
            }
            if (stats.isEmpty() || !stats.hasNonNullValue()) {
                continue;
            }
            ParquetColumn column = fileColumns.get(f.column());
            if (!statsMayMatch(f, column, stats)) {
                return false;
            }
        }
        return true;
    }

    /** The row count of each row group of the file, from its footer. */
    public static long[] rowGroupRows(Path file) {
        CountingInputFile input = new CountingInputFile(file);
        try (ParquetFileReader reader = open(file, input)) {
            return reader.getRowGroups().stream().mapToLong(BlockMetaData::getRowCount).toArray();
        } catch (IOException e) {
            throw ParquetBatchWriter.ioError("read Parquet file " + file, e);
        }
    }

    /**
     * For each row group of the file, per column, what its footer statistics tell as a zone map
     * (the stored forms of integer-like values: days, micros, unscaled decimals); null where they
     * tell nothing (no statistics, or a type zone maps do not order), so a scan never skips on them.
     */
    public static List<List<ZoneMap>> rowGroupZones(Path file) {
        CountingInputFile input = new CountingInputFile(file);
        try (ParquetFileReader reader = open(file, input)) {
            var meta = reader.getFooter().getFileMetaData();
            List<ParquetColumn> columns = columns(meta.getSchema(), meta.getKeyValueMetaData());
            List<List<ZoneMap>> out = new ArrayList<>();
            for (BlockMetaData block : reader.getRowGroups()) {
                List<ZoneMap> zones = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    ColumnChunkMetaData chunk = block.getColumns().get(c);
                    Statistics<?> stats = chunk.getStatistics();
                    if (stats == null || !stats.isNumNullsSet()) {
                        zones.add(null);
                    } else if (stats.getNumNulls() == chunk.getValueCount()) {
                        zones.add(new ZoneMap(stats.getNumNulls(), false, 0, 0));
                    } else {
                        long[] range = stats.isEmpty() || !stats.hasNonNullValue() ? null : longRange(columns.get(c), stats);
                        zones.add(range == null ? null
                                : new ZoneMap(stats.getNumNulls(), true, range[0], range[1]));
                    }
                }
                out.add(zones);
            }
            return out;
        } catch (IOException e) {
            throw ParquetBatchWriter.ioError("read Parquet file " + file, e);
        }
    }

    /** A row group's [min, max] of an integer-like column in Blueshift's stored form, or null. */
    private static long[] longRange(ParquetColumn column, Statistics<?> stats) {
        long m = column.multiplier();
        return switch (column.decode()) {
            case SHORT, INT, INT_TO_LONG, INT_DECIMAL -> stats instanceof IntStatistics s
                    ? new long[] {s.getMin() * m, s.getMax() * m} : null;
            case UINT32 -> stats instanceof IntStatistics s
                    ? new long[] {Integer.toUnsignedLong(s.getMin()), Integer.toUnsignedLong(s.getMax())} : null;
            case LONG, LONG_DECIMAL -> stats instanceof LongStatistics s ? new long[] {s.getMin() * m, s.getMax() * m} : null;
            case LONG_NANOS -> stats instanceof LongStatistics s
                    ? new long[] {Math.floorDiv(s.getMin(), 1000L), Math.floorDiv(s.getMax(), 1000L)} : null;
            default -> null;
        };
    }

    private static boolean statsMayMatch(ZoneFilter f, ParquetColumn column, Statistics<?> stats) {
        long m = column.multiplier();
        return switch (column.decode()) {
            case SHORT, INT, INT_TO_LONG, INT_DECIMAL -> stats instanceof IntStatistics s
                    ? f.mayMatch(s.getMin() * m, s.getMax() * m) : true;
            case UINT32 -> stats instanceof IntStatistics s
                    ? f.mayMatch(Integer.toUnsignedLong(s.getMin()), Integer.toUnsignedLong(s.getMax())) : true;
            case LONG, LONG_DECIMAL -> stats instanceof LongStatistics s
                    ? f.mayMatch(s.getMin() * m, s.getMax() * m) : true;
            case LONG_NANOS -> stats instanceof LongStatistics s
                    ? f.mayMatch(Math.floorDiv(s.getMin(), 1000L), Math.floorDiv(s.getMax(), 1000L)) : true;
            case BOOLEAN -> stats instanceof BooleanStatistics s
                    ? f.mayMatch(s.getMin() ? 1 : 0, s.getMax() ? 1 : 0) : true;
            case BINARY_DECIMAL -> {
                if (column.type().precision() > SqlType.MAX_LONG_DECIMAL_PRECISION
                        || !(stats instanceof BinaryStatistics s)) {
                    yield true;
                }
                yield f.mayMatch(new BigInteger(s.getMinBytes()).longValue(), new BigInteger(s.getMaxBytes()).longValue());
            }
            case FLOAT -> stats instanceof FloatStatistics s && !Float.isNaN(s.getMin()) && !Float.isNaN(s.getMax())
                    ? f.mayMatch(s.getMin(), s.getMax()) : true;
            case DOUBLE -> stats instanceof DoubleStatistics s && !Double.isNaN(s.getMin()) && !Double.isNaN(s.getMax())
                    ? f.mayMatch(s.getMin(), s.getMax()) : true;
            case STRING -> stats instanceof BinaryStatistics s ? f.mayMatch(s.getMinBytes(), s.getMaxBytes()) : true;
            case UINT64, INT96_TIMESTAMP, INTERVAL, INTERVAL_TEXT -> true;
        };
    }

    /** Row groups read so far. */
    public int rowGroupsRead() {
        return rowGroupsRead;
    }

    /** Row groups skipped by zone filters so far. */
    public int rowGroupsSkipped() {
        return rowGroupsSkipped;
    }

    /** Column chunks read so far (requested columns times row groups read). */
    public long columnChunksRead() {
        return columnChunksRead;
    }

    /** Bytes read from the file so far, footer included. */
    public long bytesRead() {
        return input.bytesRead();
    }

    private void closePages() {
        readers = null;
        if (pages != null) {
            PageReadStore p = pages;
            pages = null;
            p.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // Already failing; the first error is the one to report.
        }
    }

    @Override
    public void close() {
        closePages();
        try {
            reader.close();
        } catch (IOException e) {
            throw ParquetBatchWriter.ioError("close Parquet file " + file, e);
        }
    }

    static BlueshiftException corrupt(Path file, RuntimeException e) {
        return new BlueshiftException(ErrorCode.DATA_CORRUPTED, e,
                "Parquet file " + file + " is corrupt or unreadable: " + e.getMessage());
    }

    /** The converter {@link ColumnReadStoreImpl} asks for; values are taken from the readers instead. */
    private static final class IgnoringConverter extends GroupConverter {
        private static final PrimitiveConverter IGNORE = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return IGNORE;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
