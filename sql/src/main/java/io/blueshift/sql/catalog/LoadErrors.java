package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.columnar.SqlType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The rows COPY rejected, newest last, as Redshift's {@code stl_load_errors} shows them: the
 * COPY's query id and start, the table, the file and line, the column with its type, the raw line
 * and field, the SQLSTATE and the reason. The log keeps the last {@link #KEPT} rows of the database.
 */
public final class LoadErrors {
    public static final int KEPT = 10_000;

    /** One rejected field (or line, when the line itself is malformed: column and field empty). */
    public record LoadError(long query, long startMicros, String table, String file, long line, String column, String type,
                            String rawLine, String rawValue, String code, String reason) {
    }

    private final Deque<LoadError> errors = new ArrayDeque<>();

    public synchronized void add(List<LoadError> rows) {
        for (LoadError e : rows) {
            errors.addLast(e);
            if (errors.size() > KEPT) {
                errors.removeFirst();
            }
        }
    }

    public synchronized List<LoadError> rows() {
        return List.copyOf(errors);
    }

    /** {@code stl_load_errors} over this log. */
    public SystemViews.SystemView view() {
        List<ColumnDef> columns = List.of(new ColumnDef("query", SqlType.BIGINT, true), new ColumnDef("starttime", SqlType.TIMESTAMP, true),
                new ColumnDef("tbl", SqlType.TEXT, true), new ColumnDef("filename", SqlType.TEXT, true),
                new ColumnDef("line_number", SqlType.BIGINT, true), new ColumnDef("colname", SqlType.TEXT, true),
                new ColumnDef("type", SqlType.TEXT, true), new ColumnDef("raw_line", SqlType.TEXT, true),
                new ColumnDef("raw_field_value", SqlType.TEXT, true), new ColumnDef("err_code", SqlType.TEXT, true),
                new ColumnDef("err_reason", SqlType.TEXT, true));
        return new SystemViews.SystemView("stl_load_errors", columns, () -> {
            List<List<Object>> rows = new ArrayList<>();
            for (LoadError e : rows()) {
                rows.add(Arrays.asList(e.query(), LocalDateTime.ofEpochSecond(e.startMicros() / 1_000_000,
                                (int) (e.startMicros() % 1_000_000) * 1000, ZoneOffset.UTC), e.table(), e.file(), e.line(),
                        e.column(), e.type(), e.rawLine(), e.rawValue(), e.code(), e.reason()));
            }
            return SystemViews.sql(columns, rows);
        });
    }
}
