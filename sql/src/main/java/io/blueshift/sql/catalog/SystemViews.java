package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.PhysicalDesign;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.storage.ColumnStorage;
import io.blueshift.storage.HistoryRow;
import io.blueshift.columnar.BufferPool;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Redshift's system views over the catalog and storage, made as SQL (a VALUES list) when a query
 * plans them: {@code svv_table_info} (a row per table: distribution, sort key, size, rows,
 * unsorted share), {@code pg_table_def} (a row per column: type, encoding, keys) and Blueshift's
 * {@code svv_column_storage} (a row per column: the encodings its stored chunks use and their bytes).
 */
public final class SystemViews {
    private SystemViews() {
    }

    /** A view whose defining SQL is made afresh each time a query uses it. */
    public record SystemView(String name, List<ColumnDef> columns, Supplier<Made> sql) {
    }

    /** A view's SQL and its columns, nullable where some row holds a NULL (as the VALUES list types them). */
    public record Made(String sql, List<ColumnDef> columns) {
    }

    private record Table(String schema, TableDef def) {
    }

    private static List<Table> tables(Catalog catalog) {
        List<Table> out = new ArrayList<>();
        for (SchemaDef s : catalog.schemas()) {
            for (TableDef t : s.tables().values()) {
                if (!t.isView()) {
                    out.add(new Table(s.name(), t));
                }
            }
        }
        return out;
    }

    private static ColumnDef column(String name, SqlType type) {
        return new ColumnDef(name, type, true);
    }

    private static final SqlType TEXT = SqlType.TEXT;

