package io.blueshift.server.pg;

import io.blueshift.sql.Database;
import io.blueshift.sql.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A wire protocol server over a fresh database directory, with a superuser {@code admin} (password
 * {@code secret}) and a plain user {@code alice} (password {@code wonderland}); its log is kept.
 */
final class TestServer implements AutoCloseable {
    final Path directory;
    final Database database;
    final PgServer server;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    TestServer(PgServer.Auth auth) throws IOException {
        this(auth, null);
    }

    TestServer(PgServer.Auth auth, SSLContext tls) throws IOException {
        directory = Files.createTempDirectory("blueshift-server");
        database = Database.open(directory.toString());
        try (Session s = database.newSession()) {
            s.execute("create user admin password 'secret' createuser").close();
            s.execute("create user alice password 'wonderland'").close();
        }
        server = PgServer.start(database, new PgServer.Config("127.0.0.1", 0, "dev", auth, tls, 300),
                new ServerLog(new PrintStream(log, true, StandardCharsets.UTF_8), false));
    }

    int port() {
        return server.port();
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/dev";
    }

    Connection connect() throws SQLException {
        return connect("admin", "secret");
    }

    Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url(), p);
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Off-heap bytes the database's queries hold now, and one per open query allocator (0 once every result is closed). */
    long queryMemory() {
        return database.memoryPool().openQueries().stream().mapToLong(a -> 1 + a.getAllocatedMemory()).sum();
    }

    /** Waits until every connection has ended (a closed client is noticed asynchronously). */
    void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
