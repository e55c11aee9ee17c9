package io.blueshift.jdbc.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The sqllogictest files under {@code src/test/resources/slt}, turned into one JUnit dynamic test
 * per file for a given engine. {@code -Dblueshift.slt=select,joins} runs only the files whose
 * names (without {@code .slt}) are listed.
 */
public final class SltFiles {
    private SltFiles() {}

    /** One dynamic test per file, named after the file, each on a fresh database of {@code engine}. */
    public static Stream<DynamicTest> tests(SltEngine engine) {
        return files().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), path.toUri(), () -> {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            SltRunner.run(path.getFileName().toString(), text, engine).assertPassed();
        }));
    }

    static List<Path> files() {
        URL url = SltFiles.class.getResource("/slt");
        if (url == null) {
            throw new IllegalStateException("no slt folder on the test class path");
        }
        List<String> only = selected();
        try (Stream<Path> listing = Files.list(Path.of(url.toURI()))) {
            return listing
                    .filter(p -> p.getFileName().toString().endsWith(".slt"))
                    .filter(p -> only.isEmpty() || only.contains(p.getFileName().toString().replace(".slt", "")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> selected() {
        String property = System.getProperty("blueshift.slt", "").strip();
        return property.isEmpty() ? List.of()
                : Arrays.stream(property.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
