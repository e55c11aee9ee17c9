package io.blueshift.perf.tpch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fresh process meets on the loaded database, measured through the {@code blueshift}
 * launcher as a user starts it (with the JDK's ahead-of-time cache the launcher keeps): the time
 * from starting {@code blueshift -c} to its first small result, and each query's first run in a
 * fresh JVM (the shell's {@code \timing} of the query alone), next to its warm median from the
 * same run. The runner's own first runs happen after the queries before them warmed its JVM; these
 * do not.
 */
final class ColdStart {
    /** The small result: one row from a table of the database, so the catalog and a scan are on its path. */
    static final String SMALL_QUERY = "select count(*) from nation";
    private static final int SMALL_RUNS = 5;
    private static final Pattern TIME = Pattern.compile("^Time: ([0-9.]+) ms");

    private ColdStart() {
    }

    /**
     * Runs the measurements and prints them; {@code warm} maps each query to its warm median (ms)
     * at {@code threads} threads (0: the engine's default). Returns false when a run failed.
     */
    static boolean report(Path root, Path database, Map<Integer, Double> warm, int threads, TpchFiles files)
            throws IOException {
        Path launcher = root.resolve("blueshift");
        // the launcher builds the start-up cache once per build: not part of any timing
        Run prepare = shell(launcher, database, List.of("-c", "select 1"));
        if (!prepare.ok()) {
            System.out.println("\ncold start: the shell failed to start:\n" + prepare.output());
            return false;
        }
        long[] small = new long[SMALL_RUNS];
        for (int i = 0; i < SMALL_RUNS; i++) {
            Run r = shell(launcher, database, List.of("-c", SMALL_QUERY));
            if (!r.ok() || r.firstResultNanos() < 0) {
                System.out.println("\ncold start: " + SMALL_QUERY + " failed:\n" + r.output());
                return false;
            }
            small[i] = r.firstResultNanos();
        }
        Timings toFirst = Timings.of(small);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nCold start: `blueshift -c \"%s\"` from process start to its result:"
                + " %s ms (median of %d, min-max)%n", SMALL_QUERY, toFirst.show(), SMALL_RUNS));
        out.append(String.format(Locale.ROOT, "%nFirst run of each query in a fresh JVM (the shell, %s), next to its warm median (ms)%n%n",
                threads == 0 ? "default threads" : threads + " thread" + (threads == 1 ? "" : "s")));
        out.append("| query | fresh JVM first | warm | first/warm |\n|---|---:|---:|---:|\n");
        boolean ok = true;
        double logSum = 0;
        int n = 0;
        Path script = Files.createTempFile("blueshift-cold", ".sql");
        try {
            for (Map.Entry<Integer, Double> e : warm.entrySet()) {
                String sql = TpchQueries.read(files, e.getKey()).sql().strip();
                Files.writeString(script, "\\timing on\n"
                        + (threads > 0 ? "set max_parallel_workers_per_gather = " + (threads - 1) + ";\n" : "")
                        + sql + (sql.endsWith(";") ? "" : ";") + "\n");
                Run r = shell(launcher, database, List.of("-v", "ON_ERROR_STOP=1", "-f", script.toString()));
                OptionalDouble first = lastTime(r.output());
                if (!r.ok() || first.isEmpty()) {
                    out.append(String.format(Locale.ROOT, "| %s | failed | %.1f | |%n", TpchQueries.name(e.getKey()), e.getValue()));
                    System.out.print(r.output());
                    ok = false;
                    continue;
                }
                double ratio = first.getAsDouble() / e.getValue();
                out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", TpchQueries.name(e.getKey()),
                        first.getAsDouble(), e.getValue(), ratio));
                logSum += Math.log(ratio);
                n++;
            }
        } finally {
            Files.deleteIfExists(script);
        }
        if (n > 0) {
            out.append(String.format(Locale.ROOT, "| geomean | | | %.2f |%n", Math.exp(logSum / n)));
        }
        System.out.print(out);
        return ok;
    }

    /** The time the shell reported for the last statement of its output ({@code \timing}), if any. */
    static OptionalDouble lastTime(String output) {
        OptionalDouble last = OptionalDouble.empty();
        for (String line : output.split("\n")) {
            Matcher m = TIME.matcher(line.strip());
            if (m.find()) {
                last = OptionalDouble.of(Double.parseDouble(m.group(1)));
            }
        }
        return last;
    }

    /** One shell process: whether it exited with 0, its output, and when its first result row count appeared. */
    private record Run(boolean ok, String output, long firstResultNanos) {
    }

    private static Run shell(Path launcher, Path database, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.add(database.toString());
        command.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        long firstResult = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (firstResult < 0 && line.matches("\\(\\d+ rows?\\)")) {
                    firstResult = System.nanoTime() - start;
                }
                output.append(line).append('\n');
            }
        }
        try {
            return new Run(p.waitFor() == 0, output.toString(), firstResult);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the shell ran", e);
        }
    }
}
