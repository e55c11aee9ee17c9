package io.blueshift.perf.tpch;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the TPC-H reference material kept in the repository ({@code testdata/tpch}: schema, the 22
 * queries and the answer files) and the repository's {@code target} folder where generated data and
 * engine databases go. Tests run in the module folder and the runner anywhere in the checkout, so
 * the folder is looked up from the working directory upwards; {@code -Dblueshift.root=<dir>}
 * overrides it.
 */
public record TpchFiles(Path root) {
    /** The scale factors for which {@code answers/sf<N>} holds the C dbgen results. */
    private static final String ANSWERS = "testdata/tpch/answers";

    public static TpchFiles locate() {
        String configured = System.getProperty("blueshift.root");
        if (configured != null) {
            return new TpchFiles(Path.of(configured).toAbsolutePath());
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("testdata/tpch/schema.sql"))) {
                return new TpchFiles(d);
            }
        }
        throw new IllegalStateException("testdata/tpch/schema.sql not found in " + dir
                + " or its parents; run inside the Blueshift checkout or pass -Dblueshift.root=<checkout>");
    }

    public Path schema() {
        return root.resolve("testdata/tpch/schema.sql");
    }

    public Path query(int number) {
        return root.resolve("testdata/tpch/queries/" + TpchQueries.name(number) + ".sql");
    }

    /** The answer file of a query at a scale factor, when the repository has answers for that scale factor. */
    public Optional<Path> answer(double scaleFactor, int number) {
        Path file = root.resolve(ANSWERS + "/sf" + scaleName(scaleFactor) + "/" + TpchQueries.name(number) + ".csv");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The working folder for one scale factor: {@code target/tpch-sf<N>} at the repository root. */
    public Path work(double scaleFactor) {
        return root.resolve("target/tpch-sf" + scaleName(scaleFactor));
    }

    /** "0.1" for 0.1 and "1" for 1.0, as the answer folders and working folders are named. */
    public static String scaleName(double scaleFactor) {
        return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
    }
}
