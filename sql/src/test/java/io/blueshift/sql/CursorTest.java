package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.Batch;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.sql.api.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Named cursors as psycopg2's named cursors drive them: command tags, FETCH n handing back exactly
 * n rows across the query's batches, the end of the block closing cursors, and no memory left
 * behind (the fixture's database close fails on a leak).
 */
class CursorTest extends SessionFixture {
    private String tag(String sql) {
        try (Result r = session.execute(sql)) {
            return r.commandTag();
        }
    }

    /** The first column of every row, and the command tag read after the rows (as the server does). */
    private static List<Object> drain(Result r, List<String> tag) {
        List<Object> out = new ArrayList<>();
        for (Batch b = r.next(); b != null; b = r.next()) {
            for (int i = 0; i < b.liveCount(); i++) {
                out.add(b.get(0, b.selection() == null ? i : b.selection().get(i)));
            }
        }
        tag.add(r.commandTag());
        return out;
    }

    private List<Object> fetch(String sql, List<String> tag) {
        try (Result r = session.execute(sql)) {
            return drain(r, tag);
        }
    }

    @Test
    void fetchReturnsExactlyTheRowsAskedForAcrossBatches() {
        session.execute("create table t as select g as x from generate_series(1, 10000) as g(g)").close();
        assertEquals("BEGIN", tag("begin"));
        assertEquals("DECLARE CURSOR", tag("DECLARE \"c_1\" CURSOR WITHOUT HOLD FOR select x from t where x % 3 <> 0 order by x"));
        List<String> tags = new ArrayList<>();
        long seen = 0;
        long expected = 0;
        while (true) {
            List<Object> rows = fetch("FETCH FORWARD 2000 FROM \"c_1\"", tags);
            for (Object v : rows) {
                do {
                    expected++;
                } while (expected % 3 == 0);
                assertEquals(expected, ((Number) v).longValue());
            }
            assertEquals("FETCH " + rows.size(), tags.getLast());
            seen += rows.size();
            if (rows.isEmpty()) {
                break;
            }
            assertEquals(Math.min(2000, 6667 - (seen - rows.size())), rows.size());
        }
        assertEquals(6667, seen);
        assertEquals("CLOSE CURSOR", tag("CLOSE \"c_1\""));
        assertEquals("COMMIT", tag("commit"));
    }

    @Test
    void aFetchResultKeepsItsRowsAfterTheNextFetch() {
        session.execute("begin").close();
        session.execute("declare c cursor for select g from generate_series(1, 5) as g(g)").close();
        try (Result first = session.execute("fetch 2 from c"); Result second = session.execute("fetch 2 from c")) {
            List<String> tags = new ArrayList<>();
            assertEquals(List.of(3L, 4L), longs(drain(second, tags)));
            assertEquals(List.of(1L, 2L), longs(drain(first, tags)));
            assertEquals(List.of("FETCH 2", "FETCH 2"), tags);
        }
        assertEquals("MOVE 1", tag("move forward all in c"));
        assertEquals("FETCH 0", tag("fetch next from c"));
        session.execute("rollback").close();
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> session.execute("fetch 1 from c"));
        assertEquals("34000", e.code().sqlState());
        assertEquals("cursor \"c\" does not exist", e.getMessage());
    }

    private static List<Long> longs(List<Object> values) {
        List<Long> out = new ArrayList<>();
        for (Object v : values) {
            out.add(((Number) v).longValue());
        }
        return out;
    }

    @Test
    void cursorsOutsideABlockAndOpenAtCloseAreHandled() {
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> session.execute("declare c cursor for select 1"));
        assertEquals("25P01", e.code().sqlState());
        // WITH HOLD works outside a block, and a session closed with open cursors frees them
        assertEquals("DECLARE CURSOR", tag("declare h cursor with hold for select g from generate_series(1, 100000) as g(g)"));
        assertEquals("FETCH 10", tag("fetch 10 from h"));
        session.execute("begin").close();
        session.execute("declare c binary cursor for select g from generate_series(1, 100000) as g(g)").close();
        assertEquals("FETCH 1", tag("fetch c"));
        e = assertThrows(BlueshiftException.class, () -> session.execute("fetch backward 1 from c"));
        assertEquals("55000", e.code().sqlState());
    }

    @Test
    void holdCursorKeepsItsRowsAfterCommitAndRollbackClosesIt() {
        session.execute("create table t (a int)").close();
        session.execute("insert into t values (1), (2), (3)").close();
        session.execute("begin").close();
        session.execute("insert into t values (4)").close();
        session.execute("declare h cursor with hold for select a from t order by a").close();
        session.execute("declare gone cursor with hold for select a from t").close();
        session.execute("close gone").close();
        assertEquals("COMMIT", tag("commit"));
        session.execute("delete from t").close();
        List<String> tags = new ArrayList<>();
        assertEquals(List.of(1L, 2L, 3L, 4L), longs(fetch("fetch all from h", tags)));
        session.execute("begin").close();
        session.execute("declare r cursor with hold for select 1").close();
        session.execute("rollback").close();
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> session.execute("close r"));
        assertEquals("34000", e.code().sqlState());
        assertEquals("CLOSE CURSOR", tag("close all"));
    }
}
