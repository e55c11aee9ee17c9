package io.blueshift.storage.format;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Batches an operator wrote to disk because they did not fit in its query's memory, read back in
 * the order written. Each batch is its row count, then per column the length, CRC-32C and bytes of
 * the column as storage encodes a chunk ({@link ColumnCodec}: plain values, LZ4-compressed where
 * that is smaller), so a spill is compressed and checked as segments are. A checksum that fails is
 * XX001; a disk that fails is 58030. The file is deleted when it is closed.
 */
public final class SpillFile implements AutoCloseable {
    private final Path path;
    private final List<SqlType> types;
    private FileChannel channel;
    private long written;
    private boolean finished;

    SpillFile(Path path, List<SqlType> types) {
        this.path = path;
        this.types = List.copyOf(types);
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "create spill file " + path, e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    /** The bytes written so far (compressed). */
    public long bytes() {
        return written;
    }

    /** Appends a batch's live rows (gathered in {@code memory} when it has a selection). */
    public void write(Batch batch, QueryMemory memory) {
        if (finished) {
            throw new IllegalStateException("spill file " + path + " is finished");
        }
        int rows = batch.liveCount();
        List<byte[]> columns = new ArrayList<>(types.size());
        int size = 4;
        for (int c = 0; c < types.size(); c++) {
            FieldVector v = batch.vector(c);
            byte[] bytes;
            if (batch.selection() == null) {
                bytes = ColumnCodec.encode(v, types.get(c), rows, Encoding.PLAIN, Compression.LZ4).bytes();
            } else {
                try (FieldVector live = Vectors.gather(memory, types.get(c), v, batch.selection().positions(), rows)) {
                    bytes = ColumnCodec.encode(live, types.get(c), rows, Encoding.PLAIN, Compression.LZ4).bytes();
                }
            }
            columns.add(bytes);
            size += 8 + bytes.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(rows);
        for (byte[] bytes : columns) {
            out.putInt(bytes.length).putInt(Checksums.crc(bytes, 0, bytes.length)).put(bytes);
        }
        out.flip();
        try {
            while (out.hasRemaining()) {
                written += channel.write(out, written);
            }
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "write spill file " + path, e.getMessage());
        }
    }

    /** Ends writing: {@link #reader} may be called from now on. */
    public void finish() {
        finished = true;
    }

    /** Reads the batches back in the order written, into {@code memory}. */
    public Reader reader(QueryMemory memory) {
        int[] all = new int[types.size()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        return reader(memory, all);
    }

    /**
     * Reads the batches back in the order written, into {@code memory}, each batch holding only
     * the given columns (in that order, ascending): the others' bytes are skipped, not decoded.
     */
    public Reader reader(QueryMemory memory, int[] columns) {
        if (!finished) {
            throw new IllegalStateException("spill file " + path + " is still being written");
        }
        return new Reader(memory, columns);
    }

    /** One pass over the file's batches; each batch returned is the caller's to close. */
    public final class Reader {
        private final QueryMemory memory;
        private final int[] columns;
        private final List<SqlType> columnTypes;
        private long at;

        private Reader(QueryMemory memory, int[] columns) {
            this.memory = memory;
            this.columns = columns.clone();
            List<SqlType> t = new ArrayList<>(columns.length);
            for (int i = 0; i < columns.length; i++) {
                if (i > 0 && columns[i] <= columns[i - 1]) {
                    throw new IllegalArgumentException("columns must ascend: " + Arrays.toString(columns));
                }
                t.add(types.get(columns[i]));
            }
            this.columnTypes = List.copyOf(t);
        }

        /** The next batch, or null after the last. */
        public Batch next() {
            if (at >= written) {
                return null;
            }
            int rows = readInt();
            List<FieldVector> vectors = new ArrayList<>(columns.length);
            try {
                int wanted = 0;
                for (int c = 0; c < types.size(); c++) {
                    int length = readInt();
                    int crc = readInt();
                    if (wanted == columns.length || columns[wanted] != c) {
                        at += length;
                        continue;
                    }
                    wanted++;
                    byte[] bytes = new byte[length];
                    read(ByteBuffer.wrap(bytes));
                    if (Checksums.crc(bytes, 0, length) != crc) {
                        throw new BlueshiftException(ErrorCode.DATA_CORRUPTED, "spill file " + path
                                + " is corrupt: a checksum does not match at byte " + (at - length));
                    }
                    vectors.add(ColumnCodec.decode(MemorySegment.ofArray(bytes), types.get(c), "c" + c, rows,
                            memory.allocator()));
                }
            } catch (RuntimeException e) {
                Vectors.closeAll(vectors);
                throw e;
            }
            return Batches.of(columnTypes, vectors, rows);
        }

        private int readInt() {
            ByteBuffer b = ByteBuffer.allocate(4);
            read(b);
            return b.getInt(0);
        }

        private void read(ByteBuffer into) {
            try {
                while (into.hasRemaining()) {
                    int n = channel.read(into, at);
                    if (n < 0) {
                        throw new BlueshiftException(ErrorCode.DATA_CORRUPTED, "spill file " + path + " ends early at byte " + at);
                    }
                    at += n;
                }
            } catch (IOException e) {
                throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read spill file " + path, e.getMessage());
            }
        }
    }

    /** Closes and deletes the file. */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "delete spill file " + path, e.getMessage());
        }
    }
}
