package io.blueshift.jdbc.slt;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests: a throw-away cluster in a temporary folder, started on a
 * free port and removed on {@link #close()}. It uses the installed server binaries ({@code initdb},
 * {@code pg_ctl}), found in {@code $BLUESHIFT_PG_BIN}, the newest {@code /usr/lib/postgresql/N/bin}
 * (Debian's {@code postgresql} package) or the {@code PATH}.
 *
 * <p>Postgres refuses to run as root, so under root the cluster belongs to the {@code postgres}
 * system user (created by that package) and every server command runs through
 * {@code runuser -u postgres --}. {@link #unavailableReason()} says why a server cannot be had, so
 * tests can skip with that message instead of failing on a machine without Postgres.
 */
public final class PostgresReference implements AutoCloseable {
    private static final String SERVER_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path binaries;
    private final boolean asServerUser;
    private final Path dataDir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::stopQuietly, "postgres-reference-stop");
    private boolean stopped;

    private PostgresReference(Path binaries, boolean asServerUser, Path dataDir, int port) {
        this.binaries = binaries;
        this.asServerUser = asServerUser;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Why no server can be started here, or empty when {@link #start()} should work. */
    public static Optional<String> unavailableReason() {
        if (binaries().isEmpty()) {
            return Optional.of("no PostgreSQL server binaries (initdb, pg_ctl): install the 'postgresql' package "
                    + "or set BLUESHIFT_PG_BIN to their folder");
        }
        if (isRoot()) {
            if (exitCode("id", "-u", SERVER_USER) != 0) {
                return Optional.of("running as root and there is no '" + SERVER_USER + "' user to run PostgreSQL as");
            }
            if (exitCode("runuser", "--help") != 0) {
                return Optional.of("running as root and there is no 'runuser' to run PostgreSQL as '" + SERVER_USER + "'");
            }
        }
        return Optional.empty();
    }

    /** Creates a fresh cluster and starts it; fails when {@link #unavailableReason()} is not empty. */
    public static PostgresReference start() throws IOException {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new IllegalStateException(reason.get());
        }
        boolean root = isRoot();
        Path dataDir = Files.createTempDirectory("blueshift-postgres-");
        PostgresReference server = new PostgresReference(binaries().orElseThrow(), root, dataDir, freePort());
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            if (root) {
                UserPrincipal owner = dataDir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SERVER_USER);
                Files.setOwner(dataDir, owner);
            }
            server.initdb();
            server.pgCtl("start", "-w", "-t", "60", "-l", dataDir.resolve("server.log").toString(), "-o",
                    "-p " + server.port + " -k " + dataDir + " -c listen_addresses=127.0.0.1"
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A connection to a new, empty database of this server, so each caller starts clean. */
    public Connection freshDatabase() throws SQLException {
        String name = "slt_" + databases.incrementAndGet();
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return connect(name);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SERVER_USER);
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; nothing is left to do
        }
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(clusterDir().resolve("postmaster.pid"))) {
                pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
            }
        } catch (RuntimeException e) {
            System.err.println("could not stop the PostgreSQL reference server: " + e.getMessage());
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** The cluster itself, inside the folder that also holds the log and the socket. */
    private Path clusterDir() {
        return dataDir.resolve("data");
    }

    private void initdb() {
        run(command("initdb", "-D", clusterDir().toString(), "-U", SERVER_USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
    }

    private void pgCtl(String... args) {
        List<String> command = command("pg_ctl", "-D", clusterDir().toString());
        command.addAll(List.of(args));
        run(command);
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asServerUser) {
            command.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", command)
                        + "\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int exitCode(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean isRoot() {
        try {
            Process process = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The folder holding initdb and pg_ctl. */
    private static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("BLUESHIFT_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString())).reversed())
                        .forEach(p -> candidates.add(p.resolve("bin")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir));
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
