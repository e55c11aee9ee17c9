package io.blueshift.sql.commands;

import io.blueshift.columnar.vector.Vectors;
import io.blueshift.storage.PrimaryKeys;
import io.blueshift.sql.plan.TypeSpecs;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.sql.catalog.CalciteCatalogAdapter;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.plan.PlannedQuery;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.vector.FieldVector;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * DELETE and UPDATE. Both plan a query over the target table with one more column, the row id
 * (its chunk in the table's version and its position there): {@code SELECT __rowid FROM t WHERE
 * cond} for DELETE, {@code SELECT __rowid, <every column, or its SET expression> FROM t WHERE
 * cond} for UPDATE. The rows found get deletion vectors (the chunks themselves are never
 * rewritten); an UPDATE appends the new versions of its rows as new chunks in the same change.
 * Writers to one table take turns (its write lock) while they work out their change; readers
 * never wait: they read the version they started with. Inside a transaction block the change
 * stays the transaction's until COMMIT ({@link Transaction}).
 */
public final class DmlExecutor {
    private static final SqlParserPos POS = SqlParserPos.ZERO;

    private DmlExecutor() {
    }

    private static TableDef target(StatementContext session, SqlIdentifier id) {
        String schemaName = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : session.currentSchema();
        SchemaDef schema = session.catalog().findSchema(schemaName);
        TableDef table = schema == null ? null : schema.table(id.names.getLast());
        if (table == null || table.isView()) {
            throw new SqlPositionException(ErrorCode.UNDEFINED_TABLE, id.getParserPosition().getColumnNum(), null,
                    String.join(".", id.names));
        }
        return table;
    }

    private static SqlNode from(SqlNode table, SqlIdentifier alias) {
        return alias == null ? table : SqlStdOperatorTable.AS.createCall(POS, table, alias);
    }

    private static SqlSelect select(SqlNodeList list, SqlNode from, SqlNode where) {
        return new SqlSelect(POS, null, list, from, where, null, null, null, null, null, null, null, null);
    }

    public static Result delete(StatementContext session, String sql, SqlDelete delete, List<Object> parameters) {
        TableDef table = target(session, (SqlIdentifier) delete.getTargetTable());
        SqlNodeList list = new SqlNodeList(POS);
        list.add(new SqlIdentifier(CalciteCatalogAdapter.ROW_ID, POS));
        SqlSelect query = select(list, from(delete.getTargetTable(), delete.getAlias()), delete.getCondition());
        return run(session, sql, table, query, parameters, false);
    }

