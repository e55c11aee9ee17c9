package io.blueshift.columnar;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives the memory the C allocator keeps after a free back to the system ({@code malloc_trim})
 * when the process holds more than its databases' budgets allow.
 *
 * <p>Why: glibc serves a request below its mmap threshold from its arenas, and raises that
 * threshold to the size of each mmapped block freed (up to 32 MiB), so after the first columns
 * come and go nearly every column's buffer is carved from an arena. Freed, it stays in the arena,
 * resident: a process whose columns and queries were held to 8 GB (TPC-H at SF 30, each query twice
 * in turn) grew to 24 GB of resident memory, 9 GB of it in arenas, and the kernel killed it. After
 * every {@value #TRIM_EVERY_MIB} MiB of large blocks ({@link BlockCache}'s) freed, if the process's
 * resident memory is past its bound (the budgets of its open databases, the largest heap, the
 * freed blocks kept and a gigabyte; at most three quarters of the machine), the free pages of all arenas are returned to the system.
 * Not below the bound: what the arenas keep is memory already faulted in, which the next request
 * reuses without a page fault (TPC-H Q9 at SF 10 was 15-20% slower trimming always). Where the
 * call is not available (another C library, no native access) nothing happens.
 */
public final class NativeMemory {
    static final long TRIM_EVERY_MIB = 256;
    private static final long TRIM_EVERY = Long.getLong("blueshift.memory.trimMiB", TRIM_EVERY_MIB) << 20;
    private static final MethodHandle MALLOC_TRIM = lookup();
    private static final AtomicLong freedSinceTrim = new AtomicLong();
    /** The off-heap budgets of the open databases ({@link #budget}). */
    private static final AtomicLong budgets = new AtomicLong();
    private static final AtomicLong trims = new AtomicLong();
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;
    /** Three quarters of the machine's memory: the most {@link #bound} allows. */
    private static final long MACHINE = BufferPool.physicalMemory() / 4 * 3;

    private NativeMemory() {
    }

    private static MethodHandle lookup() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || TRIM_EVERY <= 0) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("malloc_trim").map(f -> linker.downcallHandle(f,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // native access not enabled, or not glibc
        }
    }

    /**
     * Counts {@code bytes} more (or, negative, fewer) of off-heap budget in this process: a
     * database's memory for columns and queries, while it is open.
     */
    public static void budget(long bytes) {
        budgets.addAndGet(bytes);
    }

    /**
     * Counts {@code bytes} of large blocks given back to the C allocator; trims once enough have
     * been and the process is past its bound.
     */
    static void freed(long bytes) {
        if (MALLOC_TRIM == null || freedSinceTrim.addAndGet(bytes) < TRIM_EVERY) {
            return;
        }
        freedSinceTrim.set(0);
        if (residentBytes() > bound()) {
            trim();
        }
    }

    /** What the process may hold resident before the arenas' free pages go back to the system. */
    static long bound() {
        long machine = MACHINE;
        long budget = budgets.get();
        if (budget < 0 || budget >= machine) {
            return machine;
        }
        return Math.min(machine, budget + BlockCache.DEFAULT_CAP + Runtime.getRuntime().maxMemory() + (1L << 30));
    }

    /** The process's resident memory, or 0 where the system does not say. */
    static long residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** How many times the arenas were trimmed (for tests and diagnostics). */
    public static long trims() {
        return trims.get();
    }

    /** Returns the C allocator's free pages to the system now. */
    public static void trim() {
        if (MALLOC_TRIM == null) {
            return;
        }
        trims.incrementAndGet();
        try {
            int ignored = (int) MALLOC_TRIM.invokeExact(0L);
        } catch (Throwable e) {
            // a hint only: the memory stays usable either way
        }
    }
}
