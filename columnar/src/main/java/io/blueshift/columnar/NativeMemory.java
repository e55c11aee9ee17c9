package io.blueshift.columnar;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives the memory the C allocator keeps after a free back to the system ({@code malloc_trim}).
 *
 * <p>Why: glibc serves a request below its mmap threshold from its arenas, and raises that
 * threshold to the size of each mmapped block freed (up to 32 MiB), so after the first columns
 * come and go nearly every column's buffer is carved from an arena. Freed, it stays in the arena,
 * resident: a process whose columns and queries were held to 8 GB (TPC-H at SF 30, each query twice
 * in turn) grew to 24 GB of resident memory, 9 GB of it in arenas, and the kernel killed it. After
 * every {@value #TRIM_EVERY_MIB} MiB freed, the free pages of all arenas are returned to the
 * system; what a later request takes is then faulted in again. Where the call is not available
 * (another C library, no native access) nothing happens.
 */
public final class NativeMemory {
    static final long TRIM_EVERY_MIB = 256;
    private static final long TRIM_EVERY = Long.getLong("blueshift.memory.trimMiB", TRIM_EVERY_MIB) << 20;
    private static final MethodHandle MALLOC_TRIM = lookup();
    private static final AtomicLong freedSinceTrim = new AtomicLong();

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

    /** Counts {@code bytes} given back to the C allocator; trims once enough have been. */
    static void freed(long bytes) {
        if (MALLOC_TRIM == null || freedSinceTrim.addAndGet(bytes) < TRIM_EVERY) {
            return;
        }
        freedSinceTrim.set(0);
        trim();
    }

    /** Returns the C allocator's free pages to the system now. */
    public static void trim() {
        if (MALLOC_TRIM == null) {
            return;
        }
        try {
            int ignored = (int) MALLOC_TRIM.invokeExact(0L);
        } catch (Throwable e) {
            // a hint only: the memory stays usable either way
        }
    }
}
