package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.plan.SqlFrontEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what, decided by the principal the statement runs as and the catalog at the moment
 * of the check: the owner (an embedded session) and superusers may read server files and manage
 * users; a user the catalog does not know, or a statement planned outside any session, may not.
 */
class PrivilegeTest extends SessionFixture {
    @TempDir
    Path dir;
    private String csv;

    @BeforeEach
    void usersAndAFile() throws IOException {
        session.execute("create user alice password 'Wonderland1'").close();
        session.execute("create user bob password 'Builder1' createuser").close();
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "a\n1\n", StandardCharsets.UTF_8);
        csv = "select count(*) from read_csv('" + file + "', header => true)";
    }

    private long count(Session s, String sql) {
        try (Result r = s.execute(sql)) {
            return ((Number) r.next().get(0, 0)).longValue();
        }
    }

    private String denied(Session s, String sql) {
        return assertThrows(BlueshiftException.class, () -> s.execute(sql).close()).sqlState();
    }

    @Test
    void theOwnerAndSuperusersReadServerFiles() {
        assertEquals(1, count(session, csv));
        try (Session bob = db.newSession()) {
            bob.setUser("bob");
            assertEquals(1, count(bob, csv));
        }
    }

    @Test
    void plainUsersAndUnknownUsersDoNot() {
        try (Session alice = db.newSession(); Session ghost = db.newSession()) {
            alice.setUser("alice");
            assertEquals("42501", denied(alice, csv));
            ghost.setUser("ghost");
            assertEquals("42501", denied(ghost, csv));
            assertEquals("42501", denied(ghost, "drop user alice"));
            assertEquals("42501", denied(ghost, "copy t from '/nonexistent/file.csv'"));
        }
    }

    @Test
    void aRevokedOrDroppedSuperuserIsDeniedAtOnce() {
        try (Session bob = db.newSession()) {
            bob.setUser("bob");
            assertEquals(1, count(bob, csv));
            session.execute("alter user bob nocreateuser").close();
            assertEquals("42501", denied(bob, csv));
            session.execute("alter user bob createuser").close();
            assertEquals(1, count(bob, csv));
            session.execute("drop user bob").close();
            assertEquals("42501", denied(bob, csv));
        }
    }

    @Test
    void aPlanMadeOutsideAnySessionMayNotReadFiles() {
        SqlFrontEnd outside = new SqlFrontEnd(db.catalog());
        assertEquals("42501", assertThrows(BlueshiftException.class, () -> outside.plan(csv)).sqlState());
    }
}