    public static List<SystemView> views(Catalog catalog, Function<TableDef, List<ColumnStorage>> storage,
                                         Supplier<List<HistoryRow>> history) {
        List<ColumnDef> tableInfo = List.of(column("database", TEXT), column("schema", TEXT), column("table_id", SqlType.BIGINT),
                column("table", TEXT), column("encoded", TEXT), column("diststyle", TEXT), column("sortkey1", TEXT),
                column("sortkey_num", SqlType.INTEGER), column("size", SqlType.BIGINT), column("size_bytes", SqlType.BIGINT),
                column("tbl_rows", SqlType.BIGINT), column("chunks", SqlType.INTEGER), column("unsorted", SqlType.decimal(5, 2)));
        List<ColumnDef> tableDef = List.of(column("schemaname", TEXT), column("tablename", TEXT), column("column", TEXT),
                column("type", TEXT), column("encoding", TEXT), column("distkey", SqlType.BOOLEAN), column("sortkey", SqlType.INTEGER),
                column("notnull", SqlType.BOOLEAN));
        List<ColumnDef> columnStorage = List.of(column("schema", TEXT), column("table", TEXT), column("column", TEXT),
                column("encoding", TEXT), column("stored_encodings", TEXT), column("bytes", SqlType.BIGINT));
        List<ColumnDef> historyColumns = List.of(column("schema", TEXT), column("table", TEXT), column("version", SqlType.BIGINT),
                column("committed_at", SqlType.TIMESTAMP), column("operation", TEXT), column("rows_added", SqlType.BIGINT),
                column("rows_removed", SqlType.BIGINT), column("tbl_rows", SqlType.BIGINT));
        return List.of(
                new SystemView("svv_table_history", historyColumns, () -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (HistoryRow h : history.get()) {
                        rows.add(Arrays.asList(h.schema(), h.table(), h.version(),
                                LocalDateTime.ofEpochSecond(h.micros() / 1_000_000, (int) (h.micros() % 1_000_000) * 1000,
                                        ZoneOffset.UTC), h.operation(), h.added(), h.removed(), h.rows()));
                    }
                    return sql(historyColumns, rows);
                }),
                new SystemView("svv_table_info", tableInfo, () -> {
                    List<List<Object>> rows = new ArrayList<>();
                    long id = 100_000;
                    for (Table t : tables(catalog)) {
                        TableDef d = t.def();
                        PhysicalDesign design = d.design();
                        long bytes = storage.apply(d).stream().mapToLong(ColumnStorage::bytes).sum();
                        int chunks = d.data().snapshot().size();
                        boolean encoded = d.columns().stream().anyMatch(c -> !"RAW".equals(c.encoding()));
                        String dist = design.distStyle().equals("KEY") ? "KEY(" + design.distKey() + ")" : design.distStyle();
                        double unsorted = design.sortKey().isEmpty() || chunks == 0 ? 0
                                : 100.0 * (chunks - d.data().sortedChunks()) / chunks;
                        rows.add(Arrays.asList("blueshift", t.schema(), ++id, d.name(), encoded ? "Y" : "N", dist,
                                design.sortKey().isEmpty() ? null : (design.sortStyle().equals("INTERLEAVED") ? "INTERLEAVED(" + design.sortKey().getFirst() + ")" : design.sortKey().getFirst()),
                                design.sortKey().size(), (bytes + (1 << 20) - 1) >> 20, bytes, d.data().rowCount(), chunks,
                                BigDecimal.valueOf(unsorted).setScale(2, RoundingMode.HALF_UP)));
                    }
                    return sql(tableInfo, rows);
                }),
                new SystemView("pg_table_def", tableDef, () -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (Table t : tables(catalog)) {
                        PhysicalDesign design = t.def().design();
                        for (ColumnDef c : t.def().columns()) {
                            int sortPosition = design.sortKey().indexOf(c.name()) + 1;
                            rows.add(Arrays.asList(t.schema(), t.def().name(), c.name(), c.type().name(),
                                    c.encoding() == null ? "auto" : c.encoding().toLowerCase(Locale.ROOT),
                                    c.name().equals(design.distKey()),
                                    design.sortStyle().equals("INTERLEAVED") && sortPosition > 0 ? -sortPosition : sortPosition,
                                    !c.nullable()));
                        }
                    }
                    return sql(tableDef, rows);
                }),
                new SystemView("svv_column_storage", columnStorage, () -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (Table t : tables(catalog)) {
                        List<ColumnStorage> stored = storage.apply(t.def());
                        for (int i = 0; i < t.def().columns().size(); i++) {
                            ColumnDef c = t.def().columns().get(i);
                            ColumnStorage s = i < stored.size() ? stored.get(i) : new ColumnStorage("", 0);
                            rows.add(Arrays.asList(t.schema(), t.def().name(), c.name(),
                                    c.encoding() == null ? "auto" : c.encoding().toLowerCase(Locale.ROOT),
                                    s.encodings().toLowerCase(Locale.ROOT), s.bytes()));
                        }
                    }
                    return sql(columnStorage, rows);
                }));
    }

    /**
     * {@code svv_buffer_pool}: one row of what the database's buffer pool of stored column chunks
     * holds (its budget, the bytes and columns kept, the bytes held for good) and has done (uses
     * that found the column in memory, reads from disk, evictions).
     */
    public static SystemView bufferPool(Supplier<BufferPool.Stats> stats) {
        List<ColumnDef> columns = List.of(column("budget_bytes", SqlType.BIGINT), column("used_bytes", SqlType.BIGINT),
                column("held_bytes", SqlType.BIGINT), column("columns", SqlType.BIGINT), column("hits", SqlType.BIGINT),
                column("misses", SqlType.BIGINT), column("evictions", SqlType.BIGINT));
        return new SystemView("svv_buffer_pool", columns, () -> {
            BufferPool.Stats s = stats.get();
            return sql(columns, List.of(Arrays.asList(s.budget(), s.bytesUsed(), s.bytesHeld(), (long) s.columns(), s.hits(),
                    s.misses(), s.evictions())));
        });
    }

    /** The SQL of a VALUES list with typed columns (a query returning no rows when there are none). */
    static Made sql(List<ColumnDef> columns, List<List<Object>> rows) {
        List<ColumnDef> typed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            final int c = i;
            boolean nullable = rows.isEmpty() || rows.stream().anyMatch(r -> r.get(c) == null);
            typed.add(new ColumnDef(columns.get(i).name(), columns.get(i).type(), nullable));
        }
        return new Made(text(columns, rows), typed);
    }

    /** A type as a CAST target; timestamps keep their fraction of a second. */
    private static String castType(SqlType type) {
        return type.kind() == TypeKind.TIMESTAMP ? "timestamp(6)" : type.name();
    }

    private static String text(List<ColumnDef> columns, List<List<Object>> rows) {
        StringBuilder sb = new StringBuilder("select ");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("cast(").append(rows.isEmpty() ? "null" : "v.c" + i).append(" as ")
                    .append(castType(columns.get(i).type())).append(") as \"").append(columns.get(i).name()).append('"');
        }
        if (rows.isEmpty()) {
            return sb.append(" from (values (0)) as v(x) where 1 = 0").toString();
        }
        sb.append(" from (values ");
        for (int r = 0; r < rows.size(); r++) {
            sb.append(r == 0 ? "(" : ", (");
            List<Object> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                String literal = v == null ? "null" : v instanceof String s ? "'" + s.replace("'", "''") + "'"
                        : v instanceof LocalDateTime t ? "'" + t.toString().replace('T', ' ') + "'" : v.toString();
                sb.append(i == 0 ? "" : ", ").append("cast(").append(literal).append(" as ").append(castType(columns.get(i).type())).append(')');
            }
            sb.append(')');
        }
        sb.append(") as v(");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "c" : ", c").append(i);
        }
        return sb.append(')').toString();
    }
}
