package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.columnar.Batch;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.sql.api.Result;
import org.junit.jupiter.api.Test;

/** Unqualified names resolve in, and new tables go to, the first existing schema of search_path. */
class SearchPathTest extends SessionFixture {
    private void run(String sql) {
        session.execute(sql).close();
    }

    private Object single(String sql) {
        try (Result r = session.execute(sql)) {
            Batch b = r.next();
            return b.get(0, 0);
        }
    }

    @Test
    void unqualifiedNamesFollowTheSearchPath() {
        run("create schema s2");
        run("create table t (a int)");
        run("insert into t values (1)");
        run("set search_path = missing, s2");
        assertEquals("s2", session.currentSchema());
        run("create table t (a int)");
        run("insert into t values (2)");
        assertEquals(2, single("select a from t"));
        assertEquals(1, single("select a from public.t"));
        assertEquals(2, single("select a from s2.t"));
        run("drop table t");
        assertThrows(BlueshiftException.class, () -> session.execute("select a from t"));
        run("set search_path to public");
        assertEquals(1, single("select a from t"));
    }

    @Test
    void aPathWithNoExistingSchemaFallsBackToPublic() {
        run("set search_path = nowhere");
        assertEquals("public", session.currentSchema());
    }
}
