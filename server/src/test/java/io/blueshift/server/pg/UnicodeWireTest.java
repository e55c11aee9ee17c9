package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/**
 * Text over the wire as a Postgres UTF8 database takes it: any script round-trips through
 * literals, names and parameters; query text, names, bind parameters (text and binary) and COPY
 * data holding NUL or bytes that are not UTF-8 are 22021 with Postgres' message, and nothing of
 * them is stored; error positions count characters, not bytes.
 */
class UnicodeWireTest {
    private static final String INVALID_FF = "invalid byte sequence for encoding \"UTF8\": 0xff";
    private static final String INVALID_NUL = "invalid byte sequence for encoding \"UTF8\": 0x00";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(PgServer.Auth.TRUST);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table words (id int, w text)");
            s.execute("insert into words values (1, '日本語'), (2, 'Ωμέγα'), (3, '😀')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** After every test: nothing was stored by a refused statement, and the server still serves. */
    @AfterEach
    void controlTableUnchanged() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), string_agg(w, ',' order by id) from words")) {
            r.next();
            assertEquals(3, r.getInt(1));
            assertEquals("日本語,Ωμέγα,😀", r.getString(2));
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The only ErrorResponse of {@code msgs}, which end in ReadyForQuery. */
    private static RawClient.Msg error(List<RawClient.Msg> msgs) {
        assertEquals('Z', msgs.getLast().type(), RawClient.types(msgs));
        for (RawClient.Msg m : msgs) {
            if (m.type() == 'E') {
                return m;
            }
        }
        throw new AssertionError("no error in " + RawClient.types(msgs));
    }

    /** A simple Query of raw bytes (the server must not assume they are UTF-8). */
    private static void rawQuery(RawClient c, byte[] sql) throws IOException {
        c.send('Q', concat(sql, new byte[] {0}));
    }

