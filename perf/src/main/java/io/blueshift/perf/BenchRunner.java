package io.blueshift.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks ({@code ./blueshift bench [regex] [JMH options]}) and summarizes them
 * the way the project reports speed: per benchmark the median, min and max over the measured
 * iterations; for every SIMD method the ratio to its scalar twin measured in the same run; and the
 * fused filter + sum against the memory-bandwidth bound given by {@link BandwidthBenchmark} in the
 * same run. Ratios, not absolute times, are what compare across these shared, noisy machines.
 */
public final class BenchRunner {
    /** Twin suffixes, most specific first: {@code xSimd} is compared with the first of these found. */
    private static final String[] BASELINES = {"ScalarReference", "Scalar", "Reference"};

    /** Bytes each benchmark reads per row, for the benchmarks checked against memory bandwidth. */
    private static final Map<String, Long> BYTES_PER_ROW = Map.of(
            "FilterBenchmark.filterSumSimd", 3L * Long.BYTES,
            "FilterBenchmark.filterSumScalar", 3L * Long.BYTES,
            "BandwidthBenchmark.sumLongColumn", (long) Long.BYTES);

    private BenchRunner() {
    }

    /** One benchmark method at one parameter setting. */
    private record Measured(String method, String params, long rows, double median, double min, double max) {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cmd = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
        if (!cmd.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!cmd.getWarmupIterations().hasValue()) {
            options.warmupIterations(3);
        }
        if (!cmd.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(1));
        }
        if (!cmd.getMeasurementIterations().hasValue()) {
            options.measurementIterations(7);
        }
        if (!cmd.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println(summarize(results));
    }

    static String summarize(Collection<RunResult> results) {
        Map<String, Map<String, Measured>> byGroup = new TreeMap<>();
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            String clazz = method.substring(0, method.indexOf('.'));
            StringBuilder params = new StringBuilder();
            long rows = 0;
            for (String key : run.getParams().getParamsKeys()) {
                String value = run.getParams().getParam(key);
                params.append(params.isEmpty() ? "" : " ").append(key).append('=').append(value);
                if (key.equals("rows")) {
                    rows = Long.parseLong(value);
                }
            }
            double[] scores = scores(run);
            Arrays.sort(scores);
            Measured m = new Measured(method, params.toString(), rows, scores[scores.length / 2], scores[0],
                    scores[scores.length - 1]);
            byGroup.computeIfAbsent(clazz + " " + params, k -> new LinkedHashMap<>()).put(method, m);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%-46s %-26s %10s %10s %10s  %s%n", "benchmark", "params",
                "median ms", "min", "max", "SIMD vs scalar twin (median)"));
        Measured bandwidth = null;
        List<Measured> bounded = new ArrayList<>();
        for (Map<String, Measured> group : byGroup.values()) {
            for (Measured m : group.values()) {
                out.append(String.format(Locale.ROOT, "%-46s %-26s %10.3f %10.3f %10.3f  %s%n", m.method, m.params,
                        m.median, m.min, m.max, ratio(m, group)));
                if (m.method.equals("BandwidthBenchmark.sumLongColumn")) {
                    bandwidth = m;
                } else if (BYTES_PER_ROW.containsKey(m.method)) {
                    bounded.add(m);
                }
            }
        }
        if (bandwidth != null) {
            double bytesPerMs = bandwidth.rows * BYTES_PER_ROW.get(bandwidth.method) / bandwidth.median;
            out.append(String.format(Locale.ROOT, "%nmemory bandwidth (sum of a %,d-byte long column): %.1f GB/s%n",
                    bandwidth.rows * Long.BYTES, bytesPerMs / 1e6));
            for (Measured m : bounded) {
                double bytes = (double) m.rows * BYTES_PER_ROW.get(m.method);
                double bound = bytes / bytesPerMs;
                out.append(String.format(Locale.ROOT,
                        "%-46s %-26s reads %,.0f bytes: bandwidth bound %.3f ms, median %.3f ms = %.2fx the bound%n",
                        m.method, m.params, bytes, bound, m.median, m.median / bound));
            }
        }
        return out.toString();
    }

    private static double[] scores(RunResult run) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        double[] out = new double[scores.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.get(i);
        }
        return out;
    }

    /** "N.NNx" for a SIMD method whose scalar twin ran with the same parameters, else "". */
    private static String ratio(Measured m, Map<String, Measured> group) {
        String prefix;
        if (m.method.endsWith("Simd")) {
            prefix = m.method.substring(0, m.method.length() - "Simd".length());
        } else if (m.method.endsWith(".simd")) {
            prefix = m.method.substring(0, m.method.length() - "simd".length());
        } else {
            return "";
        }
        for (String suffix : BASELINES) {
            String twin = prefix + (prefix.endsWith(".") ? suffix.toLowerCase(Locale.ROOT) : suffix);
            Measured base = group.get(twin);
            if (base != null) {
                return String.format(Locale.ROOT, "%.2fx faster than %s", base.median / m.median,
                        twin.substring(twin.indexOf('.') + 1));
            }
        }
        return "";
    }
}
