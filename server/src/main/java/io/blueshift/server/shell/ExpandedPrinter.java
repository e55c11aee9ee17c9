package io.blueshift.server.shell;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Prints each row as a record of {@code column | value} lines under a {@code -[ RECORD n ]} rule,
 * psql's expanded display ({@code \x}), which reads better than a table for wide rows.
 */
record ExpandedPrinter(PrintStream out, String nullString) {
    /** Prints the records under an optional title (null for none) and returns how many there were. */
    long print(String title, RowSource source) throws SQLException {
        List<Column> columns = source.columns();
        int nameWidth = 0;
        for (Column column : columns) {
            nameWidth = Math.max(nameWidth, TextWidth.of(column.name()));
        }
        if (title != null) {
            out.println(title);
        }
        long count = 0;
        List<String[]> chunk;
        do {
            chunk = source.next(TablePrinter.CHUNK_ROWS);
            int valueWidth = 0;
            for (String[] row : chunk) {
                for (String value : row) {
                    valueWidth = Math.max(valueWidth, TextWidth.ofLines(value == null ? nullString : value));
                }
            }
            StringBuilder text = new StringBuilder();
            for (String[] row : chunk) {
                count++;
                rule(text, count, nameWidth, valueWidth);
                for (int i = 0; i < row.length; i++) {
                    String name = columns.get(i).name();
                    String[] lines = (row[i] == null ? nullString : row[i]).split("\n", -1);
                    for (int line = 0; line < lines.length; line++) {
                        String label = line == 0 ? name : "";
                        text.append(label);
                        TextWidth.pad(text, nameWidth - TextWidth.of(label), ' ');
                        text.append(" | ").append(lines[line]);
                        if (line + 1 < lines.length) {
                            TextWidth.pad(text, valueWidth - TextWidth.of(lines[line]), ' ');
                            text.append('+');
                        }
                        text.append('\n');
                    }
                }
            }
            out.print(text);
        } while (chunk.size() == TablePrinter.CHUNK_ROWS);
        if (count == 0) {
            out.println("(0 rows)");
        }
        out.println();
        return count;
    }

    /** The record rule, laid out as psql does: the label, then dashes with a {@code +} above the bar. */
    private static void rule(StringBuilder text, long record, int nameWidth, int valueWidth) {
        String label = "[ RECORD " + record + " ]";
        text.append('-').append(label);
        int over = label.length() + 1; // the leading dash sits above the first column too
        TextWidth.pad(text, nameWidth - over, '-');
        over -= nameWidth;
        text.append(over-- <= 0 ? "-" : "");
        text.append(over-- <= 0 ? "+" : "");
        text.append(over-- <= 0 ? "-" : "");
        TextWidth.pad(text, valueWidth - Math.max(over, 0), '-');
        text.append('\n');
    }
}
