package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real client program (psql, a Python or Node.js script) against a {@link TestServer} and
 * keeps what it printed. {@code .ci/run} installs every client; elsewhere a missing client skips
 * its test, but under CI (the {@code CI} variable set) it fails it.
 */
final class ClientProcess {
    /** Debian's interpreter: Debian's psycopg2, psycopg, SQLAlchemy and asyncpg load only in it. */
    static final String PYTHON = "/usr/bin/python3";
    private static final long TIMEOUT_SECONDS = 60;

    private ClientProcess() {
    }

    /** What a client printed and how it exited. */
    record Outcome(int exitCode, String stdout, String stderr) {
        /** Everything printed, for failure messages. */
        String all() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }

        /** The printed lines that start with {@code prefix + " "}, without it. */
        List<String> lines(String prefix) {
            return stdout.lines().filter(l -> l.startsWith(prefix + " ")).map(l -> l.substring(prefix.length() + 1)).toList();
        }
    }

    /**
     * Whether a missing client fails the test rather than skipping it: under {@code ./blueshift
     * test} (which installs the clients first) and CI, unless {@code BLUESHIFT_TEST_CLIENTS=skip}.
     */
    static boolean clientsRequired() {
        String asked = System.getenv("BLUESHIFT_TEST_CLIENTS");
        if (asked != null && !asked.isEmpty()) {
            return !asked.equals("skip");
        }
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    /** Skips the test (fails it where clients are required) when {@code what} is not installed. */
    static void require(boolean present, String what) {
        if (!present && clientsRequired()) {
            fail(what + " is not installed; ./blueshift test installs it");
        }
        Assumptions.assumeTrue(present, what + " is not installed (./blueshift test installs it)");
    }

    /** The absolute path of {@code program}, found on PATH unless it is a path; skips the test (fails it under CI) when missing. */
    static String program(String program) {
        if (program.contains("/")) {
            require(Files.isExecutable(Path.of(program)), program);
            return program;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        require(false, program);
        return program;
    }

    /** Debian's python3 with {@code module} importable; skips the test (fails it under CI) otherwise. */
    static String python(String module, String debianPackage) throws IOException, InterruptedException {
        String python = program(PYTHON);
        Outcome o = run(List.of(python, "-c", "import " + module), Map.of(), null);
        require(o.exitCode() == 0, "Python's " + module + " (Debian package " + debianPackage + ")");
        return python;
    }

    /** A script under {@code src/test/resources/clients}. */
    static String script(String name) {
        try {
            return Path.of(ClientProcess.class.getResource("/clients/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** libpq's environment variables for a login to {@code server} as {@code user}. */
    static Map<String, String> libpqEnvironment(TestServer server, String user, String password) {
        return Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(server.port()), "PGUSER", user,
                "PGPASSWORD", password, "PGDATABASE", "dev", "PGCONNECT_TIMEOUT", "10");
    }

    /**
     * Runs {@code command} in {@code directory} (a temporary one when null) with {@code environment}
     * added to a clean one (PATH, HOME, a UTF-8 C locale), and waits for it; fails the test when it
     * runs longer than a minute.
     */
    static Outcome run(List<String> command, Map<String, String> environment, Path directory)
            throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("blueshift-client");
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.directory((directory != null ? directory : scratch).toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("LC_") || k.startsWith("PYTHON"));
            env.put("LANG", "C.UTF-8");
            env.put("LC_ALL", "C.UTF-8");
            env.putAll(environment);
            Path stdout = scratch.resolve("stdout");
            Path stderr = scratch.resolve("stderr");
            pb.redirectOutput(stdout.toFile());
            pb.redirectError(stderr.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " ran longer than " + TIMEOUT_SECONDS + " s\n--- stdout\n"
                        + Files.readString(stdout) + "--- stderr\n" + Files.readString(stderr));
            }
            return new Outcome(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Fails unless the client exited with 0. */
    static Outcome succeeded(Outcome o) {
        if (o.exitCode() != 0) {
            fail(o.all());
        }
        return o;
    }

    /**
     * Aborts the test as a known gap (a feature of the SQL engine the wire server cannot supply)
     * when the client failed with {@code symptom}; the test asserts again once the engine has it.
     */
    static void knownGap(Outcome o, String symptom, String gap) {
        Assumptions.assumeFalse(o.exitCode() != 0 && (o.stderr() + o.stdout()).contains(symptom),
                () -> "known gap: " + gap + " (" + symptom + ")");
    }
}
