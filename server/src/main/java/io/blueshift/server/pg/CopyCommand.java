package io.blueshift.server.pg;

import io.blueshift.columnar.Batch;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.Session;
import io.blueshift.sql.api.PreparedStatementHandle;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.ddl.CopyOptions;
import io.blueshift.sql.ddl.CopyParser;
import io.blueshift.sql.ddl.Ddl;
import io.blueshift.sql.files.DelimitedWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code COPY table [(columns)] FROM STDIN} and {@code COPY table | (query) TO STDOUT} over the
 * wire (psql's {@code \copy}, pgJDBC's CopyManager), in Postgres' text, CSV and binary formats
 * with their options, old and new syntax. The statement and its options are {@link CopyParser}'s;
 * the client's data is spooled to a temporary file that the engine's COPY loads (parsed on every
 * core straight into the table's vectors), so a COPY FROM STDIN is one transaction like a COPY
 * from files: a bad row fails it and the table keeps none of its rows. COPY TO STDOUT writes text
 * and CSV with the {@link DelimitedWriter} UNLOAD uses.
 */
final class CopyCommand {
    /** The binary format's signature; the header goes on with 32-bit flags and a header extension length. */
    private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private CopyCommand() {
    }

    static boolean isCopy(String sql) {
        return sql.regionMatches(true, 0, "copy", 0, 4) && (sql.length() == 4 || !Character.isLetterOrDigit(sql.charAt(4)));
    }

    /** Runs the statement when it is a COPY from STDIN or to STDOUT; false for any other statement (COPY from a file too). */
    static boolean run(PgConnection connection, String sql) throws IOException {
        if (!isCopy(sql)) {
            return false;
        }
        CopyParser.Copy copy = CopyParser.parseAny(sql);
        if (copy == null || copy.file() != null) {
            return false;
        }
        if (copy.from()) {
            copyIn(connection, copy);
        } else if (copy.options().json() || copy.options().parquet()) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "COPY TO STDOUT in FORMAT "
                    + copy.options().format().name() + " (text, CSV and binary are)");
        } else {
            String source = copy.query() != null ? copy.query() : "select " + columnList(copy) + " from " + tableName(copy.table());
            copyOut(connection, source, copy.options());
        }
        return true;
    }

    private static String tableName(Ddl.Name name) {
        return (name.schema() == null ? "" : quote(name.schema()) + ".") + quote(name.name());
    }

    /** The statement's columns, quoted, or * for all. */
    private static String columnList(CopyParser.Copy copy) {
        if (copy.columns().isEmpty()) {
            return "*";
        }
        StringBuilder sb = new StringBuilder();
        for (String c : copy.columns()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(quote(c));
        }
        return sb.toString();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * COPY FROM STDIN: the data is spooled to a temporary file and loaded by the engine's COPY with
     * the statement's options, as a COPY of the client's own data (which any user may load).
     */
    private static void copyIn(PgConnection connection, CopyParser.Copy copy) throws IOException {
        Session session = connection.currentSession();
        String table = tableName(copy.table());
        String columns = columnList(copy);
        int count;
        try (PreparedStatementHandle h = session.prepare("select " + columns + " from " + table)) {
            count = h.columns().size();
        }
        CopyOptions options = copy.options();
        int format = options.binary() ? 1 : 0;
        PgOutput out = connection.output();
        out.begin('G').int8(format).int16(count);
        for (int c = 0; c < count; c++) {
            out.int16(format);
        }
        out.end();
        Path spool = Files.createTempFile("blueshift-copy-", ".copy");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
                PgConnection.Message[] message = new PgConnection.Message[1];
                boolean done = false;
                while (!done) {
                    int type = connection.readMessage(message);
                    switch (type) {
                        case 'd' -> file.write(message[0].rest());
                        case 'c' -> done = true;
                        case 'f' -> throw new BlueshiftException(ErrorCode.QUERY_CANCELED_COPY, message[0].cstring());
                        case 'H', 'S' -> {
                        }
                        default -> throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION,
                                "unexpected message type 0x" + Integer.toHexString(type) + " during COPY from stdin");
                    }
                }
            }
            if (!options.binary()) {
                dropEndMarker(spool);
            }
            String load = "copy " + table + (copy.columns().isEmpty() ? "" : " (" + columns + ")") + " from '"
                    + spool.toString().replace("'", "''") + "' " + options.toSql();
            try (Result r = session.copyClientData(load)) {
                connection.commandComplete(r.commandTag());
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Cuts a trailing {@code \.} line, the end marker old clients send. */
    private static void dropEndMarker(Path spool) throws IOException {
        long size = Files.size(spool);
        try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int tail = (int) Math.min(size, 4);
            ByteBuffer b = ByteBuffer.allocate(tail);
            ch.read(b, size - tail);
            String end = new String(b.array(), 0, tail, StandardCharsets.ISO_8859_1);
            for (String marker : new String[] {"\\.\r\n", "\\.\n", "\\."}) {
                if (end.endsWith(marker) && (size == marker.length() || endsLine(ch, size - marker.length()))) {
                    ch.truncate(size - marker.length());
                    return;
                }
            }
        }
    }

    private static boolean endsLine(FileChannel ch, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, at - 1);
        return b.get(0) == '\n';
    }

    private static void copyOut(PgConnection connection, String query, CopyOptions o) throws IOException {
        Session session = connection.currentSession();
        PgOutput out = connection.output();
        long rows;
        try (Result r = session.execute(query)) {
            List<ResultColumn> columns = r.columns();
            int format = o.binary() ? 1 : 0;
            out.begin('H').int8(format).int16(columns.size());
            columns.forEach(c -> out.int16(format));
            out.end();
            rows = o.binary() ? copyOutBinary(out, r, columns) : copyOutText(out, r, columns, DelimitedWriter.of(o), o.header());
        }
        out.begin('c').end();
        connection.commandComplete("COPY " + rows);
    }

    private static long copyOutText(PgOutput out, Result r, List<ResultColumn> columns, DelimitedWriter writer, boolean header)
            throws IOException {
        long rows = 0;
        StringBuilder line = new StringBuilder();
        if (header) {
            List<String> names = new ArrayList<>(columns.size());
            for (ResultColumn c : columns) {
                names.add(c.name());
            }
            writer.header(line, names);
            copyData(out, line);
        }
        PgOutput scratch = new PgOutput(OutputStream.nullOutputStream());
        RowWriter values = PgConnection.rowWriter(columns, null);
        for (Batch b = r.next(); b != null; b = r.next()) {
            for (int row = 0; row < b.liveCount(); row++) {
                scratch.truncate(0);
                values.write(b, row, row + 1, scratch);
                byte[] data = scratch.array();
                int at = 7; // 'D', length, column count
                line.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    int len = (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | (data[at + 3] & 0xFF);
                    at += 4;
                    writer.value(line, c, len < 0 ? null : new String(data, at, len, StandardCharsets.UTF_8));
                    at += Math.max(0, len);
                }
                copyData(out, line.append('\n'));
                rows++;
            }
            out.maybeFlush();
        }
        return rows;
    }

    /**
     * The rows in the binary format: one CopyData per row (a binary DataRow without its message
     * header: the field count, then each value's length and bytes), then the trailer -1. The
     * signature and an empty header go in front of the first of them, as Postgres sends them and
     * psycopg expects them.
     */
    private static long copyOutBinary(PgOutput out, Result r, List<ResultColumn> columns) throws IOException {
        boolean[] binary = new boolean[columns.size()];
        Arrays.fill(binary, true);
        RowWriter writer = PgConnection.rowWriter(columns, binary);
        PgOutput scratch = new PgOutput(OutputStream.nullOutputStream());
        long rows = 0;
        for (Batch b = r.next(); b != null; b = r.next()) {
            for (int row = 0; row < b.liveCount(); row++) {
                scratch.truncate(0);
                writer.write(b, row, row + 1, scratch);
                binaryCopyData(out, rows == 0).bytes(scratch.array(), 5, scratch.position() - 5).end();
                rows++;
            }
            out.maybeFlush();
        }
        binaryCopyData(out, rows == 0).int16(-1).end();
        return rows;
    }

    private static PgOutput binaryCopyData(PgOutput out, boolean first) {
        out.begin('d');
        return first ? out.bytes(BINARY_SIGNATURE).int32(0).int32(0) : out;
    }

    private static void copyData(PgOutput out, CharSequence line) {
        out.begin('d').bytes(line.toString().getBytes(StandardCharsets.UTF_8)).end();
    }
}
