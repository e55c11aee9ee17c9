package io.blueshift.server.shell;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Prints rows as psql's aligned table: centered headings, a {@code ---+---} rule, numbers aligned
 * right and text left, line breaks inside a value marked with {@code +} as psql does, and a
 * {@code (N rows)} footer. Column widths are computed per chunk of rows and only ever grow, so a
 * large result streams through in bounded memory at the price of an occasional wider column
 * further down (psql with FETCH_COUNT behaves the same way).
 */
record TablePrinter(PrintStream out, String nullString) {
    static final int CHUNK_ROWS = 1000;

    /** Prints the rows under an optional title (null for none) and returns how many there were. */
    long print(String title, RowSource source) throws SQLException {
        List<Column> columns = source.columns();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = TextWidth.of(columns.get(i).name());
        }
        long count = 0;
        boolean first = true;
        List<String[]> chunk;
        do {
            chunk = source.next(CHUNK_ROWS);
            for (String[] row : chunk) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], TextWidth.ofLines(display(row[i])));
                }
            }
            StringBuilder text = new StringBuilder();
            if (first) {
                header(text, title, columns, widths);
                first = false;
            }
            for (String[] row : chunk) {
                row(text, columns, widths, row);
            }
            out.print(text);
            count += chunk.size();
        } while (chunk.size() == CHUNK_ROWS);
        out.println(count == 1 ? "(1 row)" : "(" + count + " rows)");
        out.println();
        return count;
    }

    private String display(String value) {
        return value == null ? nullString : value;
    }

    private static void header(StringBuilder text, String title, List<Column> columns, int[] widths) {
        int total = widths.length - 1;
        for (int width : widths) {
            total += width + 2;
        }
        if (title != null) {
            TextWidth.pad(text, (total - TextWidth.of(title)) / 2, ' ');
            text.append(title).append('\n');
        }
        for (int i = 0; i < widths.length; i++) {
            String name = columns.get(i).name();
            int space = widths[i] - TextWidth.of(name);
            text.append(i == 0 ? " " : "| ");
            TextWidth.pad(text, space / 2, ' ');
            text.append(name);
            TextWidth.pad(text, space - space / 2 + 1, ' ');
        }
        text.append('\n');
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                text.append('+');
            }
            TextWidth.pad(text, widths[i] + 2, '-');
        }
        text.append('\n');
    }

    private void row(StringBuilder text, List<Column> columns, int[] widths, String[] row) {
        String[][] lines = new String[row.length][];
        int height = 1;
        for (int i = 0; i < row.length; i++) {
            lines[i] = display(row[i]).split("\n", -1);
            height = Math.max(height, lines[i].length);
        }
        for (int line = 0; line < height; line++) {
            for (int i = 0; i < row.length; i++) {
                String part = line < lines[i].length ? lines[i][line] : "";
                boolean continues = line + 1 < lines[i].length;
                boolean last = i == row.length - 1;
                int space = widths[i] - TextWidth.of(part);
                text.append(i == 0 ? " " : "| ");
                if (columns.get(i).numeric()) {
                    TextWidth.pad(text, space, ' ');
                    text.append(part);
                } else {
                    text.append(part);
                    if (!last || continues) {
                        TextWidth.pad(text, space, ' ');
                    }
                }
                if (continues) {
                    text.append('+');
                } else if (!last) {
                    text.append(' ');
                }
            }
            text.append('\n');
        }
    }
}
