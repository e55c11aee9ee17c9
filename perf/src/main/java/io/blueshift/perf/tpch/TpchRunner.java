package io.blueshift.perf.tpch;

import io.blueshift.columnar.BufferPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs TPC-H side by side on an engine under test and on DuckDB, both through JDBC on the same
 * generated data ({@code ./blueshift tpch [--sf 1] [--runs 5] [--queries 1,3,6] [--engine-url jdbc:...]
 * [--data-dir dir] [--threads 1,2] [--warmup 5] [--no-cold]}). Each query first runs once on each engine and its result is
 * checked ({@link TpchCheck}); that run's time is reported as the first run in this JVM. After the timed runs,
 * unless {@code --no-cold}, {@link ColdStart} times fresh shell processes on the loaded database: the time to a
 * first small result and each query's first run in a fresh JVM. Then each engine runs it
 * untimed until it has run {@code --warmup} times (a JVM engine compiles its hot paths over its first runs:
 * the timed runs measure the steady state a server reaches, the first run what a fresh session of a running JVM meets), and
 * then {@code --runs} timed times. The table it
 * prints is Markdown: per query the median (min-max) milliseconds on each engine and their ratio,
 * then the geometric mean of the ratios; with {@code --threads} one table per thread count (Blueshift's
 * {@code max_parallel_workers_per_gather}, DuckDB's {@code threads}) and the speed-ups between
 * the first and the last, and every line goes to {@code results.csv} in the scale factor's folder. A query that fails or gives a wrong result is marked and
 * the run goes on; the exit status is 1 when any did.
 */
public final class TpchRunner {
    private TpchRunner() {
    }

    record Options(double scaleFactor, int runs, List<Integer> queries, String engineUrl, Path dataDir, boolean explain,
                   boolean distribute, List<Integer> threads, int warmup, boolean cold, String memoryLimit) {
    }

    /**
     * Redshift's usual physical design for TPC-H (what {@code --distribute} applies after loading):
     * the big tables distributed on the keys they join on, the small ones copied to every slice.
     */
    static final List<String> DESIGN = List.of(
            "alter table lineitem alter distkey l_orderkey", "alter table orders alter distkey o_orderkey",
            "alter table part alter distkey p_partkey", "alter table partsupp alter distkey ps_partkey",
            "alter table customer alter distkey c_custkey", "alter table supplier alter diststyle all",
            "alter table nation alter diststyle all", "alter table region alter diststyle all", "analyze");

    /** One line of the table; timings are null where that engine failed the query. */
    /** A query's timed runs on each engine (null: failed), its check, and the milliseconds of its first, checked run. */
    private record Line(int query, Timings engine, Timings reference, TpchCheck.Verdict verdict, double engineFirst,
                        double referenceFirst) {
        String check() {
            if (engine == null || reference == null) {
                return "**FAILED**";
            }
            return verdict.ok() ? "ok" : "**MISMATCH**";
        }
    }

    public static void main(String[] args) throws Exception {
        TpchFiles files = TpchFiles.locate();
        Options options;
        try {
            options = parse(args, files);
        } catch (IllegalArgumentException e) {
            System.err.println("tpch: " + e.getMessage());
            System.err.println("usage: tpch [--sf 1] [--runs 5] [--queries 1,3,6] [--engine-url jdbc:...]"
                    + " [--data-dir dir] [--threads 1,2] [--warmup 5] [--no-cold] [--memory-limit 8GB]");
            System.exit(2);
            return;
        }
        try {
            System.exit(run(files, options) ? 0 : 1);
        } catch (SQLException e) {
            System.err.println("tpch: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
            System.exit(2);
        }
    }

    static Options parse(String[] args, TpchFiles files) {
        double sf = 1;
        int runs = 5;
        int warmup = 5;
        List<Integer> queries = new ArrayList<>();
        String engineUrl = null;
        String memoryLimit = null;
        Path dataDir = null;
        boolean explain = false;
        boolean distribute = false;
        boolean cold = true;
        List<Integer> threads = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--explain")) {
                explain = true;
                continue;
            }
            if (flag.equals("--distribute")) {
                distribute = true;
                continue;
            }
            if (flag.equals("--no-cold")) {
                cold = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--sf" -> sf = Double.parseDouble(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--queries" -> {
                    for (String q : value.split(",")) {
                        queries.add(Integer.parseInt(q.strip().toLowerCase(Locale.ROOT).replace("q", "")));
                    }
                }
                case "--engine-url" -> engineUrl = value;
                case "--threads" -> {
                    for (String t : value.split(",")) {
                        int n = Integer.parseInt(t.strip());
                        if (n < 1) {
                            throw new IllegalArgumentException("--threads takes thread counts of 1 or more");
                        }
                        threads.add(n);
                    }
                }
                case "--data-dir" -> dataDir = Path.of(value);
                case "--memory-limit" -> {
                    BufferPool.parseSize(value); // a size both engines read, such as 8GB
                    memoryLimit = value.strip();
                }
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (sf <= 0 || runs < 1 || warmup < 1) {
            throw new IllegalArgumentException("--sf must be positive, --runs and --warmup at least 1");
        }
        if (queries.isEmpty()) {
            for (int q = 1; q <= TpchQueries.COUNT; q++) {
                queries.add(q);
            }
        }
        Path work = files.work(sf);
        return new Options(sf, runs, List.copyOf(queries),
                engineUrl != null ? engineUrl : "jdbc:blueshift:" + work.resolve("blueshift"),
                dataDir != null ? dataDir : work.resolve("data"), explain, distribute, List.copyOf(threads), warmup, cold,
                memoryLimit);
    }

    static boolean run(TpchFiles files, Options options) throws IOException, SQLException {
        Path work = files.work(options.scaleFactor());
        Files.createDirectories(work);
        Path duckFile = work.resolve("duckdb.db");
        deleteRecursively(duckFile);
        deleteRecursively(duckFile.resolveSibling("duckdb.db.wal"));
        if (options.engineUrl().equals("jdbc:blueshift:" + work.resolve("blueshift"))) {
            deleteRecursively(work.resolve("blueshift"));
        }
        String referenceUrl = "jdbc:duckdb:" + duckFile;
        boolean allOk = true;
        Map<Integer, Double> warm = new LinkedHashMap<>();
        int warmThreads = 0;

        long start = System.nanoTime();
        TpchData data = TpchData.generate(options.dataDir(), options.scaleFactor());
        double generateSeconds = (System.nanoTime() - start) / 1e9;
        TpchSchema schema = TpchSchema.read(files.schema());

        // --memory-limit: Blueshift's buffer pool budget, which also covers what its queries hold,
        // and its queries' memory_limit (start-up settings of the connection that opens the
        // database), and DuckDB's memory_limit
        String engineConnection = options.memoryLimit() == null ? options.engineUrl()
                : options.engineUrl() + (options.engineUrl().contains("?") ? "&" : "?") + "buffer_pool_size="
                        + options.memoryLimit() + "&memory_limit=" + options.memoryLimit();
        try (Connection reference = DriverManager.getConnection(referenceUrl);
             Connection engine = connect(engineConnection)) {
            if (options.memoryLimit() != null) {
                try (Statement d = reference.createStatement()) {
                    d.execute("SET memory_limit = '" + options.memoryLimit() + "'");
                }
                System.out.println("memory limit: Blueshift's buffer pool (its queries' memory included) and memory_limit, and"
                        + " DuckDB's memory_limit at " + options.memoryLimit());
            }
            printEnvironment(options, reference, engine);
            System.out.printf(Locale.ROOT, "data: %s (ready in %.1f s)%n", options.dataDir(), generateSeconds);
            load("engine", options.engineUrl(), engine, schema, data);
            load("DuckDB", referenceUrl, reference, schema, data);
            if (options.distribute()) {
                long start2 = System.nanoTime();
                try (Statement s = engine.createStatement()) {
                    for (String sql : DESIGN) {
                        s.execute(sql);
                    }
                }
                System.out.printf(Locale.ROOT, "engine: distribution keys set and tables redistributed in %.1f s%n",
                        (System.nanoTime() - start2) / 1e9);
            }
            boolean peakOfQueries = ProcessMemory.resetPeak();
            // each query at every thread count before the next query, so no count runs with more JIT warm-up behind it
            List<Integer> counts = options.threads().isEmpty() ? List.of(0) : options.threads();
            Map<Integer, List<Line>> byThreads = new LinkedHashMap<>();
            for (int q : options.queries()) {
                for (int threads : counts) {
                    if (threads > 0) {
                        try (Statement s = engine.createStatement(); Statement d = reference.createStatement()) {
                            s.execute("SET max_parallel_workers_per_gather = " + (threads - 1));
                            d.execute("SET threads = " + threads);
                        }
                    }
                    byThreads.computeIfAbsent(threads, t -> new ArrayList<>())
                            .add(measure(files, options, TpchQueries.read(files, q), engine, reference));
                }
            }
            long queriesPeak = ProcessMemory.peakRss();
            System.out.printf(Locale.ROOT, "peak RSS while the queries ran: %s%s%n",
                    queriesPeak < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", queriesPeak / 1e6),
                    peakOfQueries ? " (both engines in this process)" : " (whole process, since it started)");
            long lineitemRows = count(engine, "lineitem");
            for (Map.Entry<Integer, List<Line>> e : byThreads.entrySet()) {
                allOk &= printTable(options, e.getValue(), e.getKey());
                printBandwidth(e.getValue(), e.getKey() == 0 ? Runtime.getRuntime().availableProcessors() : e.getKey(), lineitemRows);
            }
            if (byThreads.size() > 1) {
                printSpeedUps(byThreads);
            }
            Map.Entry<Integer, List<Line>> firstCount = byThreads.entrySet().iterator().next();
            printFirstRuns(firstCount.getValue(), firstCount.getKey());
            writeCsv(work.resolve("results.csv"), byThreads);
            Files.writeString(work.resolve("results.svg"), ResultChart.svg("TPC-H SF " + TpchFiles.scaleName(options.scaleFactor()),
                    chartRows(byThreads)));
            System.out.println("chart: " + work.resolve("results.svg"));
            if (options.explain()) {
                for (int q : options.queries()) {
                    explainAnalyze(engine, TpchQueries.read(files, q));
                }
            }
            Map.Entry<Integer, List<Line>> lastCount = byThreads.entrySet().stream().reduce((a, b) -> b).orElseThrow();
            warmThreads = lastCount.getKey();
            for (Line l : lastCount.getValue()) {
                if (l.engine != null) {
                    warm.put(l.query, l.engine.median());
                }
            }
        }
        // fresh processes open the database the engine above held: only once it is closed
        if (options.cold() && options.engineUrl().equals("jdbc:blueshift:" + work.resolve("blueshift")) && !warm.isEmpty()) {
            allOk &= ColdStart.report(files.root(), work.resolve("blueshift"), warm, warmThreads, files);
        }
        return allOk;
    }

    /**
     * The bytes per lineitem row Q1 and Q6 must read, as the columns lie in memory (a DECIMAL(15,2)
     * in 8 bytes, a DATE in 4, a one-character string in 1 and its 4-byte offset): Q1 reads
     * quantity, extended price, discount, tax, return flag, line status and ship date; Q6 quantity,
     * extended price, discount and ship date.
     */
    private static final Map<Integer, Integer> BYTES_PER_LINEITEM_ROW = Map.of(1, 4 * 8 + 2 * 5 + 4, 6, 3 * 8 + 4);

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The memory-bandwidth bound of the scan-heavy queries, measured now on this machine: a SIMD sum
     * of a 512 MiB column on {@code threads} threads at once, and per query the time reading its
     * bytes at that speed would take, next to each engine's median.
     */
    private static void printBandwidth(List<Line> lines, int threads, long lineitemRows) {
        Timings gbPerSecond = BandwidthBaseline.measure(threads);
        System.out.printf(Locale.ROOT, "%nmemory bandwidth on %d thread%s: %.1f GB/s (median of 5, %.1f-%.1f)%n", threads,
                threads == 1 ? "" : "s", gbPerSecond.median(), gbPerSecond.min(), gbPerSecond.max());
        for (Line l : lines) {
            Integer perRow = BYTES_PER_LINEITEM_ROW.get(l.query);
            if (perRow == null || l.engine == null || l.reference == null) {
                continue;
            }
            double bytes = (double) perRow * lineitemRows;
            double boundMs = bytes / (gbPerSecond.median() * 1e9) * 1e3;
            System.out.printf(Locale.ROOT, "%s reads %,.0f MB: %.1f ms at that bandwidth; engine %.1fx of it, DuckDB %.1fx%n",
                    TpchQueries.name(l.query), bytes / 1e6, boundMs, l.engine.median() / boundMs, l.reference.median() / boundMs);
        }
    }

    /** Per query, each engine's speed-up from the first thread count to the last (median times). */
    private static void printSpeedUps(Map<Integer, List<Line>> byThreads) {
        List<Integer> counts = new ArrayList<>(byThreads.keySet());
        int from = counts.getFirst();
        int to = counts.getLast();
        System.out.printf(Locale.ROOT, "%nSpeed-up from %d thread%s to %d (median time at %d / median time at %d)%n%n", from,
                from == 1 ? "" : "s", to, from, to);
        System.out.println("| query | engine | DuckDB |");
        System.out.println("|---|---:|---:|");
        double engineLog = 0;
        double duckLog = 0;
        int n = 0;
        List<Line> first = byThreads.get(from);
        List<Line> last = byThreads.get(to);
        for (int i = 0; i < first.size(); i++) {
            Line a = first.get(i);
            Line b = last.get(i);
            if (a.engine == null || b.engine == null || a.reference == null || b.reference == null) {
                continue;
            }
            double e = a.engine.median() / b.engine.median();
            double d = a.reference.median() / b.reference.median();
            engineLog += Math.log(e);
            duckLog += Math.log(d);
            n++;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", TpchQueries.name(a.query), e, d);
        }
        if (n > 0) {
            System.out.printf(Locale.ROOT, "| geomean | %.2f | %.2f |%n", Math.exp(engineLog / n), Math.exp(duckLog / n));
        }
    }

    /** Every measured line as CSV (threads 0: each engine's default), for charts and for comparing runs. */
    /**
     * Each query's first run in this JVM (at the first thread count, so before any other run of it:
     * after loading and the queries before it) next to its warm median, on each engine.
     */
    private static void printFirstRuns(List<Line> lines, int threads) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nFirst run of each query in this JVM (%s), next to its warm median (ms)%n%n",
                threads == 0 ? "default threads" : threads + " thread" + (threads == 1 ? "" : "s")));
        out.append("| query | engine first | engine warm | first/warm | DuckDB first | DuckDB warm | first/warm |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        double logSum = 0;
        int n = 0;
        for (Line l : lines) {
            if (l.engine == null || l.reference == null) {
                continue;
            }
            double mine = l.engineFirst / l.engine.median();
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |%n", TpchQueries.name(l.query),
                    l.engineFirst, l.engine.median(), mine, l.referenceFirst, l.reference.median(),
                    l.referenceFirst / l.reference.median()));
            logSum += Math.log(mine);
            n++;
        }
        if (n > 0) {
            out.append(String.format(Locale.ROOT, "| geomean | | | %.2f | | | |%n", Math.exp(logSum / n)));
        }
        System.out.print(out);
    }

    private static void writeCsv(Path file, Map<Integer, List<Line>> byThreads) throws IOException {
        StringBuilder out = new StringBuilder("threads,query,engine_median_ms,engine_min_ms,engine_max_ms,"
                + "duckdb_median_ms,duckdb_min_ms,duckdb_max_ms,engine_over_duckdb,check,engine_first_ms,duckdb_first_ms\n");
        byThreads.forEach((threads, lines) -> {
            for (Line l : lines) {
                out.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", threads, TpchQueries.name(l.query),
                        l.engine == null ? "" : fmt(l.engine.median()), l.engine == null ? "" : fmt(l.engine.min()),
                        l.engine == null ? "" : fmt(l.engine.max()), l.reference == null ? "" : fmt(l.reference.median()),
                        l.reference == null ? "" : fmt(l.reference.min()), l.reference == null ? "" : fmt(l.reference.max()),
                        l.engine == null || l.reference == null ? "" : String.format(Locale.ROOT, "%.3f",
                                l.engine.median() / l.reference.median()), l.check().equals("ok") ? "ok" : "failed",
                        Double.isNaN(l.engineFirst) ? "" : fmt(l.engineFirst), Double.isNaN(l.referenceFirst) ? "" : fmt(l.referenceFirst)));
            }
        });
        Files.writeString(file, out);
        System.out.println("\nresults: " + file);
    }

    private static List<ResultChart.Bar> chartRows(Map<Integer, List<Line>> byThreads) {
        List<ResultChart.Bar> bars = new ArrayList<>();
        byThreads.forEach((threads, lines) -> {
            for (Line l : lines) {
                if (l.engine != null && l.reference != null) {
                    bars.add(new ResultChart.Bar(TpchQueries.name(l.query), threads, l.engine.median(), l.reference.median()));
                }
            }
        });
        return bars;
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    /** Prints the engine's EXPLAIN ANALYZE of a query (rows, batches and time per operator). */
    private static void explainAnalyze(Connection engine, TpchQueries.Query query) {
        System.out.println("\n" + query.name() + ":");
        String sql = query.sql().strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        try (var statement = engine.createStatement();
             var rs = statement.executeQuery("EXPLAIN ANALYZE " + sql)) {
            while (rs.next()) {
                System.out.println(rs.getString(1));
            }
        } catch (SQLException e) {
            System.out.println("EXPLAIN ANALYZE failed: " + e.getMessage());
        }
    }

    private static Connection connect(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to the engine at " + url + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Loads the tables and reports the time, the rows, the size on disk and the process's peak RSS while loading. */
    static void load(String label, String url, Connection connection, TpchSchema schema, TpchData data)
            throws SQLException, IOException {
        TpchLoader loader = TpchLoader.forUrl(url);
        boolean peakOfLoad = ProcessMemory.resetPeak();
        long start = System.nanoTime();
        long rows = loader.load(connection, schema, data);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = ProcessMemory.peakRss();
        if (url.startsWith("jdbc:duckdb:")) {
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
        Path stored = url.startsWith("jdbc:duckdb:") ? Path.of(url.substring("jdbc:duckdb:".length()))
                : url.startsWith("jdbc:blueshift:") && !url.startsWith("jdbc:blueshift:mem:") ? Path.of(url.substring("jdbc:blueshift:".length()))
                : null;
        long size = stored == null ? -1 : ProcessMemory.sizeOnDisk(stored);
        System.out.printf(Locale.ROOT, "load %s: %,d rows in %.1f s (%s), %s on disk, peak RSS %s%s%n", label, rows, seconds,
                loader.getClass().getSimpleName(), size < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", size / 1e6),
                peak < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", peak / 1e6),
                peakOfLoad ? " (whole process, during the load)" : " (whole process, since it started)");
    }

    private static Line measure(TpchFiles files, Options options, TpchQueries.Query query, Connection engine,
            Connection reference) throws IOException {
        System.err.println("tpch: " + query.name());
        QueryResult mine = null;
        String failure = null;
        double engineFirst = Double.NaN;
        try {
            TpchQueries.Timed first = TpchQueries.run(engine, query);
            mine = first.result();
            engineFirst = first.nanos() / 1e6;
        } catch (SQLException e) {
            failure = query.name() + " failed on the engine: " + e.getMessage();
        }
        QueryResult theirs;
        double referenceFirst;
        try {
            TpchQueries.Timed first = TpchQueries.run(reference, query);
            theirs = first.result();
            referenceFirst = first.nanos() / 1e6;
        } catch (SQLException e) {
            return new Line(query.number(), null, null,
                    new TpchCheck.Verdict(query.number(), false, query.name() + " failed on DuckDB: " + e.getMessage()),
                    engineFirst, Double.NaN);
        }
        TpchCheck.Verdict verdict = mine == null
                ? new TpchCheck.Verdict(query.number(), false, failure)
                : TpchCheck.verify(files, options.scaleFactor(), query.number(), mine, theirs);
        Timings engineTimes = mine == null ? null : time(engine, query, options.warmup() - 1, options.runs());
        Timings referenceTimes = time(reference, query, options.warmup() - 1, options.runs());
        return new Line(query.number(), engineTimes, referenceTimes, verdict, engineFirst, referenceFirst);
    }

    /** Null when a timed run fails though the checked run did not (the table then shows the failure). */
    private static Timings time(Connection connection, TpchQueries.Query query, int warmups, int runs) {
        long[] nanos = new long[runs];
        try {
            for (int i = 0; i < warmups; i++) {
                TpchQueries.run(connection, query);
            }
            for (int i = 0; i < runs; i++) {
                nanos[i] = TpchQueries.run(connection, query).nanos();
            }
        } catch (SQLException e) {
            System.err.println("tpch: " + query.name() + " failed in a timed run: " + e.getMessage());
            return null;
        }
        return Timings.of(nanos);
    }

    private static boolean printTable(Options options, List<Line> lines, int threads) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nTPC-H SF %s, %s, %d runs per query after %d warm-up run%s (ms)%n%n",
                TpchFiles.scaleName(options.scaleFactor()), threads == 0 ? "each engine's default threads"
                        : threads + " thread" + (threads == 1 ? "" : "s") + " each", options.runs(), options.warmup(),
                options.warmup() == 1 ? "" : "s"));
        out.append("| query | engine median (min-max) | DuckDB median (min-max) | engine/DuckDB | check |\n");
        out.append("|---|---:|---:|---:|---|\n");
        double logSum = 0;
        int ratios = 0;
        boolean allOk = true;
        List<String> details = new ArrayList<>();
        for (Line line : lines) {
            String ratio = "";
            if (line.engine != null && line.reference != null) {
                double r = line.engine.median() / line.reference.median();
                ratio = String.format(Locale.ROOT, "%.2f", r);
                logSum += Math.log(r);
                ratios++;
            }
            String check = line.check();
            allOk &= check.equals("ok");
            if (!line.verdict.detail().isEmpty()) {
                details.add(line.verdict.detail());
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", TpchQueries.name(line.query),
                    line.engine == null ? "-" : line.engine.show(),
                    line.reference == null ? "-" : line.reference.show(), ratio, check));
        }
        out.append(String.format(Locale.ROOT, "| geomean | | | %s | over %d of %d queries |%n",
                ratios == 0 ? "-" : String.format(Locale.ROOT, "%.2f", Math.exp(logSum / ratios)), ratios,
                lines.size()));
        if (!details.isEmpty()) {
            out.append("\nNotes:\n");
            for (String detail : details) {
                out.append("- ").append(detail).append('\n');
            }
        }
        System.out.print(out);
        return allOk;
    }

    private static void printEnvironment(Options options, Connection reference, Connection engine)
            throws SQLException {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "cpu: %s, %d cores; %s %s; JDK %s (%s), max heap %d MiB%n", cpuModel(),
                rt.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version(), System.getProperty("java.vm.name"), rt.maxMemory() >> 20);
        try (Statement s = reference.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            System.out.println("DuckDB: " + rs.getString(1) + " (reference, " + reference.getMetaData().getURL() + ")");
        }
        System.out.println("engine: " + engine.getMetaData().getDatabaseProductName() + " "
                + engine.getMetaData().getDatabaseProductVersion() + " (" + options.engineUrl() + ")");
    }

    private static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            }
        } catch (IOException unreadable) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
