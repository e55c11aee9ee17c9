package io.blueshift.perf.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an answer file of {@code testdata/tpch/answers} (a header line, then {@code |}-separated
 * rows) into a {@link QueryResult} of text cells, which {@link ResultComparator} reads as the type
 * of the engine's value it is compared with.
 *
 * <p>The files carry no types, so a column counts as floating when a value in it has more than
 * {@link #MAX_EXACT_SCALE} fraction digits: exact TPC-H results (sums of two-digit decimals and their
 * products) never have more, while averages and ratios are printed with all the digits of a double
 * and are compared with a relative tolerance.
 */
public final class AnswerFile {
    static final int MAX_EXACT_SCALE = 6;
    private static final Pattern FLOATING = Pattern.compile("-?\\d*\\.\\d{" + (MAX_EXACT_SCALE + 1) + ",}|.*[eE].*");

    private AnswerFile() {
    }

    public static QueryResult read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + " has no header line");
        }
        String[] header = lines.getFirst().split("\\|", -1);
        boolean[] floating = new boolean[header.length];
        List<List<Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length != header.length) {
                throw new IOException(file + ": a row has " + cells.length + " fields, the header " + header.length
                        + ": " + line);
            }
            for (int i = 0; i < cells.length; i++) {
                floating[i] |= FLOATING.matcher(cells[i]).matches();
            }
            rows.add(Arrays.asList((Object[]) cells));
        }
        List<QueryResult.Column> columns = new ArrayList<>(header.length);
        for (int i = 0; i < header.length; i++) {
            columns.add(new QueryResult.Column(header[i], floating[i]));
        }
        return new QueryResult(columns, rows);
    }
}
