package io.blueshift.sql.commands;

import io.blueshift.storage.catalog.ColumnEncodings;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.PhysicalDesign;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.ddl.Ddl;
import io.blueshift.sql.plan.PlannedQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** Carries out DDL statements against the session's database catalog. */
public final class DdlExecutor {
    private final StatementContext session;
    private final Catalog catalog;

    public DdlExecutor(StatementContext session) {
        this.session = session;
        this.catalog = session.catalog();
    }

    public Result execute(Ddl ddl) {
        // statements that rewrite rows take the tables' write locks before the catalog, in the
        // order UPDATE, DELETE and MERGE take them (write lock, then the catalog to commit)
        List<ReentrantLock> locks = new ArrayList<>();
        List<Ddl.Name> rewritten = switch (ddl) {
            case Ddl.Truncate t -> t.tables();
            case Ddl.AlterDesign a -> List.of(a.table());
            case Ddl.AddColumn a -> List.of(a.table());
            case Ddl.DropColumn d -> List.of(d.table());
            default -> List.of();
        };
        for (Ddl.Name name : rewritten) {
            SchemaDef schema = catalog.findSchema(name.schema() == null ? session.currentSchema() : name.schema());
            TableDef t = schema == null ? null : schema.table(name.name());
            if (t != null && t.data() != null) {
                locks.add(t.data().writeLock());
            }
        }
        locks.sort(Comparator.comparingInt(System::identityHashCode));
        locks.forEach(ReentrantLock::lock);
        try {
            return executeLocked(ddl);
        } finally {
            locks.forEach(ReentrantLock::unlock);
        }
    }

    private Result executeLocked(Ddl ddl) {
        synchronized (catalog) {
            return switch (ddl) {
                case Ddl.CreateSchema s -> createSchema(s);
                case Ddl.DropSchema s -> dropSchema(s);
                case Ddl.CreateTable t -> createTable(t);
                case Ddl.CreateTableAs t -> createTableAs(t);
                case Ddl.CreateView v -> createView(v);
                case Ddl.Drop d -> drop(d);
                case Ddl.AddColumn a -> addColumn(a);
                case Ddl.DropColumn d -> dropColumn(d);
                case Ddl.RenameColumn r -> renameColumn(r);
                case Ddl.RenameTable r -> renameTable(r);
                case Ddl.Truncate t -> truncate(t);
                case Ddl.AlterDesign a -> alterDesign(a);
                case Ddl.CreateUser u -> Users.create(session, u);
                case Ddl.AlterUser u -> Users.alter(session, u);
                case Ddl.DropUser u -> Users.drop(session, u);
            };
        }
    }

    private Result createSchema(Ddl.CreateSchema s) {
        if (catalog.findSchema(s.name()) != null) {
            if (s.ifNotExists()) {
                return new StatusResult("CREATE SCHEMA", -1);
            }
            throw new BlueshiftException(ErrorCode.DUPLICATE_SCHEMA, s.name());
        }
        catalog.schema(s.name());
        return new StatusResult("CREATE SCHEMA", -1);
    }

    private Result dropSchema(Ddl.DropSchema s) {
        SchemaDef schema = catalog.findSchema(s.name());
        if (schema == null) {
            if (s.ifExists()) {
                return new StatusResult("DROP SCHEMA", -1);
            }
            throw new BlueshiftException(ErrorCode.INVALID_SCHEMA_NAME, s.name());
        }
        if (!schema.tables().isEmpty() && !s.cascade()) {
            throw new BlueshiftException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop schema " + s.name() + " because other objects depend on it");
        }
        for (TableDef t : schema.tables().values()) {
            if (t.data() != null) {
                session.storage().retire(t.data());
            }
        }
        catalog.removeSchema(s.name());
        return new StatusResult("DROP SCHEMA", -1);
    }

    private SchemaDef schemaOf(Ddl.Name name) {
        String schemaName = name.schema() == null ? session.currentSchema() : name.schema();
        SchemaDef schema = catalog.findSchema(schemaName);
        if (schema == null) {
            throw new BlueshiftException(ErrorCode.INVALID_SCHEMA_NAME, schemaName);
        }
        return schema;
    }

