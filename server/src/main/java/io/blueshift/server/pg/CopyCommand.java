package io.blueshift.server.pg;

import io.blueshift.columnar.Batch;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.Session;
import io.blueshift.sql.api.PreparedStatementHandle;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.catalog.PgOids;
import io.blueshift.sql.parser.SqlScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code COPY table [(columns)] FROM STDIN} and {@code COPY table | (query) TO STDOUT} over the
 * wire (psql's {@code \copy}, pgJDBC's CopyManager), in Postgres' text and CSV formats with their
 * options (HEADER, DELIMITER, NULL, QUOTE, ESCAPE), old and new syntax, and in its binary format
 * (asyncpg's {@code copy_records_to_table}). A COPY FROM is one transaction: a bad row fails it and
 * the table keeps none of its rows.
 */
final class CopyCommand {
    private static final Pattern COPY = Pattern.compile(
            "(?is)copy\\s+(?:\\((?<query>.*)\\)|(?<table>(?:\"[^\"]+\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|[\\w$]+))?)"
                    + "\\s*(?:\\((?<columns>[^)]*)\\))?)\\s+(?<direction>from|to)\\s+(?<where>stdin|stdout)\\b(?<options>.*)");
    private static final int ROWS_PER_INSERT = 8192;
    /** The binary format's signature; the header goes on with 32-bit flags and a header extension length. */
    private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private CopyCommand() {
    }

    static boolean isCopy(String sql) {
        return sql.regionMatches(true, 0, "copy", 0, 4) && (sql.length() == 4 || !Character.isLetterOrDigit(sql.charAt(4)));
    }

    /** Options of one COPY, with Postgres' defaults for its format. */
    private static final class Options {
        boolean csv;
        boolean binary;
        boolean header;
        char delimiter;
        String nullText;
        char quote = '"';
        char escape = '"';

        static Options parse(String text) {
            Options o = new Options();
            List<String> words = words(text);
            Character delimiter = null;
            String nullText = null;
            Character escape = null;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                String next = i + 1 < words.size() ? words.get(i + 1) : "";
                if (next.equals("as")) {
                    words.remove(i + 1);
                    next = i + 1 < words.size() ? words.get(i + 1) : "";
                }
                switch (w) {
                    case "with", "freeze", "encoding", "force_quote", "force_not_null", "force_null" -> {
                        if (w.equals("encoding")) {
                            i++;
                        }
                    }
                    case "csv" -> o.csv = true;
                    case "text" -> o.csv = false;
                    case "binary" -> o.binary = true;
                    case "format" -> {
                        i++;
                        o.csv = next.equals("csv");
                        o.binary = next.equals("binary");
                    }
                    case "header" -> {
                        o.header = true;
                        if (next.equals("true") || next.equals("on") || next.equals("1") || next.equals("match")) {
                            i++;
                        } else if (next.equals("false") || next.equals("off") || next.equals("0")) {
                            o.header = false;
                            i++;
                        }
                    }
                    case "delimiter" -> {
                        delimiter = single(next, "COPY delimiter");
                        i++;
                    }
                    case "null" -> {
                        nullText = next.substring(1);
                        i++;
                    }
                    case "quote" -> {
                        o.quote = single(next, "COPY quote");
                        i++;
                    }
                    case "escape" -> {
                        escape = single(next, "COPY escape");
                        i++;
                    }
                    default -> throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "option \"" + w + "\" not recognized");
                }
            }
            o.delimiter = delimiter != null ? delimiter : o.csv ? ',' : '\t';
            o.nullText = nullText != null ? nullText : o.csv ? "" : "\\N";
            o.escape = escape != null ? escape : o.quote;
            if (o.binary && o.header) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "HEADER in BINARY mode");
            }
            return o;
        }

        /**
         * The option words: string literals (any form {@link SqlScanner} reads, {@code E'\\t'}
         * included) as {@code '} and their value, quoted names as written, other words in lower
         * case; punctuation and comments are left out.
         */
        private static List<String> words(String text) {
            List<String> words = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                SqlScanner.Region region = SqlScanner.regionAt(text, i);
                int end = SqlScanner.skip(text, i);
                switch (region) {
                    case STRING, ESCAPE_STRING, UNICODE_STRING, DOLLAR_QUOTE ->
                            words.add("'" + SqlScanner.stringValue(text, i, end));
                    case QUOTED_NAME -> words.add(text.substring(i + 1, end - 1).replace("\"\"", "\""));
                    case LINE_COMMENT, BLOCK_COMMENT -> {
                    }
                    case CODE -> {
                        end = i + 1;
                        if (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_') {
                            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                                end++;
                            }
                            words.add(text.substring(i, end).toLowerCase(Locale.ROOT));
                        }
                    }
                }
                i = end;
            }
            return words;
        }

        private static char single(String quoted, String what) {
            if (quoted.length() != 2 || quoted.charAt(0) != '\'') {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, what + " other than a single one-byte character");
            }
            return quoted.charAt(1);
        }
    }

    /** Runs the statement when it is a COPY from STDIN or to STDOUT; false for any other statement. */
    static boolean run(PgConnection connection, String sql) throws IOException {
        if (!isCopy(sql)) {
            return false;
        }
        Matcher m = COPY.matcher(sql.strip());
        if (!m.matches()) {
            return false;
        }
        Options options = Options.parse(m.group("options"));
        String source = m.group("query") != null ? m.group("query")
                : "select " + (m.group("columns") != null ? m.group("columns") : "*") + " from " + m.group("table");
        if (m.group("direction").equalsIgnoreCase("to")) {
            copyOut(connection, source, options);
        } else {
            if (m.group("query") != null) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "COPY FROM needs a table, not a query");
            }
            if (!options.binary && (!options.csv || options.escape == options.quote)) {
                copyInThroughLoader(connection, m.group("table"), m.group("columns"), options);
            } else {
                copyIn(connection, m.group("table"), source, options);
            }
        }
        return true;
    }

    /**
     * Text and CSV COPY FROM STDIN: the data is spooled to a temporary file and loaded by the
     * engine's COPY (parsed on every core straight into the table's vectors, one transaction), with
     * Postgres' text escapes and NULL rules mapped onto its options.
     */
    private static void copyInThroughLoader(PgConnection connection, String table, String columnList, Options o) throws IOException {
        Session session = connection.currentSession();
        List<ResultColumn> columns;
        try (PreparedStatementHandle h = session.prepare("select " + (columnList != null ? columnList : "*") + " from " + table)) {
            columns = h.columns();
        }
        PgOutput out = connection.output();
        out.begin('G').int8(0).int16(columns.size());
        columns.forEach(c -> out.int16(0));
        out.end();
        java.nio.file.Path spool = java.nio.file.Files.createTempFile("blueshift-copy-", ".txt");
        try {
            try (java.io.OutputStream file = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(spool), 1 << 16)) {
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
            dropEndMarker(spool);
            StringBuilder copy = new StringBuilder("copy ").append(table);
            if (columnList != null) {
                copy.append(" (").append(columnList).append(')');
            }
            copy.append(" from '").append(spool.toString().replace("'", "''")).append("'");
            if (o.csv) {
                copy.append(" csv quote ").append(literal(o.quote)).append(" emptyasnull");
            } else {
                copy.append(" escape");
            }
            copy.append(" delimiter ").append(o.delimiter == '\t' ? "'\\t'" : literal(o.delimiter))
                    .append(" null '").append(o.nullText.replace("'", "''")).append("'");
            if (o.header) {
                copy.append(" ignoreheader 1");
            }
            try (Result r = session.copyClientData(copy.toString())) {
                connection.commandComplete(r.commandTag());
            }
        } finally {
            java.nio.file.Files.deleteIfExists(spool);
        }
    }

    private static String literal(char c) {
        return "'" + (c == '\'' ? "''" : String.valueOf(c)) + "'";
    }

    /** Cuts a trailing {@code \.} line, the end marker old clients send. */
    private static void dropEndMarker(java.nio.file.Path spool) throws IOException {
        long size = java.nio.file.Files.size(spool);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(spool, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            int tail = (int) Math.min(size, 4);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(tail);
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

    private static boolean endsLine(java.nio.channels.FileChannel ch, long at) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
        ch.read(b, at - 1);
        return b.get(0) == '\n';
    }

    private static void copyOut(PgConnection connection, String query, Options o) throws IOException {
        Session session = connection.currentSession();
        PgOutput out = connection.output();
        long rows;
        try (Result r = session.execute(query)) {
            List<ResultColumn> columns = r.columns();
            int format = o.binary ? 1 : 0;
            out.begin('H').int8(format).int16(columns.size());
            columns.forEach(c -> out.int16(format));
            out.end();
            rows = o.binary ? copyOutBinary(out, r, columns) : copyOutText(out, r, columns, o);
        }
        out.begin('c').end();
        connection.commandComplete("COPY " + rows);
    }

    private static long copyOutText(PgOutput out, Result r, List<ResultColumn> columns, Options o) throws IOException {
        long rows = 0;
        StringBuilder line = new StringBuilder();
        if (o.header) {
            for (int c = 0; c < columns.size(); c++) {
                line.append(c == 0 ? "" : String.valueOf(o.delimiter));
                appendValue(line, columns.get(c).name(), o);
            }
            copyData(out, line.append('\n'));
        }
        PgOutput scratch = new PgOutput(java.io.OutputStream.nullOutputStream());
        RowWriter writer = PgConnection.rowWriter(columns, null);
        for (Batch b = r.next(); b != null; b = r.next()) {
            for (int row = 0; row < b.liveCount(); row++) {
                scratch.truncate(0);
                writer.write(b, row, row + 1, scratch);
                byte[] data = scratch.array();
                int at = 7; // 'D', length, column count
                line.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    int len = (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | (data[at + 3] & 0xFF);
                    at += 4;
                    line.append(c == 0 ? "" : String.valueOf(o.delimiter));
                    if (len < 0) {
                        line.append(o.nullText);
                    } else {
                        appendValue(line, new String(data, at, len, StandardCharsets.UTF_8), o);
                        at += len;
                    }
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
        java.util.Arrays.fill(binary, true);
        RowWriter writer = PgConnection.rowWriter(columns, binary);
        PgOutput scratch = new PgOutput(java.io.OutputStream.nullOutputStream());
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

    private static void appendValue(StringBuilder line, String value, Options o) {
        if (o.csv) {
            boolean quote = value.isEmpty() && o.nullText.isEmpty() || value.equals(o.nullText)
                    || value.indexOf(o.delimiter) >= 0 || value.indexOf(o.quote) >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0;
            if (!quote) {
                line.append(value);
                return;
            }
            line.append(o.quote);
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == o.quote || ch == o.escape) {
                    line.append(o.escape);
                }
                line.append(ch);
            }
            line.append(o.quote);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (ch == o.delimiter) {
                        line.append('\\');
                    }
                    line.append(ch);
                }
            }
        }
    }

    private static void copyIn(PgConnection connection, String table, String select, Options o) throws IOException {
        Session session = connection.currentSession();
        List<ResultColumn> columns;
        try (PreparedStatementHandle h = session.prepare(select)) {
            columns = h.columns();
        }
        StringBuilder insert = new StringBuilder("insert into ").append(table).append(" (");
        for (int c = 0; c < columns.size(); c++) {
            insert.append(c == 0 ? "" : ", ").append('"').append(columns.get(c).name().replace("\"", "\"\"")).append('"');
        }
        insert.append(") values (").append("?, ".repeat(columns.size() - 1)).append("?)");
        PgOutput out = connection.output();
        int format = o.binary ? 1 : 0;
        out.begin('G').int8(format).int16(columns.size());
        columns.forEach(c -> out.int16(format));
        out.end();
        boolean ownTransaction = !session.inTransaction();
        if (ownTransaction) {
            session.execute("begin").close();
        }
        boolean committed = false;
        long rows = 0;
        try (PreparedStatementHandle h = session.prepare(insert.toString())) {
            Records reader = o.binary ? new BinaryRecordReader(columns) : new RecordReader(o, columns.size());
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            List<List<Object>> batch = new ArrayList<>();
            PgConnection.Message[] message = new PgConnection.Message[1];
            boolean done = false;
            while (!done) {
                int type = connection.readMessage(message);
                switch (type) {
                    case 'd' -> pending.writeBytes(message[0].rest());
                    case 'c' -> done = true;
                    case 'f' -> throw new BlueshiftException(ErrorCode.QUERY_CANCELED_COPY, message[0].cstring());
                    case 'H', 'S' -> {
                    }
                    default -> throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION,
                            "unexpected message type 0x" + Integer.toHexString(type) + " during COPY from stdin");
                }
                byte[] bytes = pending.toByteArray();
                int used = reader.read(bytes, done, batch);
                pending.reset();
                pending.write(bytes, used, bytes.length - used);
                if (batch.size() >= ROWS_PER_INSERT || done && !batch.isEmpty()) {
                    h.executeBatch(batch);
                    rows += batch.size();
                    batch.clear();
                }
            }
            if (ownTransaction) {
                session.execute("commit").close();
                committed = true;
            }
        } finally {
            if (ownTransaction && !committed) {
                session.execute("rollback").close();
            }
        }
        connection.commandComplete("COPY " + rows);
    }

    /** Cuts COPY data into records. */
    private interface Records {
        /** Reads the whole records in {@code data} (all of it at the end); returns the bytes consumed. */
        int read(byte[] data, boolean atEnd, List<List<Object>> into);
    }

    /**
     * Cuts CSV data with an ESCAPE other than its QUOTE into records of fields (null for the NULL
     * marker); text and plain CSV go through the engine's loader instead.
     */
    private static final class RecordReader implements Records {
        private final Options o;
        private final int columns;
        private boolean headerSkipped;
        private boolean ended;
        private long line;

        RecordReader(Options o, int columns) {
            this.o = o;
            this.columns = columns;
        }

        @Override
        public int read(byte[] data, boolean atEnd, List<List<Object>> into) {
            int start = 0;
            while (start < data.length && !ended) {
                int end = recordEnd(data, start);
                if (end < 0) {
                    if (!atEnd) {
                        return start;
                    }
                    end = data.length;
                }
                String record = new String(data, start, end - start, StandardCharsets.UTF_8);
                if (record.endsWith("\r")) {
                    record = record.substring(0, record.length() - 1);
                }
                start = Math.min(data.length, end + 1);
                line++;
                if (record.equals("\\.")) {
                    ended = true;
                    break;
                }
                if (o.header && !headerSkipped) {
                    headerSkipped = true;
                    continue;
                }
                List<Object> fields = csvFields(record);
                if (fields.size() != columns) {
                    throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, (fields.size() < columns
                            ? "missing data for column" : "extra data after last expected column") + " (line " + line + ")");
                }
                into.add(fields);
            }
            return ended ? data.length : start;
        }

        /** Where the record starting at {@code from} ends (its newline), or -1 when it is incomplete. */
        private int recordEnd(byte[] data, int from) {
            boolean quoted = false;
            for (int i = from; i < data.length; i++) {
                byte b = data[i];
                if (b == o.quote) {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    return i;
                }
            }
            return -1;
        }

        private List<Object> csvFields(String record) {
            List<Object> fields = new ArrayList<>(columns);
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            for (int i = 0; i <= record.length(); i++) {
                if (i == record.length()) {
                    if (quoted) {
                        throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field (line " + line + ")");
                    }
                    addCsv(fields, field, wasQuoted);
                    break;
                }
                char c = record.charAt(i);
                if (quoted) {
                    if (c == o.escape && i + 1 < record.length() && (record.charAt(i + 1) == o.quote || record.charAt(i + 1) == o.escape)) {
                        field.append(record.charAt(i + 1));
                        i++;
                    } else if (c == o.quote) {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == o.quote) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == o.delimiter) {
                    addCsv(fields, field, wasQuoted);
                    field.setLength(0);
                    wasQuoted = false;
                } else {
                    field.append(c);
                }
            }
            return fields;
        }

        private void addCsv(List<Object> fields, StringBuilder field, boolean wasQuoted) {
            String text = field.toString();
            fields.add(!wasQuoted && text.equals(o.nullText) ? null : text);
        }
    }

    /**
     * Cuts binary COPY data into records of values decoded by their columns' types: the signature,
     * flags and a header extension to skip, then tuples (a field count, then each field's length,
     * -1 for NULL, and bytes), then a field count of -1.
     */
    private static final class BinaryRecordReader implements Records {
        private final int[] oids;
        private boolean headerRead;
        private boolean ended;

        BinaryRecordReader(List<ResultColumn> columns) {
            oids = new int[columns.size()];
            for (int c = 0; c < oids.length; c++) {
                oids[c] = PgOids.typeOid(columns.get(c).type());
            }
        }

        @Override
        public int read(byte[] data, boolean atEnd, List<List<Object>> into) {
            ByteBuffer b = ByteBuffer.wrap(data);
            if (!headerRead) {
                if (!header(b)) {
                    return incomplete(atEnd, 0);
                }
                headerRead = true;
            }
            while (!ended && b.hasRemaining()) {
                int start = b.position();
                if (b.remaining() < 2) {
                    return incomplete(atEnd, start);
                }
                int count = b.getShort();
                if (count == -1) {
                    ended = true;
                    break;
                }
                if (count != oids.length) {
                    throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT,
                            "row field count is " + count + ", expected " + oids.length);
                }
                List<Object> row = new ArrayList<>(count);
                for (int c = 0; c < count && row != null; c++) {
                    int length = b.remaining() < 4 ? -2 : b.getInt();
                    if (length == -1) {
                        row.add(null);
                    } else if (length < 0 || b.remaining() < length) {
                        row = null;
                    } else {
                        byte[] value = new byte[length];
                        b.get(value);
                        row.add(PgTypes.decode(value, true, oids[c]));
                    }
                }
                if (row == null) {
                    return incomplete(atEnd, start);
                }
                into.add(row);
            }
            return ended ? data.length : b.position();
        }

        /** Reads the header when it is all there. */
        private static boolean header(ByteBuffer b) {
            if (b.remaining() < BINARY_SIGNATURE.length + 8) {
                return false;
            }
            for (byte expected : BINARY_SIGNATURE) {
                if (b.get() != expected) {
                    throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "COPY file signature not recognized");
                }
            }
            if ((b.getInt() & 0x10000) != 0) {
                throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "invalid COPY file header (WITH OIDS)");
            }
            int extension = b.getInt();
            if (extension < 0 || b.remaining() < extension) {
                return false;
            }
            b.position(b.position() + extension);
            return true;
        }

        private static int incomplete(boolean atEnd, int consumed) {
            if (atEnd) {
                throw new BlueshiftException(ErrorCode.BAD_COPY_FILE_FORMAT, "unexpected EOF in COPY data");
            }
            return consumed;
        }
    }
}
