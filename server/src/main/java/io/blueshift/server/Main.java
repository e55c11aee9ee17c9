package io.blueshift.server;

import io.blueshift.kernels.Simd;
import io.blueshift.kernels.compare.FilterSum;
import io.blueshift.kernels.compare.FilterSumScalar;
import io.blueshift.server.shell.Shell;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The {@code blueshift} command line: the SQL shell ({@link io.blueshift.server.shell.Shell}), or
 * with {@code demo} a look at the engine: the JDK and vector width it runs with, and one query
 * shape (TPC-H Q6's filtered sum) run on the SIMD kernels and on their scalar twins over columns
 * larger than the caches.
 */
public final class Main {
    private static final int ROWS = 16_000_000;
    private static final int RUNS = 7;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            int status = ServeCommand.run(args, System.getenv());
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("demo")) {
            demo();
            return;
        }
        Shell.main(args);
    }

    private static void demo() {
        String version = Main.class.getPackage().getImplementationVersion();
        System.out.printf(Locale.ROOT, "Blueshift %s on Java %s (%s), %d cores, %d-bit SIMD vectors%n",
                version == null ? "dev" : version, Runtime.version(), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), Simd.BITS);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment quantity = arena.allocate((long) ROWS * 8, 64);
            MemorySegment discount = arena.allocate((long) ROWS * 8, 64);
            MemorySegment price = arena.allocate((long) ROWS * 8, 64);
            SplittableRandom random = new SplittableRandom(6);
            for (int i = 0; i < ROWS; i++) {
                quantity.setAtIndex(ValueLayout.JAVA_LONG, i, 1 + random.nextInt(50));
                discount.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextInt(11));
                price.setAtIndex(ValueLayout.JAVA_LONG, i, 90_000 + random.nextInt(10_000_000));
            }
            System.out.printf(Locale.ROOT, "%nsum(price) where quantity < 24 and discount between 5 and 7, over %,d rows"
                    + " (%d MB read)%n", ROWS, 3L * ROWS * 8 >> 20);
            double simd = time("SIMD kernel", () -> FilterSum.sumLong(price, quantity, 1, 23, discount, 5, 7, ROWS));
            double scalar = time("scalar twin", () -> FilterSumScalar.sumLong(price, quantity, 1, 23, discount, 5, 7, ROWS));
            System.out.printf(Locale.ROOT, "SIMD is %.1fx the scalar speed%n", scalar / simd);
        }
        System.out.println("\nRun the tests with ./blueshift test and the kernel benchmarks with ./blueshift bench.");
    }

    private interface Query {
        long run();
    }

    /** Runs the query a few times and prints the median, min and max; returns the median in ms. */
    private static double time(String label, Query query) {
        double[] ms = new double[RUNS];
        long result = 0;
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            result = query.run();
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[RUNS / 2];
        System.out.printf(Locale.ROOT, "  %-12s result %,d  median %6.2f ms (min %.2f, max %.2f), %5.1f GB/s%n",
                label, result, median, ms[0], ms[RUNS - 1], 3.0 * ROWS * 8 / median / 1e6);
        return median;
    }
}
