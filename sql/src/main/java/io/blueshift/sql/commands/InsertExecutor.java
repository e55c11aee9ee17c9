package io.blueshift.sql.commands;

import io.blueshift.columnar.PhysicalType;
import io.blueshift.storage.table.Deletes;
import io.blueshift.sql.plan.TypeSpecs;
import io.blueshift.storage.PrimaryKeys;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.CastExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.storage.table.MemTable;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.plan.PlannedQuery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * INSERT: the source rows are computed (a VALUES list of constants and parameters directly, any
 * other source as a query), converted to the target columns' types with assignment rules (a string
 * too long fails with 22001, a number out of range with 22003, NULL in a NOT NULL column with
 * 23502), completed with the defaults of the columns not listed, and appended to the table in one
 * step, so a failing INSERT adds no row.
 */
public final class InsertExecutor {
    private final StatementContext session;

    public InsertExecutor(StatementContext session) {
        this.session = session;
    }

    public Result execute(String sql, SqlInsert insert, List<Object> parameters) {
        Target target = target(session, insert);
        long rows;
        List<List<SqlNode>> values = constantRows(insert.getSource());
        if (values != null) {
            rows = appendRows(session, target, values, List.of(parameters));
        } else {
            SqlNode source = withTypedParameters(insert.getSource(), target);
            PlannedQuery plan = session.frontEnd().plan(sql, source);
            if (plan.columnNames().size() != target.columns.size()) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, plan.columnNames().size() > target.columns.size()
                        ? "INSERT has more expressions than target columns"
                        : "INSERT has more target columns than expressions");
            }
            rows = append(session, plan, target, parameters);
        }
        return new StatusResult("INSERT 0 " + rows, rows);
    }

    /** The table and the columns an INSERT names (all of them when it names none). */
    public record Target(TableDef table, List<Integer> columns) {
    }

    public static Target target(StatementContext session, SqlInsert insert) {
        SqlIdentifier id = (SqlIdentifier) insert.getTargetTable();
        Catalog catalog = session.catalog();
        String schemaName = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : session.currentSchema();
        String tableName = id.names.get(id.names.size() - 1);
        SchemaDef schema = catalog.findSchema(schemaName);
        TableDef table = schema == null ? null : schema.table(tableName);
        if (table == null || table.isView()) {
            throw new SqlPositionException(ErrorCode.UNDEFINED_TABLE, id.getParserPosition().getColumnNum(), null,
                    String.join(".", id.names));
        }
        List<Integer> columns = new ArrayList<>();
        if (insert.getTargetColumnList() == null) {
            for (int i = 0; i < table.columns().size(); i++) {
                columns.add(i);
            }
        } else {
            for (SqlNode n : insert.getTargetColumnList()) {
                String name = ((SqlIdentifier) n).getSimple();
                int index = table.columnIndex(name);
                if (index < 0) {
                    throw new SqlPositionException(ErrorCode.UNDEFINED_COLUMN, n.getParserPosition().getColumnNum(),
                            null, name);
                }
                if (columns.contains(index)) {
                    throw new BlueshiftException(ErrorCode.DUPLICATE_COLUMN, name, table.name());
                }
                columns.add(index);
            }
        }
        return new Target(table, columns);
    }

    /** The rows of a VALUES source whose values are all constants or parameters, else null. */
    public static List<List<SqlNode>> constantRows(SqlNode source) {
        if (source.getKind() != SqlKind.VALUES) {
            return null;
        }
        List<List<SqlNode>> rows = new ArrayList<>();
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
            List<SqlNode> values = ((SqlCall) row).getOperandList();
            for (SqlNode v : values) {
                if (!(v instanceof SqlLiteral || v instanceof SqlDynamicParam || isNegatedNumber(v))) {
                    return null;
                }
            }
            rows.add(values);
        }
        return rows;
    }

    private static boolean isNegatedNumber(SqlNode v) {
        return v.getKind() == SqlKind.MINUS_PREFIX && ((SqlCall) v).operand(0) instanceof SqlLiteral;
    }

    /** The Java value of a constant of the VALUES fast path. */
    private static Object constant(SqlNode v, List<Object> parameters) {
        if (v instanceof SqlDynamicParam p) {
            if (p.getIndex() >= parameters.size()) {
                throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "no value bound for parameter $" + (p.getIndex() + 1));
            }
            return parameters.get(p.getIndex());
        }
        if (isNegatedNumber(v)) {
            return ((BigDecimal) constant(((SqlCall) v).operand(0), parameters)).negate();
        }
        SqlLiteral lit = (SqlLiteral) v;
        return switch (lit.getTypeName()) {
            case NULL -> null;
            case BOOLEAN -> lit.booleanValue();
            case DECIMAL, INTEGER, BIGINT, DOUBLE, FLOAT, REAL, SMALLINT, TINYINT -> lit.getValueAs(BigDecimal.class);
            case CHAR, VARCHAR -> lit.getValueAs(String.class);
            default -> lit.toValue();
        };
    }

    /**
     * Appends constant rows, once per parameter set (a JDBC batch is one call): values are
     * converted and written straight into the table's vectors.
     */
    public static long appendRows(StatementContext session, Target target, List<List<SqlNode>> rows, List<List<Object>> parameterSets) {
        TableDef table = target.table();
        for (List<SqlNode> row : rows) {
            if (row.size() != target.columns().size()) {
                throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, row.size() > target.columns().size()
                        ? "INSERT has more expressions than target columns"
                        : "INSERT has more target columns than expressions");
            }
        }
        int n = rows.size() * parameterSets.size();
        Map<Integer, Object> defaults = defaults(session, table, target);
        BufferAllocator allocator = table.data().allocator();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < table.columns().size(); c++) {
                ColumnDef column = table.columns().get(c);
                FieldVector v = ArrowTypes.field(column.name(), column.type(), true).createVector(allocator);
                vectors.add(v);
                v.setInitialCapacity(Math.max(n, 1));
                v.allocateNew();
                int targetIndex = target.columns().indexOf(c);
                int r = 0;
                for (List<Object> parameters : parameterSets) {
                    for (List<SqlNode> row : rows) {
                        Object value = targetIndex >= 0 ? constant(row.get(targetIndex), parameters) : defaults.get(c);
                        store(v, column, table, r++, value);
                    }
                }
                v.setValueCount(n);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        Batch added = chunk(table, vectors, n);
        try {
            PrimaryKeys.check(table, session.view(table.data()), List.of(added));
        } catch (RuntimeException e) {
            added.close();
            throw e;
        }
        session.change(table, Map.of(), List.of(added));
        return n;
    }

    private static void store(FieldVector v, ColumnDef column, TableDef table, int row, Object value) {
        if (value == null) {
            if (!column.nullable()) {
                throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
            }
            Values.set(v, column.type(), row, null);
            return;
        }
        if (storeExact(v, column.type(), row, value)) {
            return;
        }
        Object converted = column.type().isString() ? Conversions.toText(value) : Conversions.convert(value, column.type());
        Values.set(v, column.type(), row, converted);
    }

    /**
     * Stores a value that already has its column's Java type straight into the vector (the common
     * case of a JDBC batch load); returns false when it needs converting first.
     */
    private static boolean storeExact(FieldVector v, SqlType type, int row, Object value) {
        switch (type.kind()) {
            case INTEGER -> {
                if (value instanceof Integer i) {
                    ((IntVector) v).setSafe(row, i);
                    return true;
                }
            }
            case BIGINT -> {
                if (value instanceof Long l) {
                    ((BigIntVector) v).setSafe(row, l);
                    return true;
                }
            }
            case DOUBLE -> {
                if (value instanceof Double d) {
                    ((Float8Vector) v).setSafe(row, d);
                    return true;
                }
            }
            case DECIMAL -> {
                if (value instanceof BigDecimal d && d.scale() == type.scale()
                        && type.physical() == PhysicalType.LONG && d.precision() <= type.precision()) {
                    ((BigIntVector) v).setSafe(row, d.unscaledValue().longValue());
                    return true;
                }
            }
            case DATE -> {
                if (value instanceof LocalDate d) {
                    ((DateDayVector) v).setSafe(row, (int) d.toEpochDay());
                    return true;
                }
            }
            case VARCHAR, TEXT -> {
                if (value instanceof String s && (type.length() == 0 || s.length() <= type.length())) {
                    ((VarCharVector) v).setSafe(row, s.getBytes(StandardCharsets.UTF_8));
                    return true;
                }
            }
            default -> {
            }
        }
        return false;
    }

    private static Batch chunk(TableDef table, List<FieldVector> vectors, int n) {
        List<String> names = table.columns().stream().map(ColumnDef::name).toList();
        SqlType[] types = table.columns().stream().map(ColumnDef::type).toArray(SqlType[]::new);
        return new Batch(names, types, vectors.toArray(new FieldVector[0]), n);
    }

    /** The default value of every table column the INSERT does not list, computed once per statement. */
    public static Map<Integer, Object> defaults(StatementContext session, TableDef table, Target target) {
        Map<Integer, Object> out = new HashMap<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (!target.columns().contains(c)) {
                String sql = table.columns().get(c).defaultSql();
                out.put(c, sql == null ? null : evaluate(session, sql));
            }
        }
        return out;
    }

    private static Object evaluate(StatementContext session, String expression) {
        try (Result r = session.execute("SELECT " + expression)) {
            Batch b = r.next();
            return b == null || b.rowCount() == 0 ? null : b.get(0, 0);
        }
    }

    /** Gives each {@code ?} of a VALUES source its target column's type, which it cannot infer alone. */
    private static SqlNode withTypedParameters(SqlNode source, Target target) {
        if (source.getKind() != SqlKind.VALUES) {
            return source;
        }
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
            SqlCall call = (SqlCall) row;
            for (int i = 0; i < call.operandCount() && i < target.columns().size(); i++) {
                if (call.operand(i) instanceof SqlDynamicParam p) {
                    SqlType type = target.table().columns().get(target.columns().get(i)).type();
                    call.setOperand(i, SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, p,
                            TypeSpecs.of(type)));
                }
            }
        }
        return source;
    }

    /** Runs a planned source query and appends its rows to the target's columns. */
    static long append(StatementContext session, PlannedQuery plan, Target target, List<Object> parameters) {
        return append(session, plan, target, parameters, false);
    }

    /** With {@code direct}, the rows go straight into the table (a table being created), not through the session's transaction. */
    static long append(StatementContext session, PlannedQuery plan, Target target, List<Object> parameters, boolean direct) {
        TableDef table = target.table();
        Map<Integer, Object> defaults = defaults(session, table, target);
        List<Batch> chunks = new ArrayList<>();
        long rows = 0;
        try (Result result = session.query(plan, parameters, false)) {
            for (Batch b = result.next(); b != null; b = result.next()) {
                chunks.add(assign(session, table, target, b, defaults));
                rows += b.rowCount();
            }
            PrimaryKeys.check(table, session.view(table.data()), chunks);
        } catch (RuntimeException e) {
            chunks.forEach(Batch::close);
            throw e;
        }
        if (direct) {
            table.data().append(chunks);
        } else {
            session.change(table, Map.of(), chunks);
        }
        return rows;
    }

    /** CREATE TABLE AS: the query's rows into a new table of the given columns. */
    static long appendQuery(StatementContext session, PlannedQuery plan, List<ColumnDef> columns, MemTable data) {
        TableDef table = new TableDef("new", columns, 0, List.of(), data, null);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            all.add(i);
        }
        return append(session, plan, new Target(table, all), List.of(), true);
    }

    /** One source batch as a table chunk: columns converted, defaults added, NOT NULL checked. */
    static Batch assign(StatementContext session, TableDef table, Target target, Batch source, Map<Integer, Object> defaults) {
        int n = source.rowCount();
        BufferAllocator allocator = table.data().allocator();
        List<FieldVector> vectors = new ArrayList<>();
        try (QueryMemory scratch = session.memoryPool().newQuery("insert", Long.MAX_VALUE)) {
            ExecContext ctx = new ExecContext(scratch, List.of(), Instant.now());
            for (int c = 0; c < table.columns().size(); c++) {
                ColumnDef column = table.columns().get(c);
                int from = target.columns().indexOf(c);
                FieldVector converted;
                if (from < 0) {
                    converted = Vectors.constant(scratch, column.type(), defaults.get(c) == null ? null
                            : Conversions.convert(defaults.get(c), column.type()), n);
                } else if (needsRowAssignment(source.type(from), column.type())) {
                    converted = Vectors.allocate(scratch, column.type(), n);
                    try {
                        for (int r = 0; r < n; r++) {
                            Object v = source.get(from, r);
                            Values.set(converted, column.type(), r, v == null ? null : Conversions.toText(v));
                        }
                    } catch (RuntimeException e) {
                        converted.close();
                        throw e;
                    }
                    converted.setValueCount(n);
                } else {
                    converted = CastExpr.create(new ColumnExpr(from, source.type(from)), column.type()).eval(source, ctx);
                }
                try (FieldVector owned = converted) {
                    if (!column.nullable() && owned.getNullCount() > 0) {
                        throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
                    }
                    vectors.add(Vectors.share(owned, allocator));
                }
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return chunk(table, vectors, n);
    }

    /** Strings into CHAR(n)/VARCHAR(n) are checked value by value (22001 when too long; CHAR is padded). */
    private static boolean needsRowAssignment(SqlType from, SqlType to) {
        return to.kind() == TypeKind.CHAR || to.kind() == TypeKind.VARCHAR && to.length() > 0
                && !(from.kind() == TypeKind.VARCHAR && from.length() > 0 && from.length() <= to.length());
    }

    /** ALTER TABLE ADD COLUMN: the old chunks shared, plus the new column filled with its default. */
    static void copyWithNewColumn(StatementContext session, TableDef table, ColumnDef column, MemTable data) {
        Object value = column.defaultSql() == null ? null : Conversions.convert(evaluate(session, column.defaultSql()), column.type());
        if (value == null && !column.nullable() && table.data().rowCount() > 0) {
            throw new BlueshiftException(ErrorCode.NOT_NULL_VIOLATION, column.name(), table.name());
        }
        List<Batch> chunks = new ArrayList<>();
        MemTable.Version version = table.data().version();
        try (QueryMemory scratch = session.memoryPool().newQuery("alter", Long.MAX_VALUE)) {
            for (Batch b : version.chunks()) {
                List<FieldVector> vectors = new ArrayList<>();
                for (int c = 0; c < b.columnCount(); c++) {
                    vectors.add(Vectors.share(b.vector(c), data.allocator()));
                }
                try (FieldVector filled = Vectors.constant(scratch, column.type(), value, b.rowCount())) {
                    vectors.add(Vectors.share(filled, data.allocator()));
                }
                List<String> names = new ArrayList<>(b.names());
                names.add(column.name());
                List<SqlType> types = new ArrayList<>();
                for (int c = 0; c < b.columnCount(); c++) {
                    types.add(b.type(c));
                }
                types.add(column.type());
                chunks.add(new Batch(names, types.toArray(new SqlType[0]), vectors.toArray(new FieldVector[0]), b.rowCount()));
            }
        } catch (RuntimeException e) {
            chunks.forEach(Batch::close);
            throw e;
        }
        appendKeepingDeletes(data, version, chunks);
    }

    /** Appends the copies of a version's chunks (in order) with the deletion vectors of their originals. */
    private static void appendKeepingDeletes(MemTable data, MemTable.Version from, List<Batch> copies) {
        data.append(copies);
        Map<Batch, Deletes> deletes = new IdentityHashMap<>();
        for (int i = 0; i < copies.size(); i++) {
            Deletes d = from.deletes(from.chunks().get(i));
            if (d != null) {
                deletes.put(copies.get(i), d);
            }
        }
        data.setDeletes(deletes);
    }

    /** ALTER TABLE DROP COLUMN: the other columns of the old chunks, shared. */
    static void copyWithoutColumn(TableDef table, int dropped, MemTable data) {
        List<Batch> chunks = new ArrayList<>();
        MemTable.Version version = table.data().version();
        for (Batch b : version.chunks()) {
            List<FieldVector> vectors = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<SqlType> types = new ArrayList<>();
            for (int c = 0; c < b.columnCount(); c++) {
                if (c != dropped) {
                    vectors.add(Vectors.share(b.vector(c), data.allocator()));
                    names.add(b.name(c));
                    types.add(b.type(c));
                }
            }
            chunks.add(new Batch(names, types.toArray(new SqlType[0]), vectors.toArray(new FieldVector[0]), b.rowCount()));
        }
        appendKeepingDeletes(data, version, chunks);
    }
}
