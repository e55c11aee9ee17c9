package io.blueshift.perf.tpch;

import io.blueshift.perf.BandwidthBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's memory read bandwidth, measured in the runner's own JVM next to the queries it
 * bounds: {@link BandwidthBenchmark}'s SIMD sum of a 512 MiB column, run by {@code threads}
 * threads at once (each over the whole column), after two warm-up rounds.
 */
final class BandwidthBaseline {
    private BandwidthBaseline() {
    }

    /** GB/s (10^9 bytes per second) over five rounds. */
    static Timings measure(int threads) {
        BandwidthBenchmark bench = new BandwidthBenchmark();
        bench.rows = 1 << 26;
        bench.setUp();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long[] rates = new long[5];
            for (int round = -2; round < rates.length; round++) {
                List<Future<Long>> sums = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    sums.add(pool.submit(bench::sumLongColumn));
                }
                for (Future<Long> f : sums) {
                    f.get();
                }
                long nanos = System.nanoTime() - start;
                if (round >= 0) {
                    // bytes per nanosecond is GB/s; scaled by 10^6 as Timings scales nanoseconds to milliseconds
                    rates[round] = Math.round((double) bench.bytes() * threads / nanos * 1e6);
                }
            }
            return Timings.of(rates);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            bench.tearDown();
        }
    }
}
