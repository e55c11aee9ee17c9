package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sql module's packages and the only arrows allowed between them, read from the sources
 * (imports and names in code, not comments). The front door ({@code Database}, {@code Session},
 * {@code Prepared}, {@code Cursors}) sits on top and may use every package; nothing uses it back.
 * The storage engine is not here: it is the {@code storage} module below the executor, so it cannot
 * see statements, sessions, parsers or plans at all.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/io/blueshift/sql");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.blueshift\\.sql\\.(?:([a-z]+)\\.)?[A-Z]");

    /** Each package below the front door, and the packages of this module it may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("api", Set.of()),
            Map.entry("catalog", Set.of("api")),
            Map.entry("function", Set.of("api", "catalog")),
            Map.entry("ddl", Set.of("api", "catalog", "parser")),
            Map.entry("parser", Set.of("api")),
            Map.entry("physical", Set.of("api", "catalog", "function")),
            Map.entry("plan", Set.of("api", "catalog", "parser", "physical", "function")),
            Map.entry("session", Set.of("api", "catalog", "ddl", "parser", "plan")),
            Map.entry("files", Set.of("api", "catalog", "ddl", "session", "commands")),
            Map.entry("commands", Set.of("api", "catalog", "ddl", "plan", "session", "files", "physical",
                    "function", "parser")));

    @Test
    void packagesUseOnlyThePackagesBelowThem() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() == 1) {
                    continue; // the front door
                }
                String pkg = relative.getName(0).toString();
                packages.add(pkg);
                Set<String> allowed = ALLOWED.get(pkg);
                Matcher m = REFERENCE.matcher(code(Files.readString(file, StandardCharsets.UTF_8)));
                while (m.find()) {
                    String used = m.group(1) == null ? "the front door" : m.group(1);
                    if (!used.equals(pkg) && (allowed == null || !allowed.contains(used))) {
                        wrong.add(relative + " uses " + used);
                    }
                }
            }
        }
        assertEquals(ALLOWED.keySet(), packages, "every package has its place in ALLOWED");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The text with comments and string literals blanked out. */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ").replaceAll("\"(\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }
}
