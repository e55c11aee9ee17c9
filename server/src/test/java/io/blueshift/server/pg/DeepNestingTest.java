package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Deep nesting over the wire (issue 13): more than about 390 nested sub-queries or 470 {@code +}
 * terms overflowed the connection thread's stack and the client saw "server closed the connection
 * unexpectedly". Now what PostgreSQL answers is answered, deeper nesting is 54001 with a hint, and
 * the same connection runs the next statement.
 */
class DeepNestingTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(PgServer.Auth.TRUST);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void nestingPostgresAnswersWorks() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            assertEquals("1", one(s, "select " + "(select ".repeat(400) + "1" + ")".repeat(400)));
            assertEquals("500", one(s, "select 1" + "+1".repeat(499)));
            assertEquals("1", one(s, "select " + "(".repeat(5_000) + "1" + ")".repeat(5_000)));
        }
    }

    @Test
    void deeperNestingFailsWith54001AndTheConnectionGoesOn() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "select " + "(select ".repeat(3_000) + "1" + ")".repeat(3_000),
                    "select 1" + "+1".repeat(99_999),
                    "select " + "(".repeat(20_000) + "1" + ")".repeat(20_000))) {
                PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery(sql));
                assertEquals("54001", e.getSQLState(), e.getMessage());
                assertNotNull(e.getServerErrorMessage().getHint());
                assertEquals("1", one(s, "select 1"));
            }
            assertTrue(c.isValid(5));
        }
    }
}
