package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What no driver sends: broken frames, truncated and oversized messages, protocol errors in the
 * middle of a pipeline, clients that vanish or stop reading, and random bytes. Each gets an error
 * or a closed connection as Postgres would give, and the server goes on serving everyone else with
 * no connection, thread or query memory left behind.
 */
class ProtocolRobustnessTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(PgServer.Auth.TRUST);
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.query("create table numbers as select row_number() over () as n, 'row ' || cast(row_number() over () as varchar) as label"
                    + " from (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) a(x), (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) b(x),"
                    + " (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) c(x), (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) d(x),"
                    + " (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) e(x)");
            assertEquals("CZ", RawClient.types(c.readUntilReady()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** After every test: a new client is served, and nothing is left of the ones that went. */
    @AfterEach
    void serverStillServes() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.query("select count(*) from numbers");
            List<RawClient.Msg> msgs = c.readUntilReady();
            assertEquals("TDCZ", RawClient.types(msgs));
            assertEquals("100000", new String(msgs.get(1).body(), 6, 6, StandardCharsets.UTF_8));
        }
        server.awaitNoConnections();
        assertEquals(0, server.server.connectionCount());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.queryMemory() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.queryMemory());
    }

    private static void assertFatal(RawClient c, String sqlState) throws IOException {
        RawClient.Msg m = c.read();
        assertNotNull(m, "an ErrorResponse before the close");
        assertEquals('E', m.type());
        assertEquals("FATAL", m.field('S'));
        assertEquals(sqlState, m.field('C'), m.field('M'));
        assertTrue(c.closedByServer());
    }

    @Test
    void startupPacketOfImpossibleLengthIsRefused() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.sendBytes(new byte[] {0, 0, 0, 3});
            assertFatal(c, "08P01");
        }
        try (RawClient c = new RawClient(server.port())) {
            c.sendBytes(new byte[] {0, 1, 0, 0, 0, 3, 0, 0});
            assertFatal(c, "08P01");
        }
    }

    @Test
    void sslAndGssRequestsAreAnsweredNoWithoutTls() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            RawClient.writeInt(b, 80877104);
            c.rawFrame(b.toByteArray());
            assertEquals('N', c.readByte());
            b.reset();
            RawClient.writeInt(b, 80877103);
            c.rawFrame(b.toByteArray());
            assertEquals('N', c.readByte());
            c.startup("admin", "dev");
            assertEquals('Z', c.readUntilReady().getLast().type());
        }
    }

    @Test
    void unsupportedProtocolVersionIsRefusedAndANewerMinorIsNegotiated() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            RawClient.writeInt(b, 2 << 16);
            b.write(0);
            c.rawFrame(b.toByteArray());
            assertFatal(c, "0A000");
        }
        try (RawClient c = new RawClient(server.port())) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            RawClient.writeInt(b, (3 << 16) | 2);
            RawClient.cstring(b, "user");
            RawClient.cstring(b, "admin");
            RawClient.cstring(b, "database");
            RawClient.cstring(b, "dev");
            RawClient.cstring(b, "_pq_.something");
            RawClient.cstring(b, "1");
            b.write(0);
            c.rawFrame(b.toByteArray());
            List<RawClient.Msg> msgs = c.readUntilReady();
            assertEquals('v', msgs.getFirst().type());
            assertEquals('Z', msgs.getLast().type());
        }
    }

    @Test
    void missingUserAndUnknownDatabaseAreFatal() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            RawClient.writeInt(b, 196608);
            b.write(0);
            c.rawFrame(b.toByteArray());
            assertFatal(c, "28000");
        }
        try (RawClient c = new RawClient(server.port())) {
            c.startup("admin", "elsewhere");
            assertFatal(c, "3D000");
        }
    }

    @Test
    void messageLengthBelowFourOrOversizedEndsTheConnection() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.sendBytes(new byte[] {'Q', 0, 0, 0, 2});
            assertFatal(c, "08P01");
        }
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            // a Sync claiming 100 MB: small message types are limited as in Postgres
            c.sendBytes(new byte[] {'S', 0x06, 0, 0, 0});
            assertFatal(c, "08P01");
        }
    }

    @Test
    void unknownMessageTypeEndsTheConnection() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.send('y', new byte[0]);
            assertFatal(c, "08P01");
        }
    }

    @Test
    void truncatedBindIsAnErrorAndSyncRecovers() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.parse("s1", "select $1::int + 1");
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            RawClient.cstring(b, "");
            RawClient.cstring(b, "s1");
            RawClient.writeShort(b, 0);
            RawClient.writeShort(b, 1);
            RawClient.writeInt(b, 50); // promises 50 bytes, sends 2
            b.write('4');
            b.write('1');
            c.send('B', b.toByteArray());
            c.execute("", 0);
            c.sync();
            List<RawClient.Msg> msgs = c.readUntilReady();
            assertEquals("1EZ", RawClient.types(msgs));
            assertEquals("08P01", msgs.get(1).field('C'));
            c.bind("", "s1", "41");
            c.execute("", 0);
            c.sync();
            msgs = c.readUntilReady();
            assertEquals("2DCZ", RawClient.types(msgs));
        }
    }

    @Test
    void anErrorDiscardsTheRestOfThePipelineUntilSync() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.parse("", "select nosuchcolumn from numbers");
            c.bind("", "");
            c.execute("", 0);
            c.parse("", "select 1");
            c.bind("", "");
            c.execute("", 0);
            c.query("select 2");
            c.sync();
            List<RawClient.Msg> msgs = c.readUntilReady();
            assertEquals("EZ", RawClient.types(msgs));
            assertEquals("42703", msgs.getFirst().field('C'));
            assertEquals('I', (char) msgs.getLast().body()[0]);
            c.parse("", "select 1");
            c.bind("", "");
            c.execute("", 0);
            c.sync();
            assertEquals("12DCZ", RawClient.types(c.readUntilReady()));
        }
    }

    @Test
    void rowLimitSuspendsThePortalInsideATransaction() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.query("begin");
            assertEquals("CZ", RawClient.types(c.readUntilReady()));
            c.parse("q", "select n from numbers where n <= $1 order by n");
            c.bind("cur", "q", "5");
            c.execute("cur", 2);
            c.sync();
            assertEquals("12DDsZ", RawClient.types(c.readUntilReady()));
            c.execute("cur", 2);
            c.sync();
            assertEquals("DDsZ", RawClient.types(c.readUntilReady()));
            c.execute("cur", 2);
            c.sync();
            List<RawClient.Msg> last = c.readUntilReady();
            assertEquals("DCZ", RawClient.types(last));
            assertEquals("SELECT 1", last.get(1).text().trim().replace("\0", ""));
            c.query("commit");
            assertEquals("CZ", RawClient.types(c.readUntilReady()));
        }
    }

    @Test
    void severalStatementsInOneQueryStopAtTheFirstError() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            c.query("select 1; select 1/0; select 3");
            List<RawClient.Msg> msgs = c.readUntilReady();
            assertEquals("TDCEZ", RawClient.types(msgs));
            assertEquals("22012", msgs.get(3).field('C'));
            c.query(";  ");
            assertEquals("IZ", RawClient.types(c.readUntilReady()));
        }
    }

    @Test
    void aClientThatVanishesMidResultLeavesNothingBehind() throws Exception {
        for (int i = 0; i < 5; i++) {
            RawClient c = RawClient.connected(server.port(), "admin");
            c.query("select n, label from numbers");
            assertEquals('T', c.read().type());
            c.socket.setSoLinger(true, 0);
            c.close();
        }
    }

    @Test
    void aSlowReaderDoesNotHoldUpOthers() throws Exception {
        try (RawClient slow = RawClient.connected(server.port(), "admin")) {
            slow.query("select n, label, label || label as l2 from numbers a");
            Thread.sleep(300);
            // while the slow client's server thread is blocked writing, another client is served
            try (RawClient other = RawClient.connected(server.port(), "admin")) {
                other.query("select 42");
                assertEquals("TDCZ", RawClient.types(other.readUntilReady()));
            }
            List<RawClient.Msg> msgs = slow.readUntilReady();
            assertEquals(100_003, msgs.size());
            assertEquals('Z', msgs.getLast().type());
        }
    }

    @Test
    void cancelRequestWithAWrongKeyDoesNothing() throws Exception {
        try (RawClient c = RawClient.connected(server.port(), "admin")) {
            try (RawClient cancel = new RawClient(server.port())) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                RawClient.writeInt(b, 80877102);
                RawClient.writeInt(b, 1);
                RawClient.writeInt(b, 2);
                cancel.rawFrame(b.toByteArray());
                assertTrue(cancel.closedByServer());
            }
            c.query("select count(*) from numbers");
            assertEquals("TDCZ", RawClient.types(c.readUntilReady()));
        }
    }

    /**
     * Random messages after a good startup: valid types with random bodies and random bytes. The
     * server must answer each with messages, an error or a closed connection, never hang or die.
     */
    @Test
    void fuzzedMessagesNeverBreakTheServer() throws Exception {
        SplittableRandom random = new SplittableRandom(20261126);
        char[] types = {'Q', 'P', 'B', 'D', 'E', 'C', 'S', 'H', 'd', 'c', 'f', 'F'};
        for (int round = 0; round < 200; round++) {
            try (RawClient c = RawClient.connected(server.port(), "admin")) {
                c.socket.setSoTimeout(10_000);
                int messages = 1 + random.nextInt(6);
                boolean rawBytes = false;
                for (int i = 0; i < messages; i++) {
                    byte[] body = new byte[random.nextInt(40)];
                    random.nextBytes(body);
                    if (random.nextInt(4) == 0 && body.length > 4) {
                        // plausible counts and lengths in front, garbage behind
                        body[0] = 0;
                        body[1] = (byte) random.nextInt(3);
                    }
                    if (random.nextInt(10) == 0) {
                        // a broken frame may promise more bytes than ever come: the client just goes
                        c.sendBytes(body);
                        rawBytes = true;
                        break;
                    } else {
                        c.send(types[random.nextInt(types.length)], body);
                    }
                }
                if (rawBytes) {
                    continue;
                }
                c.sync();
                // whatever came back ends with ReadyForQuery or the end of the connection
                List<RawClient.Msg> msgs = c.readUntilReady();
                assertFalse(msgs.stream().anyMatch(m -> "XX000".equals(m.type() == 'E' ? m.field('C') : null)),
                        () -> "internal error on round " + msgs);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server stopped answering in round " + round, e);
            }
        }
    }
}
