package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.sql.Database;
import io.blueshift.sql.Session;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.catalog.Passwords;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each authentication method, TLS, and a server process stopped by SIGTERM. */
class AuthAndTlsTest {
    private static Connection connect(TestServer server, String user, String password, String extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(server.url() + extra, p);
    }

    private static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void md5AuthenticationAsTheRedshiftDriverSpeaksIt() throws Exception {
        try (TestServer server = new TestServer(PgServer.Auth.MD5)) {
            try (Connection c = server.connect()) {
                assertEquals(1, one(c));
                try (Statement s = c.createStatement()) {
                    // a hash given instead of a password, as Redshift's CREATE USER allows
                    s.execute("create user carol password '" + Passwords.md5("pa55", "carol") + "'");
                }
            }
            try (Connection c = connect(server, "carol", "pa55", "")) {
                assertEquals(1, one(c));
            }
            assertEquals("28P01", assertThrows(SQLException.class, () -> connect(server, "carol", "pass", "")).getSQLState());
            assertEquals("28P01", assertThrows(SQLException.class, () -> connect(server, "nobody", "pa55", "")).getSQLState());
        }
    }

    @Test
    void clearTextPasswordAndTrust() throws Exception {
        try (TestServer server = new TestServer(PgServer.Auth.PASSWORD)) {
            assertEquals(1, one(connect(server, "alice", "wonderland", "")));
            assertEquals("28P01", assertThrows(SQLException.class, () -> connect(server, "alice", "x", "")).getSQLState());
        }
        try (TestServer server = new TestServer(PgServer.Auth.TRUST)) {
            assertEquals(1, one(connect(server, "alice", "anything", "")));
            // trust still needs an existing user once the database has users
            assertEquals("28P01", assertThrows(SQLException.class, () -> connect(server, "mallory", "", "")).getSQLState());
        }
    }

    @Test
    void tlsWithAConfiguredCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        try (TestServer server = new TestServer(PgServer.Auth.SCRAM, Tls.fromKeyStore(store, "changeit".toCharArray()))) {
            try (Connection c = connect(server, "admin", "secret", "?sslmode=require")) {
                assertEquals(1, one(c));
            }
            assertTrue(server.log().contains("tls=TLS"), server.log());
            try (Connection c = connect(server, "admin", "secret", "?sslmode=disable")) {
                assertEquals(1, one(c));
            }
        }
        try (TestServer plain = new TestServer(PgServer.Auth.SCRAM)) {
            // a server without a certificate answers N: a client that requires TLS gives up
            assertThrows(SQLException.class, () -> connect(plain, "admin", "secret", "?sslmode=require"));
            assertEquals(1, one(connect(plain, "admin", "secret", "?sslmode=prefer")));
        }
    }

    /**
     * {@code blueshift serve} in its own process: it creates its superuser, serves, and on SIGTERM
     * tells connected clients (57P01), stops and releases the database directory with every
     * committed row in it.
     */
    @Test
    void serveStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("db");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.blueshift.server.Main", "serve", data.toString(), "--port", Integer.toString(port), "--host", "127.0.0.1"));
        File log = dir.resolve("server.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("BLUESHIFT_USER", "root");
        builder.environment().put("BLUESHIFT_PASSWORD", "s3cret");
        Process process = builder.start();
        try {
            Connection c = null;
            for (int i = 0; i < 300 && c == null; i++) {
                try {
                    c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/dev", "root", "s3cret");
                } catch (SQLException e) {
                    Thread.sleep(100);
                }
            }
            assertTrue(c != null, Files.readString(log.toPath()));
            try (Statement s = c.createStatement()) {
                s.execute("create table kept (x int)");
                s.execute("insert into kept values (1), (2), (3)");
            }
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
            Connection closed = c;
            SQLException e = assertThrows(SQLException.class, () -> one(closed));
            assertTrue(e.getSQLState().equals("57P01") || e.getSQLState().startsWith("08"), e.getSQLState());
            String text = Files.readString(log.toPath());
            assertTrue(text.contains("created superuser \"root\"") && text.contains("server stopped"), text);
        } finally {
            process.destroyForcibly();
        }
        try (Database db = Database.open(data.toString()); Session s = db.newSession();
             Result r = s.execute("select count(*) from kept")) {
            assertEquals(3L, ((Number) r.next().get(0, 0)).longValue());
            assertTrue(db.catalog().user("root").superuser());
        }
    }
}