    private TableDef existing(Ddl.Name name, boolean view) {
        TableDef t = schemaOf(name).table(name.name());
        if (t == null || t.isView() != view) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, name.toString());
        }
        return t;
    }

    private Result createTable(Ddl.CreateTable t) {
        SchemaDef schema = schemaOf(t.name());
        if (schema.table(t.name().name()) != null) {
            if (t.ifNotExists()) {
                return new StatusResult("CREATE TABLE", -1);
            }
            throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, t.name().name());
        }
        Set<String> seen = new HashSet<>();
        List<ColumnDef> columns = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            if (!seen.add(c.name())) {
                throw new BlueshiftException(ErrorCode.DUPLICATE_COLUMN, c.name(), t.name().name());
            }
            boolean key = t.primaryKey().contains(c.name());
            columns.add(key ? new ColumnDef(c.name(), c.type(), false, c.defaultSql()) : c);
        }
        for (String k : t.primaryKey()) {
            if (!seen.contains(k)) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, k);
            }
        }
        checkDesign(t.design(), columns);
        schema.put(new TableDef(t.name().name(), columns, 0, t.primaryKey(), newData(t.name().name(), columns), null,
                t.design()));
        return new StatusResult("CREATE TABLE", -1);
    }

    private MemTable newData(String name, List<ColumnDef> columns) {
        return new MemTable(session.newTableAllocator(name), columns.stream().map(ColumnDef::type).toList());
    }

    private Result createTableAs(Ddl.CreateTableAs t) {
        SchemaDef schema = schemaOf(t.name());
        if (schema.table(t.name().name()) != null) {
            if (t.ifNotExists()) {
                return new StatusResult("SELECT 0", 0);
            }
            throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, t.name().name());
        }
        PlannedQuery plan = planView(t.querySql(), t.queryOffset());
        List<String> names = names(plan, t.columnNames());
        List<ColumnDef> columns = new ArrayList<>();
        List<SqlType> types = plan.sqlTypes();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new ColumnDef(names.get(i), types.get(i), true));
        }
        checkDesign(t.design(), columns);
        MemTable data = newData(t.name().name(), columns);
        long rows;
        TableDef created = new TableDef(t.name().name(), columns, 0, List.of(), data, null, t.design());
        try {
            rows = InsertExecutor.appendQuery(session, plan, columns, data);
            if (!t.design().sortKey().isEmpty() || t.design().distStyle().equals("KEY") || t.design().distStyle().equals("EVEN")) {
                TableRewriter.rewrite(session, created, true);
            }
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        schema.put(created);
        return new StatusResult("SELECT " + rows, rows);
    }

    private Result createView(Ddl.CreateView v) {
        SchemaDef schema = schemaOf(v.name());
        TableDef old = schema.table(v.name().name());
        if (old != null && !(v.orReplace() && old.isView())) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, v.name().name());
        }
        PlannedQuery plan = planView(v.querySql(), v.queryOffset());
        List<String> names = names(plan, v.columnNames());
        List<ColumnDef> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new ColumnDef(names.get(i), plan.sqlTypes().get(i), plan.columnTypes().get(i).isNullable()));
        }
        schema.put(new TableDef(v.name().name(), columns, 0, List.of(), null, v.querySql()));
        return new StatusResult("CREATE VIEW", -1);
    }

    private PlannedQuery planView(String sql, int offset) {
        try {
            return session.frontEnd().plan(sql);
        } catch (SqlPositionException e) {
            throw new SqlPositionException(e.code(), e.position() == 0 ? 0 : e.position() + offset, e, e.getMessage());
        }
    }

    private static List<String> names(PlannedQuery plan, List<String> given) {
        if (given.isEmpty()) {
            return plan.columnNames();
        }
        if (given.size() > plan.columnNames().size()) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "too many column names were specified");
        }
        List<String> out = new ArrayList<>(given);
        out.addAll(plan.columnNames().subList(given.size(), plan.columnNames().size()));
        return out;
    }

    /** Sort and distribution keys must name columns of the table; DISTKEY goes with DISTSTYLE KEY. */
    private static void checkDesign(PhysicalDesign design, List<ColumnDef> columns) {
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        for (String c : design.sortKey()) {
            if (!names.contains(c)) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, c);
            }
        }
        if (design.distKey() != null && !names.contains(design.distKey())) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, design.distKey());
        }
        if (design.distStyle().equals("KEY") != (design.distKey() != null)) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, design.distKey() == null
                    ? "DISTSTYLE KEY needs a DISTKEY column" : "a DISTKEY column needs DISTSTYLE KEY, not " + design.distStyle());
        }
        if (design.sortStyle().equals("INTERLEAVED") && design.sortKey().size() > 8) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "an interleaved sort key has at most 8 columns");
        }
        if (design.sortKey().size() > 400) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "a sort key has at most 400 columns");
        }
    }

    private Result alterDesign(Ddl.AlterDesign a) {
        TableDef t = existing(a.table(), false);
        PhysicalDesign design = t.design();
        List<ColumnDef> columns = new ArrayList<>(t.columns());
        if (a.distStyle() != null) {
            design = design.withDistribution(a.distStyle(), a.distKey());
        }
        if (a.sortStyle() != null) {
            design = design.withSort(a.sortStyle(), a.sortKey());
        }
        if (a.encoding() != null) {
            for (int i = 0; i < columns.size(); i++) {
                ColumnDef c = columns.get(i);
                if (a.column() == null || c.name().equals(a.column())) {
                    String e = ColumnEncodings.check(a.encoding(), c.name(), c.type());
                    columns.set(i, c.withEncoding(e.equals("AUTO") ? null : e));
                }
            }
            if (a.column() != null && t.columnIndex(a.column()) < 0) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, a.column());
            }
        }
        checkDesign(design, columns);
        TableDef updated = t.withDesign(columns, design);
        schemaOf(a.table()).put(updated);
        if (a.sortStyle() != null) {
            t.data().setSortedChunks(0);
        }
        if (a.distStyle() != null) {
            // rows move to the slices of the new distribution, as Redshift redistributes
            TableRewriter.rewrite(session, updated, t.data().sortedChunks() > 0);
        }
        return new StatusResult("ALTER TABLE", -1);
    }

    private Result drop(Ddl.Drop d) {
        for (Ddl.Name name : d.names()) {
            SchemaDef schema = catalog.findSchema(name.schema() == null ? session.currentSchema() : name.schema());
            TableDef t = schema == null ? null : schema.table(name.name());
            if (t == null || t.isView() != d.view()) {
                if (t != null) {
                    throw new BlueshiftException(ErrorCode.WRONG_OBJECT_TYPE,
                            "\"" + name.name() + "\" is not a " + (d.view() ? "view" : "table"));
                }
                if (d.ifExists()) {
                    continue;
                }
                throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, name.toString());
            }
            schema.remove(name.name());
            if (t.data() != null) {
                session.storage().retire(t.data());
            }
        }
        return new StatusResult(d.view() ? "DROP VIEW" : "DROP TABLE", -1);
    }

    private Result addColumn(Ddl.AddColumn a) {
        TableDef t = existing(a.table(), false);
        if (t.columnIndex(a.column().name()) >= 0) {
            if (a.ifNotExists()) {
                return new StatusResult("ALTER TABLE", -1);
            }
            throw new BlueshiftException(ErrorCode.DUPLICATE_COLUMN, a.column().name(), t.name());
        }
        List<ColumnDef> columns = new ArrayList<>(t.columns());
        columns.add(a.column());
        MemTable data = newData(t.name(), columns);
        try {
            InsertExecutor.copyWithNewColumn(session, t, a.column(), data);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        replace(a.table(), t, t.withColumns(columns, data));
        return new StatusResult("ALTER TABLE", -1);
    }

    private Result dropColumn(Ddl.DropColumn d) {
        TableDef t = existing(d.table(), false);
        int index = t.columnIndex(d.column());
        if (index < 0) {
            if (d.ifExists()) {
                return new StatusResult("ALTER TABLE", -1);
            }
            throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, d.column());
        }
        if (t.design().sortKey().contains(d.column()) || d.column().equals(t.design().distKey())) {
            throw new BlueshiftException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop column \"" + d.column() + "\": it is in the table's sort key or distribution key");
        }
        List<ColumnDef> columns = new ArrayList<>(t.columns());
        columns.remove(index);
        MemTable data = newData(t.name(), columns);
        try {
            InsertExecutor.copyWithoutColumn(t, index, data);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        replace(d.table(), t, t.withColumns(columns, data));
        return new StatusResult("ALTER TABLE", -1);
    }

    private Result renameColumn(Ddl.RenameColumn r) {
        TableDef t = existing(r.table(), false);
        int index = t.columnIndex(r.from());
        if (index < 0) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, r.from());
        }
        if (t.columnIndex(r.to()) >= 0) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_COLUMN, r.to(), t.name());
        }
        List<ColumnDef> columns = new ArrayList<>(t.columns());
        ColumnDef c = columns.get(index);
        columns.set(index, c.withName(r.to()));
        schemaOf(r.table()).put(t.withDesign(columns, t.design().renamed(r.from(), r.to())));
        return new StatusResult("ALTER TABLE", -1);
    }

    private Result renameTable(Ddl.RenameTable r) {
        TableDef t = existing(r.table(), false);
        SchemaDef schema = schemaOf(r.table());
        if (schema.table(r.to()) != null) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, r.to());
        }
        schema.remove(t.name());
        schema.put(t.renamed(r.to()));
        return new StatusResult("ALTER TABLE", -1);
    }

    private Result truncate(Ddl.Truncate tr) {
        if (session.inTransaction()) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "TRUNCATE inside a transaction block (it is not transactional yet)");
        }
        for (Ddl.Name name : tr.tables()) {
            MemTable data = existing(name, false).data();
            data.writeLock().lock();
            try {
                data.replace(List.<Batch>of());
            } finally {
                data.writeLock().unlock();
            }
        }
        return new StatusResult("TRUNCATE TABLE", -1);
    }

    private void replace(Ddl.Name name, TableDef old, TableDef updated) {
        schemaOf(name).put(updated);
        session.storage().retire(old.data());
    }
}
