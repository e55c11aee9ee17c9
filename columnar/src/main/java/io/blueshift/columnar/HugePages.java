package io.blueshift.columnar;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Asks Linux to back large off-heap buffers with transparent huge pages ({@code
 * madvise(MADV_HUGEPAGE)}), where the system leaves that to each program
 * ({@code /sys/kernel/mm/transparent_hugepage/enabled} = madvise, the usual default). A hash table
 * of millions of entries is read at random: with 4 KiB pages nearly every probe also misses the
 * TLB, and in a virtual machine each miss walks two page tables; with 2 MiB pages the table's
 * translations fit in the TLB, and first touching the buffer faults 512 times less often. Where
 * the call is not available (another system, no native access) nothing happens.
 */
public final class HugePages {
    /** Buffers at least this large are advised (smaller ones would not fill a huge page). */
    public static final long MIN_BYTES = 4L << 20;
    private static final long HUGE_PAGE = 2L << 20;
    private static final int MADV_HUGEPAGE = 14;
    private static final MethodHandle MADVISE = lookup();

    private HugePages() {
    }

    private static MethodHandle lookup() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || Boolean.getBoolean("blueshift.hugepages.off")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("madvise").map(f -> linker.downcallHandle(f,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // native access not enabled: run without the advice
        }
    }

    /** Advises the whole huge pages inside {@code bytes} from {@code address}; before the memory is first touched. */
    public static void advise(long address, long bytes) {
        if (MADVISE == null || bytes < MIN_BYTES) {
            return;
        }
        long start = (address + HUGE_PAGE - 1) & -HUGE_PAGE;
        long end = (address + bytes) & -HUGE_PAGE;
        if (end <= start) {
            return;
        }
        try {
            int ignored = (int) MADVISE.invokeExact(MemorySegment.ofAddress(start), end - start, MADV_HUGEPAGE);
        } catch (Throwable e) {
            // advice only: the buffer works the same without it
        }
    }
}
