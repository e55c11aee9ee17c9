package io.blueshift.server.shell;

import java.sql.SQLException;
import java.util.List;

/**
 * Rows to print, handed out a chunk at a time so that a result of millions of rows never sits in
 * memory at once (psql's FETCH_COUNT). Values are display strings, {@code null} for SQL NULL.
 */
interface RowSource {
    List<Column> columns();

    /** The next rows, at most {@code max} of them; fewer than {@code max} means the end. */
    List<String[]> next(int max) throws SQLException;

    /** Rows already in memory, for the listings of backslash commands. */
    static RowSource of(List<Column> columns, List<String[]> rows) {
        return new RowSource() {
            private int position;

            @Override
            public List<Column> columns() {
                return columns;
            }

            @Override
            public List<String[]> next(int max) {
                List<String[]> chunk = rows.subList(position, Math.min(rows.size(), position + max));
                position += chunk.size();
                return chunk;
            }
        };
    }
}
