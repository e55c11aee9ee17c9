package io.blueshift.storage.format;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.ZoneMap;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one segment file ({@link SegmentFile}'s layout) a row group at a time, so a statement that
 * produces many chunks (a large COPY) holds only the chunks in flight, not the whole file. Chunks
 * are encoded with {@link #encode} on any thread (the expensive part) and appended in order by
 * one; {@link #finish} writes the footer and forces the file, and only then may a manifest
 * reference it. {@link #close} without {@code finish} deletes the partial file.
 */
public final class SegmentWriter implements AutoCloseable {
    static final int MAGIC = 0x47455342; // "BSEG" little-endian
    static final int FORMAT = 1;
    static final int TRAILER = 12;

    /** A chunk encoded column by column, ready to append. */
    public record EncodedChunk(int rowCount, List<ColumnCodec.Encoded> columns) {
        public long bytes() {
            long n = 0;
            for (ColumnCodec.Encoded e : columns) {
                n += e.bytes().length;
            }
            return n;
        }
    }

    private final Path path;
    private final FileChannel out;
    private final List<RowGroup> groups = new ArrayList<>();
    private long at;
    private boolean finished;

    private SegmentWriter(Path path, FileChannel out, long at) {
        this.path = path;
        this.out = out;
        this.at = at;
    }

    /** Creates the file (it must not exist) and writes its header. */
    public static SegmentWriter create(Path path) {
        FileChannel out = null;
        try {
            out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            long at = writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(FORMAT).flip(), 0);
            return new SegmentWriter(path, out, at);
        } catch (IOException e) {
            if (out != null) {
                try {
                    out.close();
                    Files.deleteIfExists(path);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "write segment " + path, e.getMessage());
        }
    }

    /**
     * Encodes a chunk's columns; {@code choices} holds each column's requested storage (missing or
     * null entries: automatic). Safe on any thread; the chunk stays the caller's.
     */
    public static EncodedChunk encode(Batch chunk, List<StoredColumn.Choice> choices) {
        List<ColumnCodec.Encoded> columns = new ArrayList<>(chunk.columnCount());
        for (int c = 0; c < chunk.columnCount(); c++) {
            StoredColumn.Choice choice = c < choices.size() && choices.get(c) != null ? choices.get(c) : StoredColumn.Choice.AUTO;
            columns.add(ColumnCodec.encode(chunk.vector(c), chunk.type(c), chunk.rowCount(), choice.encoding(), choice.compression()));
        }
        return new EncodedChunk(chunk.rowCount(), columns);
    }

    /** Appends an encoded chunk as the next row group; returns its index. */
    public int append(EncodedChunk chunk) {
        if (finished) {
            throw new IllegalStateException("segment " + path + " is finished");
        }
        List<StoredColumn> columns = new ArrayList<>(chunk.columns().size());
        try {
            for (ColumnCodec.Encoded e : chunk.columns()) {
                byte[] bytes = e.bytes();
                columns.add(new StoredColumn(e.encoding(), e.compression(), at, bytes.length,
                        Checksums.crc(bytes, 0, bytes.length), e.zone()));
                at = writeFully(out, ByteBuffer.wrap(bytes), at);
            }
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "write segment " + path, e.getMessage());
        }
        groups.add(new RowGroup(chunk.rowCount(), columns));
        return groups.size() - 1;
    }

    /** The row groups appended so far. */
    public int rowGroups() {
        return groups.size();
    }

    /** Writes the footer, forces the file to disk and closes it; returns the row groups. */
    public List<RowGroup> finish() {
        ByteSink footer = new ByteSink(256);
        footer.putInt(groups.size());
        for (RowGroup g : groups) {
            footer.putInt(g.rowCount()).putInt(g.columns().size());
            for (StoredColumn c : g.columns()) {
                ZoneMap z = c.zone();
                footer.putByte(c.encoding().ordinal()).putByte(c.compression().ordinal()).putLong(c.offset()).putInt(c.length()).putInt(c.crc())
                        .putLong(z.nullCount()).putByte(z.hasRange() ? 1 : 0).putLong(z.min()).putLong(z.max());
            }
        }
        byte[] f = footer.toByteArray();
        try {
            at = writeFully(out, ByteBuffer.wrap(f), at);
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(f.length).putInt(Checksums.crc(f, 0, f.length)).putInt(MAGIC).flip();
            writeFully(out, trailer, at);
            out.force(true);
            out.close();
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "write segment " + path, e.getMessage());
        }
        finished = true;
        return List.copyOf(groups);
    }

    /** Closes the file; a file not finished is deleted (nothing may reference it). */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "remove unfinished segment " + path, e.getMessage());
        }
    }

    static long writeFully(FileChannel out, ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
        return at;
    }
}
