package io.blueshift.perf.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The process's resident memory as Linux reports it ({@code /proc/self/status}): the current RSS
 * and its peak, which {@link #resetPeak} restarts (writing 5 to {@code /proc/self/clear_refs}), so
 * the peak of one phase (a load) can be told from the phases before it.
 */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Restarts the peak from the current RSS; false where the system does not allow it. */
    static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The peak resident set size in bytes (VmHWM), or -1 where unknown. */
    static long peakRss() {
        return status("VmHWM:");
    }

    private static long status(String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.substring(key.length()).replace("kB", "").strip()) * 1024).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The bytes of the files under {@code path} (a file or a directory), or -1 when it does not exist. */
    static long sizeOnDisk(Path path) {
        if (!Files.exists(path)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