    public static Result update(StatementContext session, String sql, SqlUpdate update, List<Object> parameters) {
        TableDef table = target(session, (SqlIdentifier) update.getTargetTable());
        Map<Integer, SqlNode> assigned = new HashMap<>();
        SqlNodeList targets = update.getTargetColumnList();
        SqlNodeList sources = update.getSourceExpressionList();
        for (int i = 0; i < targets.size(); i++) {
            SqlIdentifier column = (SqlIdentifier) targets.get(i);
            int index = table.columnIndex(column.names.getLast());
            if (index < 0) {
                throw new SqlPositionException(ErrorCode.UNDEFINED_COLUMN, column.getParserPosition().getColumnNum(), null,
                        column.names.getLast());
            }
            if (assigned.containsKey(index)) {
                throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, column.getParserPosition().getColumnNum(), null,
                        "multiple assignments to same column \"" + column.names.getLast() + "\"");
            }
            SqlNode source = sources.get(i);
            if (source instanceof SqlDynamicParam p) {
                source = SqlStdOperatorTable.CAST.createCall(POS, p, TypeSpecs.of(table.columns().get(index).type()));
            }
            assigned.put(index, source);
        }
        SqlNodeList list = new SqlNodeList(POS);
        list.add(new SqlIdentifier(CalciteCatalogAdapter.ROW_ID, POS));
        for (int c = 0; c < table.columns().size(); c++) {
            SqlNode value = assigned.get(c);
            list.add(value != null ? value : new SqlIdentifier(List.of(update.getAlias() != null
                    ? update.getAlias().getSimple() : ((SqlIdentifier) update.getTargetTable()).names.getLast(),
                    table.columns().get(c).name()), POS));
        }
        SqlSelect query = select(list, from(update.getTargetTable(), update.getAlias()), update.getCondition());
        return run(session, sql, table, query, parameters, true);
    }

    private static Result run(StatementContext session, String sql, TableDef table, SqlSelect query, List<Object> parameters,
                              boolean update) {
        MemTable data = table.data();
        data.writeLock().lock();
        try {
            checkStillCurrent(session, table);
            PlannedQuery plan = session.frontEnd(table).plan(sql, query);
            RowIds found = new RowIds();
            List<Batch> added = new ArrayList<>();
            long count = 0;
            InsertExecutor.Target all = new InsertExecutor.Target(table,
                    IntStream.range(0, table.columns().size()).boxed().toList());
            try (Result result = session.query(plan, parameters, false)) {
                for (Batch next = result.next(); next != null; next = result.next()) {
                    try (Batch b = next) {
                        MemorySegment ids = b.values(0);
                        for (int r = 0; r < b.rowCount(); r++) {
                            long id = ids.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, r);
                            found.add(id);
                        }
                        count += b.rowCount();
                        if (update && b.rowCount() > 0) {
                            try (Batch values = withoutRowIds(b)) {
                                added.add(InsertExecutor.assign(session, table, all, values, Map.of()));
                            }
                        }
                    }
                }
                MemTable.Version version = session.view(data);
                apply(session, table, version, found.deletes(version), added);
                added = List.of();
            } finally {
                added.forEach(Batch::close);
            }
            session.committed(update ? "UPDATE" : "DELETE");
            return new StatusResult((update ? "UPDATE " : "DELETE ") + count, count);
        } finally {
            data.writeLock().unlock();
        }
    }

    /** Row ids (chunk index << 32 | row) of one table version, grouped by chunk. */
    static final class RowIds {
        private final Map<Integer, int[]> rows = new HashMap<>();
        private final Map<Integer, Integer> counts = new HashMap<>();

        void add(long id) {
            int chunk = (int) (id >>> 32);
            int n = counts.getOrDefault(chunk, 0);
            int[] r = rows.computeIfAbsent(chunk, k -> new int[16]);
            if (n == r.length) {
                r = Arrays.copyOf(r, n * 2);
                rows.put(chunk, r);
            }
            r[n] = (int) id;
            counts.put(chunk, n + 1);
        }

        /** The deletion vectors of the rows, on the chunks of {@code version} the ids were taken from. */
        Map<Batch, Deletes> deletes(MemTable.Version version) {
            Map<Batch, Deletes> out = new IdentityHashMap<>();
            rows.forEach((chunk, r) -> {
                Batch c = version.chunks().get(chunk);
                Deletes d = Deletes.of(c.rowCount(), r, counts.get(chunk));
                Deletes before = version.deletes(c);
                if (before != null && d.union(before).count() != d.count() + before.count()) {
                    throw new IllegalStateException("a row found to change was already deleted");
                }
                out.put(c, d);
            });
            return out;
        }
    }

    /**
     * Checks the primary key as it will stand and applies the change (or records it in the open
     * transaction); the added chunks then belong to the table.
     */
    static void apply(StatementContext session, TableDef table, MemTable.Version version, Map<Batch, Deletes> deletes, List<Batch> added) {
        if (PrimaryKeys.enforced(table) && !added.isEmpty()) {
            Map<Batch, Deletes> merged = new IdentityHashMap<>(version.deletes());
            deletes.forEach((b, d) -> merged.put(b, d.union(merged.get(b))));
            PrimaryKeys.check(table, new MemTable.Version(version.chunks(), merged, 0), added);
        }
        session.change(table, deletes, added);
    }

    /**
     * After taking the write lock: the table must still be the one the statement resolved (an
     * ALTER TABLE that copied it, or a DROP, in between fails the statement with 40001).
     */
    static void checkStillCurrent(StatementContext session, TableDef table) {
        boolean current = false;
        for (SchemaDef s : session.catalog().schemas()) {
            for (TableDef t : s.tables().values()) {
                current |= t.data() == table.data();
            }
        }
        if (!current) {
            throw new BlueshiftException(ErrorCode.SERIALIZATION_FAILURE, "table \"" + table.name() + "\" was altered or dropped meanwhile");
        }
    }

    /** A result batch without its first column (the row ids), sharing the other vectors. */
    private static Batch withoutRowIds(Batch b) {
        int n = b.columnCount() - 1;
        List<String> names = new ArrayList<>();
        SqlType[] types = new SqlType[n];
        FieldVector[] vectors = new FieldVector[n];
        for (int c = 0; c < n; c++) {
            names.add(b.name(c + 1));
            types[c] = b.type(c + 1);
            vectors[c] = Vectors.share(b.vector(c + 1), b.vector(c + 1).getAllocator());
        }
        return new Batch(names, types, vectors, b.rowCount());
    }
}
