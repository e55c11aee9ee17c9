package io.blueshift.sql;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.Selection;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.api.StatusResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session's named cursors: {@code DECLARE name CURSOR [WITH[OUT] HOLD] FOR query},
 * {@code FETCH}, {@code MOVE} and {@code CLOSE}, as Postgres has them for forward-only cursors
 * (what psycopg2's named cursors and Redshift clients use).
 *
 * <p>A cursor streams its query's batches and keeps its place inside the current one. FETCH
 * copies exactly the rows it asks for into a result of its own, so that a result read after the
 * next FETCH still holds its rows, as in Postgres. A cursor without HOLD lives until CLOSE or the
 * end of its transaction block (which it needs: 25P01 outside one). A WITH HOLD cursor declared
 * in a block keeps its remaining rows when the block commits (they are copied before the
 * snapshot goes) and is closed by a rollback; one declared outside a block streams from the
 * version it started on.
 */
final class Cursors {
    private static final Pattern DECLARE = Pattern.compile(
            "(?is)declare\\s+(\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)\\s+((?:(?:binary|insensitive|asensitive|no\\s+scroll|scroll)\\s+)*)"
                    + "cursor\\s+(?:(with|without)\\s+hold\\s+)?for\\s+(.+)");
    private static final Pattern WORD = Pattern.compile("\"(?:[^\"]|\"\")*\"|[^\\s\"]+");

    private final Session session;
    private final Map<String, Cursor> open = new LinkedHashMap<>();

    Cursors(Session session) {
        this.session = session;
    }

    /** One open cursor: its query's rows and the place reached in its current batch. */
    private static final class Cursor {
        final String name;
        final boolean hold;
        /** Declared in the open transaction block (a rollback closes it, a commit keeps it if WITH HOLD). */
        boolean inBlock;
        Result source;
        List<ResultColumn> columns;
        Batch current;
        /** Live rows of {@link #current} already returned. */
        int taken;
        boolean exhausted;

        Cursor(String name, boolean hold, boolean inBlock) {
            this.name = name;
            this.hold = hold;
            this.inBlock = inBlock;
        }

        /** The current batch with rows left to take, or null at the end. */
        Batch batch() {
            while (!exhausted && (current == null || taken >= current.liveCount())) {
                current = source.next();
                taken = 0;
                if (current == null) {
                    exhausted = true;
                }
            }
            return exhausted ? null : current;
        }

        void close() {
            current = null;
            exhausted = true;
            source.close();
        }
    }

    Result declare(String text, List<Object> parameters) {
        Matcher m = DECLARE.matcher(text);
        if (!m.matches()) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "syntax error in DECLARE: DECLARE name [BINARY] [NO SCROLL] CURSOR [WITH[OUT] HOLD] FOR query");
        }
        String name = identifier(m.group(1));
        String options = m.group(2).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (options.replace("no scroll", "").contains("scroll")) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "SCROLL cursors (cursors move forward only)");
        }
        boolean hold = m.group(3) != null && m.group(3).equalsIgnoreCase("with");
        if (!hold && !session.inTransaction()) {
            throw new BlueshiftException(ErrorCode.NO_ACTIVE_SQL_TRANSACTION, "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (open.containsKey(name)) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_CURSOR, name);
        }
        Cursor c = new Cursor(name, hold, session.inTransaction());
        c.source = session.cursorQuery(m.group(4), parameters);
        c.columns = c.source.columns();
        open.put(name, c);
        return new StatusResult("DECLARE CURSOR", -1);
    }

    /**
     * {@code FETCH [direction] [FROM | IN] name} and {@code MOVE ...}: direction NEXT, FORWARD,
     * FORWARD n, FORWARD ALL, n, ALL, ABSOLUTE n or RELATIVE n going forward, FIRST before any row
     * was read. Other directions need a scrollable cursor: 55000.
     */
    Result fetch(String text, boolean move) {
        List<String> words = new ArrayList<>();
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            words.add(w.group());
        }
        if (words.size() < 2) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "syntax error at end of input");
        }
        String name = identifier(words.getLast());
        List<String> direction = new ArrayList<>();
        for (String word : words.subList(1, words.size() - 1)) {
            direction.add(word.toLowerCase(Locale.ROOT));
        }
        if (!direction.isEmpty() && (direction.getLast().equals("from") || direction.getLast().equals("in"))) {
            direction.removeLast();
        }
        Cursor c = open.get(name);
        if (c == null) {
            throw new BlueshiftException(ErrorCode.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        long skip = 0;
        long count;
        String d = String.join(" ", direction);
        if (d.isEmpty() || d.equals("next") || d.equals("forward")) {
            count = 1;
        } else if (d.equals("all") || d.equals("forward all")) {
            count = Long.MAX_VALUE;
        } else if (d.matches("(forward )?\\+?\\d+")) {
            count = Long.parseLong(d.substring(d.lastIndexOf(' ') + 1).replace("+", ""));
            if (count == 0) {
                throw backward(c);
            }
        } else if (d.matches("relative \\+?\\d+") && !d.endsWith(" 0") && !d.endsWith("+0")) {
            skip = Long.parseLong(d.substring(9).replace("+", "")) - 1;
            count = 1;
        } else {
            throw backward(c);
        }
        session.cursorRunning(c.source);
        try {
            if (move) {
                long moved = skip(c, skip == 0 ? count : skip + count);
                return new StatusResult("MOVE " + moved, -1);
            }
            skip(c, skip);
            return rows(c, count);
        } finally {
            session.cursorRunning(null);
        }
    }

    private static BlueshiftException backward(Cursor c) {
        return new BlueshiftException(ErrorCode.OBJECT_NOT_IN_PREREQUISITE_STATE,
                "cursor can only scan forward (Blueshift's cursor \"" + c.name + "\" is NO SCROLL)");
    }

    /** Passes over up to {@code n} rows; how many there were. */
    private static long skip(Cursor c, long n) {
        long done = 0;
        Batch b;
        while (done < n && (b = c.batch()) != null) {
            int k = (int) Math.min(n - done, b.liveCount() - c.taken);
            c.taken += k;
            done += k;
        }
        return done;
    }

    /** Copies up to {@code n} rows into a result of their own, tagged {@code FETCH k}. */
    private Result rows(Cursor c, long n) {
        QueryMemory memory = session.database().memoryPool().newQuery("fetch " + c.name, session.queryMemoryLimit());
        List<Batch> out = new ArrayList<>();
        long done = 0;
        try {
            Batch b;
            while (done < n && (b = c.batch()) != null) {
                int k = (int) Math.min(n - done, b.liveCount() - c.taken);
                int[] positions = new int[k];
                Selection sel = b.selection();
                for (int i = 0; i < k; i++) {
                    positions[i] = sel == null ? c.taken + i : sel.get(c.taken + i);
                }
                out.add(Batches.gather(b, positions, k, memory));
                c.taken += k;
                done += k;
            }
        } catch (RuntimeException e) {
            for (Batch b : out) {
                b.close();
            }
            memory.close();
            throw e;
        }
        return new FetchResult(c.columns, out, memory, done);
    }

    Result close(String text) {
        String rest = text.substring(5).strip();
        if (rest.equalsIgnoreCase("all")) {
            closeAll();
            return new StatusResult("CLOSE CURSOR", -1);
        }
        String name = identifier(rest);
        Cursor c = open.remove(name);
        if (c == null) {
            throw new BlueshiftException(ErrorCode.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        c.close();
        return new StatusResult("CLOSE CURSOR", -1);
    }

    /** Before a block commits: its WITH HOLD cursors copy their remaining rows out of its snapshot. */
    void hold() {
        for (Cursor c : open.values()) {
            if (c.hold && c.inBlock) {
                QueryMemory memory = session.database().memoryPool().newQuery("cursor " + c.name, session.queryMemoryLimit());
                List<Batch> rest = new ArrayList<>();
                try {
                    Batch b;
                    while ((b = c.batch()) != null) {
                        int k = b.liveCount() - c.taken;
                        int[] positions = new int[k];
                        Selection sel = b.selection();
                        for (int i = 0; i < k; i++) {
                            positions[i] = sel == null ? c.taken + i : sel.get(c.taken + i);
                        }
                        rest.add(Batches.gather(b, positions, k, memory));
                        c.taken += k;
                    }
                } catch (RuntimeException e) {
                    for (Batch b : rest) {
                        b.close();
                    }
                    memory.close();
                    throw e;
                }
                c.close();
                c.source = new FetchResult(c.columns, rest, memory, 0);
                c.exhausted = false;
                c.current = null;
                c.taken = 0;
            }
        }
    }

    /**
     * The block ended. Cursors without HOLD close; WITH HOLD ones declared in it close on a rollback
     * and stay after a commit ({@link #hold} ran).
     */
    void endBlock(boolean committed) {
        RuntimeException failure = null;
        for (var it = open.values().iterator(); it.hasNext(); ) {
            Cursor c = it.next();
            if (!c.hold || c.inBlock && !committed) {
                it.remove();
                try {
                    c.close();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            } else {
                c.inBlock = false;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void closeAll() {
        RuntimeException failure = null;
        for (Cursor c : open.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** A cursor name: unquoted names fold to lower case, quoted ones are taken as written. */
    private static String identifier(String word) {
        String w = word.strip();
        if (w.length() > 1 && w.startsWith("\"") && w.endsWith("\"")) {
            return w.substring(1, w.length() - 1).replace("\"\"", "\"");
        }
        return w.toLowerCase(Locale.ROOT);
    }

    /** Rows copied out of a cursor (a FETCH's result, or a held cursor's remaining rows). */
    private static final class FetchResult implements Result {
        private final List<ResultColumn> columns;
        private final List<Batch> batches;
        private final QueryMemory memory;
        private final long rows;
        private int next;
        private Batch current;
        private boolean closed;

        FetchResult(List<ResultColumn> columns, List<Batch> batches, QueryMemory memory, long rows) {
            this.columns = columns;
            this.batches = batches;
            this.memory = memory;
            this.rows = rows;
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public boolean isQuery() {
            return true;
        }

        @Override
        public Batch next() {
            if (current != null) {
                current.close();
                current = null;
            }
            if (closed || next >= batches.size()) {
                return null;
            }
            current = batches.get(next);
            batches.set(next++, null);
            return current;
        }

        @Override
        public String commandTag() {
            return "FETCH " + rows;
        }

        @Override
        public long updateCount() {
            return -1;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (current != null) {
                current.close();
                current = null;
            }
            for (Batch b : batches) {
                if (b != null) {
                    b.close();
                }
            }
            memory.close();
        }
    }
}
