package io.blueshift.storage.format;

import io.blueshift.columnar.ZoneMap;
import io.blueshift.columnar.Batch;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable segment file: row groups of column chunks, each chunk encoded on its own
 * ({@link ColumnCodec}) with a CRC-32C, and a footer locating them with their zone maps.
 *
 * <pre>
 * "BSEG" int(format)
 * chunk bytes ...
 * footer: int(row groups) { int(rows) int(columns) { byte(encoding) byte(compression) long(offset) int(length) int(crc)
 *                                                   long(nulls) byte(has range) long(min) long(max) } }
 * int(footer length) int(footer crc) "BSEG"
 * </pre>
 *
 * A file is written once, forced to disk, and only then referenced by a committed manifest; a
 * checksum that does not match is reported as corruption (XX001), never decoded.
 */
public final class SegmentFile implements AutoCloseable {
    private static final int MAGIC = SegmentWriter.MAGIC;
    private static final int TRAILER = SegmentWriter.TRAILER;

    private final Path path;
    private final FileChannel channel;
    private final List<RowGroup> rowGroups;
    private final IoStats stats;

    private SegmentFile(Path path, FileChannel channel, List<RowGroup> rowGroups, IoStats stats) {
        this.path = path;
        this.channel = channel;
        this.rowGroups = rowGroups;
        this.stats = stats;
    }

    /**
     * Writes {@code chunks} (one row group each) to a new file and forces it to disk. {@code
     * choices} holds each column's requested storage (missing or null entries: automatic).
     */
    public static List<RowGroup> write(Path path, List<Batch> chunks, List<StoredColumn.Choice> choices) {
        try (SegmentWriter writer = SegmentWriter.create(path)) {
            for (Batch chunk : chunks) {
                writer.append(SegmentWriter.encode(chunk, choices));
            }
            return writer.finish();
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long at, Path path) throws IOException {
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, at);
            if (n < 0) {
                throw corrupt(path, "it ends early");
            }
            at += n;
        }
        buffer.flip();
    }

    static BlueshiftException corrupt(Path path, String why) {
        return new BlueshiftException(ErrorCode.DATA_CORRUPTED, "segment file " + path + " is corrupt: " + why);
    }

    /** Opens a segment file and checks its footer. */
    public static SegmentFile open(Path path, IoStats stats) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 8 + TRAILER) {
                throw corrupt(path, "it holds only " + size + " bytes");
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, trailer, size - TRAILER, path);
            int footerLength = trailer.getInt();
            int footerCrc = trailer.getInt();
            if (trailer.getInt() != MAGIC || footerLength < 4 || footerLength > size - 8 - TRAILER) {
                throw corrupt(path, "no valid footer");
            }
            ByteBuffer footer = ByteBuffer.allocate(footerLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, footer, size - TRAILER - footerLength, path);
            if (Checksums.crc(footer) != footerCrc) {
                throw corrupt(path, "footer checksum mismatch");
            }
            ByteSource in = new ByteSource(MemorySegment.ofBuffer(footer));
            int count = in.getInt();
            List<RowGroup> groups = new ArrayList<>(count);
            for (int g = 0; g < count; g++) {
                int rows = in.getInt();
                int columns = in.getInt();
                List<StoredColumn> cs = new ArrayList<>(columns);
                for (int c = 0; c < columns; c++) {
                    Encoding e = Encoding.of(in.getByte());
                    Compression compression = Compression.of(in.getByte());
                    long offset = in.getLong();
                    int length = in.getInt();
                    int crc = in.getInt();
                    ZoneMap z = new ZoneMap(in.getLong(), in.getByte() != 0, in.getLong(), in.getLong());
                    cs.add(new StoredColumn(e, compression, offset, length, crc, z));
                }
                groups.add(new RowGroup(rows, cs));
            }
            return new SegmentFile(path, channel, List.copyOf(groups), stats);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof BlueshiftException b) {
                throw b;
            }
            throw e instanceof IOException io ? new BlueshiftException(ErrorCode.IO_ERROR, io, "read segment " + path, io.getMessage())
                    : corrupt(path, String.valueOf(e.getMessage()));
        }
    }

    public Path path() {
        return path;
    }

    public List<RowGroup> rowGroups() {
        return rowGroups;
    }

    /** The bytes of one column chunk, checksum verified. */
    public MemorySegment read(int rowGroup, int column) {
        StoredColumn c = rowGroups.get(rowGroup).columns().get(column);
        ByteBuffer buffer = ByteBuffer.allocate(c.length());
        try {
            readFully(channel, buffer, c.offset(), path);
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "read segment " + path, e.getMessage());
        }
        if (Checksums.crc(buffer) != c.crc()) {
            throw corrupt(path, "checksum mismatch in row group " + rowGroup + " column " + column);
        }
        stats.read(c.length());
        return MemorySegment.ofBuffer(buffer);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new BlueshiftException(ErrorCode.IO_ERROR, e, "close segment " + path, e.getMessage());
        }
    }
}
