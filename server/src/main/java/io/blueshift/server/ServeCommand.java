package io.blueshift.server;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.server.pg.PgServer;
import io.blueshift.server.pg.ServerLog;
import io.blueshift.server.pg.Tls;
import io.blueshift.sql.Database;
import io.blueshift.sql.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * {@code blueshift serve [DIRECTORY] [options]}: serves a database directory over the Postgres
 * protocol until SIGTERM or Ctrl-C, then lets clients know (57P01) and closes the database.
 */
final class ServeCommand {
    static final String USAGE = """
            usage: blueshift serve [DIRECTORY] [options]
              DIRECTORY                the database directory (default ./blueshift-data)
              --port N                 TCP port (default 5439, Redshift's)
              --host ADDRESS           address to listen on (default: all)
              --database NAME          the database name clients connect to (default dev)
              --user NAME --password SECRET
                                       create this superuser when the database has no such user
                                       (or BLUESHIFT_USER and BLUESHIFT_PASSWORD)
              --auth METHOD            scram-sha-256 (default), md5, password or trust
              --ssl-cert FILE --ssl-key FILE
                                       PEM certificate and PKCS#8 key: clients may use TLS (sslmode=require)
              --ssl-keystore FILE      a PKCS#12 key store instead (password in BLUESHIFT_KEYSTORE_PASSWORD)
              --max-connections N      default 500
              --buffer-pool-size SIZE  memory for the columns read from disk, such as 8GB (default:
                                       three quarters of the machine's memory)
              --memory-limit SIZE      memory all queries may hold together, such as 16GB (default: half
                                       the machine's memory; a query's own limit is half of it)
            """;

    private ServeCommand() {
    }

    static int run(String[] args, Map<String, String> env) throws Exception {
        String directory = "blueshift-data";
        int port = 5439;
        String host = null;
        String databaseName = "dev";
        String user = env.get("BLUESHIFT_USER");
        String password = env.get("BLUESHIFT_PASSWORD");
        PgServer.Auth auth = PgServer.Auth.SCRAM;
        String cert = null;
        String key = null;
        String keystore = null;
        int maxConnections = 500;
        Map<String, String> startup = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (a.startsWith("--") && value == null && !a.equals("--help")) {
                System.err.println("blueshift serve: " + a + " needs a value\n" + USAGE);
                return 2;
            }
            switch (a) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--database" -> databaseName = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--auth" -> {
                    auth = switch (args[++i].toLowerCase(Locale.ROOT)) {
                        case "scram-sha-256", "scram" -> PgServer.Auth.SCRAM;
                        case "md5" -> PgServer.Auth.MD5;
                        case "password" -> PgServer.Auth.PASSWORD;
                        case "trust" -> PgServer.Auth.TRUST;
                        default -> throw new IllegalArgumentException("unknown authentication method " + args[i]);
                    };
                }
                case "--ssl-cert" -> cert = args[++i];
                case "--ssl-key" -> key = args[++i];
                case "--ssl-keystore" -> keystore = args[++i];
                case "--max-connections" -> maxConnections = Integer.parseInt(args[++i]);
                case "--buffer-pool-size" -> startup.put(Database.BUFFER_POOL_SIZE, args[++i]);
                case "--memory-limit" -> startup.put(Database.MEMORY_LIMIT, args[++i]);
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-")) {
                        System.err.println("blueshift serve: unknown option " + a + "\n" + USAGE);
                        return 2;
                    }
                    directory = a;
                }
            }
        }
        SSLContext tls = null;
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                System.err.println("blueshift serve: --ssl-cert and --ssl-key go together");
                return 2;
            }
            tls = Tls.fromPem(Path.of(cert), Path.of(key));
        } else if (keystore != null) {
            String ksPassword = env.getOrDefault("BLUESHIFT_KEYSTORE_PASSWORD", "");
            tls = Tls.fromKeyStore(Path.of(keystore), ksPassword.toCharArray());
        }
        ServerLog log = new ServerLog(System.err, false);
        Database database;
        try {
            database = Database.open(directory, startup);
        } catch (BlueshiftException e) {
            System.err.println("blueshift serve: " + e.getMessage() + " (SQLSTATE " + e.sqlState() + ")");
            return 1;
        }
        try {
            if (user != null) {
                if (database.catalog().user(user) == null) {
                    if (password == null || password.isEmpty()) {
                        System.err.println("blueshift serve: --user " + user + " needs --password (or BLUESHIFT_PASSWORD)");
                        database.close();
                        return 2;
                    }
                    try (Session s = database.newSession()) {
                        s.execute("create user \"" + user.replace("\"", "\"\"") + "\" password '"
                                + password.replace("'", "''") + "' createuser").close();
                    }
                    log.info("created superuser \"" + user + "\"");
                }
            } else if (database.catalog().users().isEmpty() && auth != PgServer.Auth.TRUST) {
                System.err.println("blueshift serve: the database has no users yet; start it once with"
                        + " --user NAME --password SECRET (or BLUESHIFT_USER and BLUESHIFT_PASSWORD) to create its superuser");
                database.close();
                return 2;
            }
            PgServer server = PgServer.start(database,
                    new PgServer.Config(host, port, databaseName, auth, tls, maxConnections), log);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("received shutdown request");
                server.close();
                database.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return 0;
        } catch (IOException e) {
            System.err.println("blueshift serve: cannot listen on port " + port + ": " + e.getMessage());
            database.close();
            return 1;
        }
    }
}
