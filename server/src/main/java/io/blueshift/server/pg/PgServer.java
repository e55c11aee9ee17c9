package io.blueshift.server.pg;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.Database;
import io.blueshift.sql.catalog.Backends;
import io.blueshift.sql.catalog.PgSettings;
import io.blueshift.sql.catalog.Principal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A Postgres wire protocol (v3) server over one {@link Database}: a thread accepts connections
 * and each connection runs on its own platform thread ({@link PgConnection}), so a client that
 * blocks (a slow reader, a long query) holds nothing but its own session. Not a virtual thread:
 * a statement computes without blocking, and a virtual thread that never blocks keeps its carrier;
 * with one carrier per core, two runaway cross joins on a 2-core machine left no carrier for any
 * other connection, a CancelRequest included, until one of them blocked. {@link #close} stops
 * accepting, tells every client the server is shutting down (57P01) and waits for them to go.
 */
public final class PgServer implements AutoCloseable {
    /** How clients must prove who they are. */
    public enum Auth { TRUST, PASSWORD, MD5, SCRAM }

    /**
     * @param host          address to listen on (null: every interface)
     * @param port          TCP port; 0 picks a free one
     * @param databaseName  the name clients connect to (the one database this server serves)
     * @param auth          authentication method for every connection
     * @param tls           TLS context for clients that ask for SSL (null: SSL refused, as {@code N})
     * @param maxConnections connections beyond this are refused with 53300
     */
    public record Config(String host, int port, String databaseName, Auth auth, SSLContext tls, int maxConnections) {
    }

    /**
     * The Postgres version clients are told (ParameterStatus server_version, version()). psql, pgJDBC
     * and SQLAlchemy choose their catalog queries by it, and the pg_catalog relations carry that
     * release's columns.
     */
    public static final String SERVER_VERSION = PgSettings.SERVER_VERSION;

    private final Database database;
    private final Config config;
    private final ServerSocket socket;
    private final Thread acceptor;
    private final Map<Integer, PgConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger nextPid = new AtomicInteger(1000 + new SecureRandom().nextInt(30_000));
    private final ServerLog log;
    private volatile boolean closing;

    private PgServer(Database database, Config config, ServerLog log) throws IOException {
        this.database = database;
        this.config = config;
        this.log = log;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(config.host() == null ? new InetSocketAddress(config.port())
                : new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 512);
        this.acceptor = Thread.ofPlatform().name("pg-accept").daemon(false).unstarted(this::acceptLoop);
    }

    /** Binds the port and starts accepting connections. */
    public static PgServer start(Database database, Config config, ServerLog log) throws IOException {
        PgServer server = new PgServer(database, config, log);
        database.setBackends(new Backends() {
            @Override
            public boolean cancel(int pid, Principal who) {
                PgConnection c = server.permitted(pid, who);
                if (c != null) {
                    c.cancelStatement();
                }
                return c != null;
            }

            @Override
            public boolean terminate(int pid, Principal who) {
                PgConnection c = server.permitted(pid, who);
                if (c != null) {
                    c.terminate();
                }
                return c != null;
            }

            @Override
            public List<Activity> activity(Principal who) {
                List<Activity> out = new ArrayList<>();
                for (PgConnection c : server.connections.values()) {
                    out.add(c.activity(who.maySignal(database.catalog(), c.user())));
                }
                out.sort(Comparator.comparingInt(Activity::pid));
                return out;
            }
        });
        server.acceptor.start();
        log.info("listening on " + server.socket.getLocalSocketAddress() + ", database \"" + config.databaseName()
                + "\", authentication " + config.auth().name().toLowerCase(Locale.ROOT)
                + (config.tls() != null ? ", TLS available" : ""));
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    Database database() {
        return database;
    }

    Config config() {
        return config;
    }

    ServerLog log() {
        return log;
    }

    /** The number of open client connections. */
    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket client;
            try {
                client = socket.accept();
            } catch (SocketException e) {
                if (closing) {
                    return;
                }
                log.warning("accept failed: " + e.getMessage());
                continue;
            } catch (IOException e) {
                log.warning("accept failed: " + e.getMessage());
                continue;
            }
            PgConnection connection = new PgConnection(this, client, nextPid.getAndIncrement());
            Thread.ofPlatform().name("pg-conn-" + connection.pid()).daemon(true).start(connection);
        }
    }

    /** Registers an authenticated connection; false when the server is full or closing. */
    boolean register(PgConnection connection) {
        synchronized (connections) {
            if (closing || connections.size() >= config.maxConnections()) {
                return false;
            }
            connections.put(connection.pid(), connection);
            return true;
        }
    }

    void unregister(PgConnection connection) {
        connections.remove(connection.pid());
    }

    /** A CancelRequest: cancels the connection's running statement when the secret key matches. */
    void cancel(int pid, int secret) {
        PgConnection c = connections.get(pid);
        if (c != null && c.secret() == secret) {
            c.cancelStatement();
        }
    }

    /**
     * The connection {@code who} may cancel or end, as in Postgres: a superuser any, others their
     * own; null when there is no such connection; 42501 when it is someone else's.
     */
    private PgConnection permitted(int pid, Principal who) {
        PgConnection c = connections.get(pid);
        if (c == null) {
            return null;
        }
        if (!who.maySignal(database.catalog(), c.user())) {
            throw new BlueshiftException(ErrorCode.INSUFFICIENT_PRIVILEGE,
                    "must be a superuser to terminate or cancel other users' connections");
        }
        return c;
    }

    boolean closing() {
        return closing;
    }

    /** Stops accepting, ends every connection with 57P01 and waits up to ten seconds for them. */
    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            log.warning("closing the listening socket: " + e.getMessage());
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (connections) {
            connections.values().forEach(PgConnection::shutdown);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("server stopped");
    }
}