    /** Bind of one parameter given as raw bytes, in text (0) or binary (1) format, declared as {@code oid}. */
    private static void bindRaw(RawClient c, int oid, int format, byte[] value) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        RawClient.cstring(p, "");
        RawClient.cstring(p, "insert into words values (4, $1)");
        RawClient.writeShort(p, 1);
        RawClient.writeInt(p, oid);
        c.send('P', p.toByteArray());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        RawClient.cstring(b, "");
        RawClient.cstring(b, "");
        RawClient.writeShort(b, 1);
        RawClient.writeShort(b, format);
        RawClient.writeShort(b, 1);
        RawClient.writeInt(b, value.length);
        b.writeBytes(value);
        RawClient.writeShort(b, 0);
        c.send('B', b.toByteArray());
        c.execute("", 0);
        c.sync();
    }

    @Test
    void textOfEveryScriptRoundTripsThroughLiteralsNamesAndParameters() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select '日本語' as \"名前\", 'Ωμέγα', '😀', length('😀')")) {
                r.next();
                assertEquals("名前", r.getMetaData().getColumnLabel(1));
                assertEquals("日本語", r.getString(1));
                assertEquals("Ωμέγα", r.getString(2));
                assertEquals("😀", r.getString(3));
                assertEquals(1, r.getInt(4));
            }
            try (PreparedStatement p = c.prepareStatement("select id from words where w = ? or w = '😀' order by id")) {
                p.setString(1, "日本語");
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    assertEquals(1, r.getInt(1));
                    r.next();
                    assertEquals(3, r.getInt(1));
                }
            }
        }
    }

    @Test
    void queryTextThatIsNotUtf8Is22021AndTheSessionGoesOn() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            rawQuery(c, concat(utf8("insert into words values (4, 'a"), new byte[] {(byte) 0xFF}, utf8("')")));
            RawClient.Msg e = error(c.readUntilReady());
            assertEquals("22021", e.field('C'));
            assertEquals(INVALID_FF, e.field('M'));
            // a quoted name and a truncated sequence
            rawQuery(c, concat(utf8("select 1 as \""), new byte[] {(byte) 0xE6, (byte) 0x97}, utf8("\"")));
            e = error(c.readUntilReady());
            assertEquals("22021", e.field('C'));
            assertEquals("invalid byte sequence for encoding \"UTF8\": 0xe6 0x97 0x22", e.field('M'));
            c.query("select 'ok'");
            assertEquals("TDCZ", RawClient.types(c.readUntilReady()));
        }
    }

    @Test
    void bindParametersWithNulOrInvalidBytesAre22021InTextAndBinary() throws Exception {
        int text = 25;
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            bindRaw(c, text, 0, new byte[] {'a', 0, 'b'});
            RawClient.Msg e = error(c.readUntilReady());
            assertEquals("22021", e.field('C'));
            assertEquals(INVALID_NUL, e.field('M'));
            bindRaw(c, text, 1, new byte[] {'a', 0, 'b'});
            assertEquals(INVALID_NUL, error(c.readUntilReady()).field('M'));
            bindRaw(c, text, 0, new byte[] {'a', (byte) 0xFF});
            assertEquals(INVALID_FF, error(c.readUntilReady()).field('M'));
            bindRaw(c, 1043, 1, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // varchar: an encoded surrogate
            assertEquals("22021", error(c.readUntilReady()).field('C'));
            c.query("select 'ok'");
            assertEquals("TDCZ", RawClient.types(c.readUntilReady()));
        }
    }

    @Test
    void errorPositionsCountCharactersNotBytes() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            // Postgres: position 17, the comma, after three three-byte characters and a four-byte one
            c.query("select '日本語😀' < , 1");
            RawClient.Msg e = error(c.readUntilReady());
            assertEquals("42601", e.field('C'));
            assertEquals("17", e.field('P'));
            // the second statement of a query: counted from the start of the whole text
            c.query("select '😀'; select nope from words");
            e = error(c.readUntilReady());
            assertEquals("42703", e.field('C'));
            assertEquals("20", e.field('P'));
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select 'Ωμέγα😀', nope from words"));
            assertEquals("42703", e.getSQLState());
            assertEquals(18, ((PSQLException) e).getServerErrorMessage().getPosition());
        }
    }

    @Test
    void copyFromStdinRefusesNulAndInvalidBytesNamingTheLine() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table copied (id int, w varchar(10))");
            CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
            SQLException e = assertThrows(SQLException.class, () -> copy.copyIn("COPY copied FROM STDIN",
                    new ByteArrayInputStream(utf8("1\tok\n2\ta\\000b\n"))));
            assertEquals("22021", e.getSQLState());
            assertEquals(true, e.getMessage().contains(INVALID_NUL + " (COPY copied, line 2, column w)"), e.getMessage());
            e = assertThrows(SQLException.class, () -> copy.copyIn("COPY copied FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(concat(utf8("1,ok\n2,\"a"), new byte[] {(byte) 0xE6, (byte) 0x97}, utf8("\"\n")))));
            assertEquals("22021", e.getSQLState());
            assertEquals(true, e.getMessage().contains("0xe6 0x97 (COPY copied, line 2, column w)"), e.getMessage());
            try (ResultSet r = s.executeQuery("select count(*) from copied")) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
            // Redshift's ACCEPTINVCHARS: every bad byte becomes the replacement, the valid text stays
            assertEquals(2, copy.copyIn("COPY copied FROM STDIN ACCEPTINVCHARS AS '^'", new ByteArrayInputStream(
                    concat(utf8("1\tΩ"), new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("x\n2\t日"), new byte[] {(byte) 0xE6, (byte) 0x97}, utf8("\n")))));
            try (ResultSet r = s.executeQuery("select w, length(w) from copied order by id")) {
                r.next();
                assertEquals("Ω^^x", r.getString(1));
                assertEquals(4, r.getInt(2));
                r.next();
                assertEquals("日^^", r.getString(1));
            }
            s.execute("drop table copied");
        }
    }
}
