package io.blueshift.sql.commands;

import io.blueshift.sql.session.StatementContext;
import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.sql.catalog.CalciteCatalogAdapter;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.ddl.MergeParser;
import io.blueshift.sql.plan.PlannedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;

/**
 * MERGE with every clause (WHEN MATCHED [AND c] THEN UPDATE | DELETE | DO NOTHING, WHEN NOT
 * MATCHED [AND c] THEN INSERT | DO NOTHING, WHEN NOT MATCHED BY SOURCE [AND c] THEN UPDATE |
 * DELETE | DO NOTHING). One query joins the target (with its row ids) and the source, marked by a
 * constant column, with the outer join the clauses need, and computes every clause's condition
 * and expressions per joined row; each row then takes the first clause that applies to it, as in
 * Postgres. Updated and deleted target rows get deletion vectors, updated and inserted rows are
 * appended, all as one change. A target row that two source rows would change fails with 21000.
 */
public final class MergeExecutor {
    private MergeExecutor() {
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static Result execute(StatementContext session, String sql, MergeParser.Merge m, List<Object> parameters) {
        String schemaName = m.target().schema() == null ? session.currentSchema() : m.target().schema();
        SchemaDef schema = session.catalog().findSchema(schemaName);
        TableDef table = schema == null ? null : schema.table(m.target().name());
        if (table == null || table.isView()) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, m.target().toString());
        }
        String t = m.targetAlias() != null ? m.targetAlias() : m.target().name();
        String s = m.sourceAlias();
        if (s == null) {
            if (m.source().startsWith("(")) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "a sub-query in USING must have an alias");
            }
            String[] parts = m.source().split("\\.");
            s = parts[parts.length - 1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
        }
        boolean bySource = m.whens().stream().anyMatch(w -> w.match() == MergeParser.Match.NOT_MATCHED_BY_SOURCE);
        boolean byTarget = m.whens().stream().anyMatch(w -> w.match() == MergeParser.Match.NOT_MATCHED);
        String join = bySource && byTarget ? "FULL JOIN" : bySource ? "LEFT JOIN" : byTarget ? "RIGHT JOIN" : "JOIN";

        int n = table.columns().size();
        StringBuilder q = new StringBuilder("SELECT ").append(quote(t)).append('.').append(CalciteCatalogAdapter.ROW_ID)
                .append(", ").append(quote(s)).append(".__present");
        for (ColumnDef c : table.columns()) {
            q.append(", ").append(quote(t)).append('.').append(quote(c.name()));
        }
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < m.whens().size(); i++) {
            MergeParser.When w = m.whens().get(i);
            q.append(", (").append(w.condition() == null ? "TRUE" : w.condition()).append(") IS TRUE");
            int[] columns = new int[w.expressions() == null ? 0 : w.expressions().size()];
            for (int j = 0; j < columns.length; j++) {
                q.append(", (").append(w.expressions().get(j)).append(')');
            }
            if (w.action() == MergeParser.Action.UPDATE || w.action() == MergeParser.Action.INSERT) {
                List<String> names = w.columns();
                if (w.action() == MergeParser.Action.INSERT && names.isEmpty() && w.expressions() != null) {
                    names = table.columns().stream().map(ColumnDef::name).toList().subList(0, Math.min(n, columns.length));
                }
                if (w.expressions() != null && names.size() != columns.length) {
                    throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "INSERT has more "
                            + (names.size() > columns.length ? "target columns than expressions" : "expressions than target columns"));
                }
                Set<Integer> seen = new HashSet<>();
                for (int j = 0; j < columns.length; j++) {
                    columns[j] = table.columnIndex(names.get(j));
                    if (columns[j] < 0) {
                        throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, names.get(j));
                    }
                    if (!seen.add(columns[j])) {
                        throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "multiple assignments to same column \"" + names.get(j) + "\"");
                    }
                }
            }
            targets.add(columns);
        }
        String source = m.source().startsWith("(") ? m.source() : m.source() + " AS __q";
        q.append(" FROM ").append(m.target()).append(" AS ").append(quote(t)).append(' ').append(join)
                .append(" (SELECT __q.*, TRUE AS __present FROM ").append(m.source().startsWith("(") ? source + " AS __q" : source)
                .append(") AS ").append(quote(s)).append(" ON (").append(m.on()).append(')');

        MemTable data = table.data();
        data.writeLock().lock();
        try {
            DmlExecutor.checkStillCurrent(session, table);
            PlannedQuery plan = session.frontEnd(table).plan(q.toString());
            Map<Integer, Object> defaults = InsertExecutor.defaults(session, table, new InsertExecutor.Target(table, List.of()));
            Map<Long, Boolean> touched = new HashMap<>();
            DmlExecutor.RowIds deletes = new DmlExecutor.RowIds();
            List<Object[]> rows = new ArrayList<>();
            long affected = 0;
            try (Result result = session.query(plan, parameters, false)) {
                for (Batch b = result.next(); b != null; b = result.next()) {
                    try (Batch batch = b) {
                        for (int r = 0; r < batch.rowCount(); r++) {
                            Object rid = batch.get(0, r);
                            boolean present = batch.get(1, r) != null;
                            MergeParser.Match match = rid != null && present ? MergeParser.Match.MATCHED
                                    : rid == null ? MergeParser.Match.NOT_MATCHED : MergeParser.Match.NOT_MATCHED_BY_SOURCE;
                            int col = 2 + n;
                            for (int i = 0; i < m.whens().size(); i++) {
                                MergeParser.When w = m.whens().get(i);
                                int[] assigned = targets.get(i);
                                boolean applies = w.match() == match && Boolean.TRUE.equals(batch.get(col, r));
                                if (!applies) {
                                    col += 1 + assigned.length;
                                    continue;
                                }
                                if (w.action() == MergeParser.Action.UPDATE || w.action() == MergeParser.Action.DELETE) {
                                    long id = (Long) rid;
                                    if (touched.put(id, true) != null) {
                                        throw new BlueshiftException(ErrorCode.CARDINALITY_VIOLATION,
                                                "MERGE command cannot affect row a second time");
                                    }
                                    deletes.add(id);
                                }
                                if (w.action() == MergeParser.Action.UPDATE) {
                                    Object[] row = new Object[n];
                                    for (int c = 0; c < n; c++) {
                                        row[c] = batch.get(2 + c, r);
                                    }
                                    for (int j = 0; j < assigned.length; j++) {
                                        row[assigned[j]] = batch.get(col + 1 + j, r);
                                    }
                                    rows.add(row);
                                } else if (w.action() == MergeParser.Action.INSERT) {
                                    Object[] row = new Object[n];
                                    for (int c = 0; c < n; c++) {
                                        row[c] = defaults.get(c);
                                    }
                                    for (int j = 0; j < assigned.length; j++) {
                                        row[assigned[j]] = batch.get(col + 1 + j, r);
                                    }
                                    rows.add(row);
                                }
                                if (w.action() != MergeParser.Action.NOTHING) {
                                    affected++;
                                }
                                break;
                            }
                        }
                    }
                }
            }
            MemTable.Version version = session.view(data);
            List<Batch> added = new ArrayList<>();
            try {
                if (!rows.isEmpty()) {
                    added.add(chunk(table, rows));
                }
                DmlExecutor.apply(session, table, version, deletes.deletes(version), added);
                added = List.of();
            } finally {
                added.forEach(Batch::close);
            }
            session.committed("MERGE");
            return new StatusResult("MERGE " + affected, affected);
        } finally {
            data.writeLock().unlock();
        }
    }

    /** New rows as one chunk of the table's types (values converted, NOT NULL checked, lengths checked). */
    private static Batch chunk(TableDef table, List<Object[]> rows) {
        int n = table.columns().size();
        FieldVector[] vectors = new FieldVector[n];
        try {
            for (int c = 0; c < n; c++) {
                ColumnDef column = table.columns().get(c);
                vectors[c] = ArrowTypes.field(column.name(), column.type(), true).createVector(table.data().allocator());
                vectors[c].setInitialCapacity(rows.size());
                vectors[c].allocateNew();
                for (int r = 0; r < rows.size(); r++) {
                    Object v = rows.get(r)[c];
                    if (v == null && !column.nullable()) {
                        throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
                    }
                    Values.set(vectors[c], column.type(), r, v == null ? null : Conversions.convert(v, column.type()));
                }
                vectors[c].setValueCount(rows.size());
            }
        } catch (RuntimeException e) {
            for (FieldVector v : vectors) {
                if (v != null) {
                    v.close();
                }
            }
            throw e;
        }
        return new Batch(table.columns().stream().map(ColumnDef::name).toList(),
                table.columns().stream().map(ColumnDef::type).toArray(SqlType[]::new), vectors, rows.size());
    }
}
