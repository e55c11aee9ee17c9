package io.blueshift.sql.commands;

import io.blueshift.storage.catalog.ColumnEncodings;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.storage.table.MemTable;
import io.blueshift.storage.table.Deletes;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.PhysicalDesign;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.ForeignKey;
import io.blueshift.storage.catalog.IndexDef;
import io.blueshift.sql.ddl.Ddl;
import io.blueshift.sql.plan.PlannedQuery;
import io.blueshift.storage.PrimaryKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
            case Ddl.CreateIndex i -> List.of(i.table());
            case Ddl.AddPrimaryKey k -> List.of(k.table());
            case Ddl.AddUnique u -> List.of(u.table());
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
                case Ddl.CreateIndex i -> createIndex(i);
                case Ddl.DropIndex d -> dropIndex(d);
                case Ddl.AddPrimaryKey k -> addPrimaryKey(k);
                case Ddl.AddForeignKey k -> addForeignKey(k);
                case Ddl.AddUnique u -> addUnique(u);
                case Ddl.DropConstraint c -> dropConstraint(c);
                case Ddl.AddInformationalConstraint c -> {
                    existing(c.table(), false);
                    yield new StatusResult("ALTER TABLE", -1);
                }
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
        List<Reference> fromOutside = new ArrayList<>();
        for (TableDef t : schema.tables().values()) {
            for (Reference r : references(schema.name(), t.name(), false)) {
                if (r.schema() != schema) {
                    fromOutside.add(r);
                }
            }
        }
        dropDependents(fromOutside, "schema " + s.name(), "schema " + s.name(), true);
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
        if (schema.table(t.name().name()) != null || indexOwner(schema, t.name().name()) != null) {
            if (t.ifNotExists()) {
                session.notice("relation \"" + t.name().name() + "\" already exists, skipping");
                return new StatusResult("CREATE TABLE", -1);
            }
            throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, t.name().name());
        }
        ignoredParameters(t.storageParameters());
        Set<String> seen = new HashSet<>();
        List<ColumnDef> columns = new ArrayList<>();
        List<ColumnDef> declared = withLikes(t);
        for (ColumnDef c : declared) {
            if (!seen.add(c.name())) {
                throw new BlueshiftException(ErrorCode.DUPLICATE_COLUMN, c.name(), t.name().name());
            }
            boolean key = t.primaryKey().contains(c.name());
            columns.add(key ? new ColumnDef(c.name(), c.type(), false, c.defaultSql(), c.encoding()) : c);
        }
        for (String k : t.primaryKey()) {
            if (!seen.contains(k)) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, k);
            }
        }
        PhysicalDesign design = t.design().withForeignKeys(foreignKeys(t.design().foreignKeys(), schema, t.name().name(), columns));
        checkDesign(design, columns);
        if (!t.primaryKey().isEmpty()) {
            TableDef bare = new TableDef(t.name().name(), columns, 0, List.of(), null, null, design.withPrimaryKeyName(null));
            String name = constraintName(schema, bare, List.of(), design.primaryKeyName(), t.primaryKey(), "pkey");
            design = design.withPrimaryKeyName(name.equals(t.name().name() + "_pkey") ? null : name);
        }
        TableDef made = new TableDef(t.name().name(), columns, 0, t.primaryKey(), null, null, design);
        List<IndexDef> uniques = new ArrayList<>();
        for (Ddl.Unique u : t.uniques()) {
            for (String c : u.columns()) {
                if (!seen.contains(c)) {
                    throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, c);
                }
            }
            // as Postgres, a unique constraint over the primary key's or another's columns is not made twice
            if (u.columns().equals(t.primaryKey()) || uniques.stream().anyMatch(i -> i.columns().equals(u.columns()))) {
                continue;
            }
            uniques.add(IndexDef.uniqueConstraint(constraintName(schema, made, uniques, u), u.columns()));
        }
        design = design.withIndexes(uniques);
        schema.put(new TableDef(t.name().name(), columns, 0, t.primaryKey(), newData(t.name().name(), columns), null,
                design));
        return new StatusResult("CREATE TABLE", -1);
    }

    /**
     * The name of a new UNIQUE constraint (and its index): the one written, which must be free
     * among the schema's relations and indexes (42P07), then the table's constraints (42710), or
     * Postgres' {@code table_col1_col2_key}, numbered when taken.
     */
    private static String constraintName(SchemaDef schema, TableDef table, List<IndexDef> adding, Ddl.Unique u) {
        return constraintName(schema, table, adding, u.name(), u.columns(), "key");
    }

    /**
     * The name of a new key constraint that Postgres backs with an index: {@code given}, or {@code
     * table_col1_col2_key} for a unique constraint ({@code kind} "key") and {@code table_pkey} for a
     * primary key ({@code kind} "pkey"), numbered when taken.
     */
    private static String constraintName(SchemaDef schema, TableDef table, List<IndexDef> adding, String given,
                                         List<String> columns, String kind) {
        if (given != null) {
            if (schema.table(given) != null || indexOwner(schema, given) != null || taken(adding, given)) {
                throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, given);
            }
            if (constraintNamed(table, given)) {
                throw new BlueshiftException(ErrorCode.DUPLICATE_OBJECT, "constraint \"" + given + "\" for relation \""
                        + table.name() + "\" already exists");
            }
            return given;
        }
        String base = kind.equals("pkey") ? table.name() + "_pkey" : table.name() + "_" + String.join("_", columns) + "_key";
        String name = base;
        for (int n = 1; schema.table(name) != null || indexOwner(schema, name) != null || constraintNamed(table, name)
                || taken(adding, name); n++) {
            name = base + n;
        }
        return name;
    }

    private static boolean taken(List<IndexDef> adding, String name) {
        for (IndexDef i : adding) {
            if (i.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code table} has a constraint (primary key, unique, foreign key) of that name. */
    private static boolean constraintNamed(TableDef table, String name) {
        if (!table.primaryKey().isEmpty() && table.primaryKeyName().equals(name)) {
            return true;
        }
        IndexDef index = table.design().index(name);
        return index != null && index.constraint() || table.design().foreignKeys().stream().anyMatch(k -> k.name().equals(name));
    }

    /**
     * The declared columns with each LIKE's source columns in its place: names, types, NOT NULL and
     * encodings, defaults only with INCLUDING DEFAULTS (Redshift's and Postgres' LIKE).
     */
    private List<ColumnDef> withLikes(Ddl.CreateTable t) {
        if (t.likes().isEmpty()) {
            return t.columns();
        }
        List<ColumnDef> out = new ArrayList<>();
        int next = 0;
        for (Ddl.Like like : t.likes()) {
            out.addAll(t.columns().subList(next, like.position()));
            next = like.position();
            SchemaDef schema = schemaOf(like.source());
            TableDef source = schema.table(like.source().name());
            if (source == null) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, like.source().toString());
            }
            for (ColumnDef c : source.columns()) {
                out.add(new ColumnDef(c.name(), c.type(), c.nullable(), like.defaults() ? c.defaultSql() : null, c.encoding()));
            }
        }
        out.addAll(t.columns().subList(next, t.columns().size()));
        return out;
    }

    /** Postgres' storage parameters (fillfactor, autovacuum_*, ...) mean nothing to Blueshift's storage. */
    private void ignoredParameters(List<String> parameters) {
        if (!parameters.isEmpty()) {
            session.notice("storage parameters are ignored: " + String.join(", ", parameters));
        }
    }

    /**
     * Foreign keys with their referenced schema resolved, checked as Redshift checks them: the
     * referenced table exists (or is the one being made, {@code selfName}), both column lists name
     * columns and have the same length. The rows are not checked: the keys are informational.
     */
    private List<ForeignKey> foreignKeys(List<ForeignKey> keys, SchemaDef own, String selfName, List<ColumnDef> ownColumns) {
        List<ForeignKey> out = new ArrayList<>();
        List<String> ownNames = ownColumns.stream().map(ColumnDef::name).toList();
        for (ForeignKey k : keys) {
            for (String c : k.columns()) {
                if (!ownNames.contains(c)) {
                    throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, c);
                }
            }
            String refSchema = k.refSchema() == null ? session.currentSchema() : k.refSchema();
            List<String> refNames;
            List<String> refKey;
            if (refSchema.equals(own.name()) && k.refTable().equals(selfName)) {
                refNames = ownNames;
                refKey = List.of();
            } else {
                SchemaDef schema = catalog.findSchema(refSchema);
                TableDef ref = schema == null ? null : schema.table(k.refTable());
                if (ref == null || ref.isView()) {
                    throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, k.refSchema() == null ? k.refTable()
                            : refSchema + "." + k.refTable());
                }
                refNames = ref.columns().stream().map(ColumnDef::name).toList();
                refKey = ref.primaryKey();
            }
            for (String c : k.refColumns()) {
                if (!refNames.contains(c)) {
                    throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, c);
                }
            }
            int refCount = k.refColumns().isEmpty() ? refKey.size() : k.refColumns().size();
            if (refCount != k.columns().size() && !(k.refColumns().isEmpty() && refKey.isEmpty())) {
                throw new BlueshiftException(ErrorCode.INVALID_FOREIGN_KEY,
                        "number of referencing and referenced columns for foreign key disagree");
            }
            out.add(new ForeignKey(k.name(), k.columns(), refSchema, k.refTable(), k.refColumns()));
        }
        return out;
    }

    /** The table in {@code schema} that has an index named {@code name}, or null. */
    private static TableDef indexOwner(SchemaDef schema, String name) {
        for (TableDef t : schema.tables().values()) {
            if (t.design().index(name) != null || !t.primaryKey().isEmpty() && t.primaryKeyName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * CREATE [UNIQUE] INDEX: kept with the table's design. A unique one is checked against the
     * rows first (23505 when they repeat a key, as Postgres fails to build it) and then by every
     * row writer. A table without a sort key is sorted by its first index's columns when VACUUM
     * rewrites it, so the zone maps of those columns narrow and scans filtering them skip chunks.
     */
    private Result createIndex(Ddl.CreateIndex i) {
        TableDef t = schemaOf(i.table()).table(i.table().name());
        if (t == null) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_TABLE, i.table().toString());
        }
        if (t.isView()) {
            throw new BlueshiftException(ErrorCode.WRONG_OBJECT_TYPE, "cannot create index on relation \"" + t.name()
                    + "\": this operation is not supported for views");
        }
        for (String c : i.columns()) {
            if (t.columnIndex(c) < 0) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, c);
            }
        }
        SchemaDef schema = schemaOf(i.table());
        String name = i.name() != null ? i.name() : indexName(schema, t.name(), i.columns());
        if (schema.table(name) != null || indexOwner(schema, name) != null) {
            if (i.ifNotExists()) {
                session.notice("relation \"" + name + "\" already exists, skipping");
                return new StatusResult("CREATE INDEX", -1);
            }
            throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, name);
        }
        ignoredParameters(i.storageParameters());
        if (i.unique()) {
            checkUnique(t, name, i.columns(), true);
        }
        List<IndexDef> indexes = new ArrayList<>(t.design().indexes());
        indexes.add(new IndexDef(name, i.columns(), i.unique(), i.method()));
        schema.put(t.withDesign(t.columns(), t.design().withIndexes(indexes)));
        return new StatusResult("CREATE INDEX", -1);
    }

    /** Postgres' name for an index the statement did not name: table_col1_col2_idx, numbered when taken. */
    private static String indexName(SchemaDef schema, String table, List<String> columns) {
        String base = table + "_" + String.join("_", columns);
        String name = base + "_idx";
        for (int n = 1; schema.table(name) != null || indexOwner(schema, name) != null; n++) {
            name = base + "_idx" + n;
        }
        return name;
    }

    private Result dropIndex(Ddl.DropIndex d) {
        for (Ddl.Name name : d.names()) {
            SchemaDef schema = catalog.findSchema(name.schema() == null ? session.currentSchema() : name.schema());
            TableDef owner = schema == null ? null : indexOwner(schema, name.name());
            if (owner == null) {
                if (schema != null && schema.table(name.name()) != null) {
                    throw new BlueshiftException(ErrorCode.WRONG_OBJECT_TYPE, "\"" + name.name() + "\" is not an index");
                }
                if (d.ifExists()) {
                    session.notice("index \"" + name.name() + "\" does not exist, skipping");
                    continue;
                }
                throw new BlueshiftException(ErrorCode.UNDEFINED_OBJECT, "index \"" + name.name() + "\" does not exist");
            }
            IndexDef index = owner.design().index(name.name());
            if (index == null || index.constraint()) {
                throw new BlueshiftException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + name.name()
                        + " because constraint " + name.name() + " on table " + owner.name() + " requires it")
                        .withHint("You can drop constraint " + name.name() + " on table " + owner.name() + " instead.");
            }
            List<IndexDef> indexes = new ArrayList<>(owner.design().indexes());
            indexes.remove(owner.design().index(name.name()));
            schema.put(owner.withDesign(owner.columns(), owner.design().withIndexes(indexes)));
        }
        return new StatusResult("DROP INDEX", -1);
    }

    /**
     * ALTER TABLE ADD PRIMARY KEY: the key's columns become NOT NULL; rows with a NULL in them fail
     * with 23502 and repeated keys with 23505, as Postgres fails to build the key's index.
     */
    private Result addPrimaryKey(Ddl.AddPrimaryKey k) {
        TableDef t = existing(k.table(), false);
        if (!t.primaryKey().isEmpty()) {
            throw new BlueshiftException(ErrorCode.INVALID_TABLE_DEFINITION,
                    "multiple primary keys for table \"" + t.name() + "\" are not allowed");
        }
        List<ColumnDef> columns = new ArrayList<>(t.columns());
        MemTable.Version version = session.view(t.data());
        for (String c : k.columns()) {
            int index = t.columnIndex(c);
            if (index < 0) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, c);
            }
            if (hasNulls(version, index)) {
                throw new BlueshiftException(ErrorCode.COLUMN_CONTAINS_NULLS, c, t.name());
            }
            ColumnDef old = columns.get(index);
            columns.set(index, new ColumnDef(old.name(), old.type(), false, old.defaultSql(), old.encoding()));
        }
        SchemaDef schema = schemaOf(k.table());
        String name = constraintName(schema, t, List.of(), k.constraintName(), k.columns(), "pkey");
        checkUnique(t, name, k.columns(), false);
        schema.put(new TableDef(t.name(), columns, t.estimatedRows(), k.columns(), t.data(), null,
                t.design().withPrimaryKeyName(name.equals(t.name() + "_pkey") ? null : name)));
        return new StatusResult("ALTER TABLE", -1);
    }

    /**
     * Before a unique index is built over rows that exist: a key two rows share fails with 23505,
     * as Postgres fails to build the index ("Key (a)=(1) is duplicated.").
     */
    private void checkUnique(TableDef t, String name, List<String> columns, boolean nullsDistinct) {
        List<Object> repeated = PrimaryKeys.repeated(t, session.view(t.data()), List.of(), columns, nullsDistinct);
        if (repeated != null) {
            throw new BlueshiftException(ErrorCode.UNIQUE_INDEX_DUPLICATES, name)
                    .withDetail(PrimaryKeys.keyDetail(columns, repeated) + " is duplicated.");
        }
    }

    /**
     * ALTER TABLE ADD [CONSTRAINT name] UNIQUE (columns): the rows there are checked first (23505,
     * as Postgres fails to build the constraint's index), then every row writer checks it.
     */
    private Result addUnique(Ddl.AddUnique u) {
        TableDef t = existing(u.table(), false);
        for (String c : u.unique().columns()) {
            if (t.columnIndex(c) < 0) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_COLUMN, c);
            }
        }
        SchemaDef schema = schemaOf(u.table());
        String name = constraintName(schema, t, List.of(), u.unique());
        checkUnique(t, name, u.unique().columns(), true);
        List<IndexDef> indexes = new ArrayList<>(t.design().indexes());
        indexes.add(IndexDef.uniqueConstraint(name, u.unique().columns()));
        schema.put(t.withDesign(t.columns(), t.design().withIndexes(indexes)));
        return new StatusResult("ALTER TABLE", -1);
    }

    /**
     * ALTER TABLE DROP CONSTRAINT: a primary key (its columns stay NOT NULL, as in Postgres), a
     * unique constraint with its index, or a foreign key. Foreign keys that reference the key
     * being dropped make it 2BP01 unless CASCADE, which drops them with a NOTICE.
     */
    private Result dropConstraint(Ddl.DropConstraint c) {
        TableDef t = existing(c.table(), false);
        SchemaDef schema = schemaOf(c.table());
        if (!constraintNamed(t, c.name())) {
            if (c.ifExists()) {
                session.notice("constraint \"" + c.name() + "\" of relation \"" + t.name() + "\" does not exist, skipping");
                return new StatusResult("ALTER TABLE", -1);
            }
            throw new BlueshiftException(ErrorCode.UNDEFINED_OBJECT, "constraint \"" + c.name() + "\" of relation \""
                    + t.name() + "\" does not exist");
        }
        boolean primary = !t.primaryKey().isEmpty() && t.primaryKeyName().equals(c.name());
        IndexDef index = t.design().index(c.name());
        if (primary || index != null) {
            List<String> key = primary ? t.primaryKey() : index.columns();
            List<Reference> dependents = new ArrayList<>();
            for (Reference r : references(schema.name(), t.name(), true)) {
                if (r.referencedColumns(catalog).equals(key)) {
                    dependents.add(r);
                }
            }
            dropDependents(dependents, "constraint " + c.name() + " on table " + t.name(), "index " + c.name(),
                    c.cascade());
            t = schema.table(t.name());
            if (primary) {
                schema.put(new TableDef(t.name(), t.columns(), t.estimatedRows(), List.of(), t.data(), null,
                        t.design().withPrimaryKeyName(null)));
            } else {
                List<IndexDef> indexes = new ArrayList<>(t.design().indexes());
                indexes.remove(index);
                schema.put(t.withDesign(t.columns(), t.design().withIndexes(indexes)));
            }
        } else {
            List<ForeignKey> keys = new ArrayList<>(t.design().foreignKeys());
            keys.removeIf(k -> k.name().equals(c.name()));
            schema.put(t.withDesign(t.columns(), t.design().withForeignKeys(keys)));
        }
        return new StatusResult("ALTER TABLE", -1);
    }

    /** A foreign key of {@code table} (in {@code schema}) that references another table. */
    private record Reference(SchemaDef schema, TableDef table, ForeignKey key) {
        /** The referenced columns: those named, or the referenced table's primary key. */
        List<String> referencedColumns(Catalog catalog) {
            if (!key.refColumns().isEmpty()) {
                return key.refColumns();
            }
            SchemaDef s = catalog.findSchema(key.refSchema());
            TableDef ref = s == null ? null : s.table(key.refTable());
            return ref == null ? List.of() : ref.primaryKey();
        }

        String describe() {
            return "constraint " + key.name() + " on table " + table.name();
        }
    }

    /** The foreign keys that reference {@code schema.table}; those of the table itself only with {@code self}. */
    private List<Reference> references(String schema, String table, boolean self) {
        List<Reference> out = new ArrayList<>();
        for (SchemaDef s : catalog.schemas()) {
            for (TableDef t : s.tables().values()) {
                if (t.isView() || !self && s.name().equals(schema) && t.name().equals(table)) {
                    continue;
                }
                for (ForeignKey k : t.design().foreignKeys()) {
                    if (k.refSchema().equals(schema) && k.refTable().equals(table)) {
                        out.add(new Reference(s, t, k));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Objects that depend on what a statement drops: 2BP01 as Postgres words it (each dependent in
     * the DETAIL) unless CASCADE, which drops the foreign keys with Postgres' NOTICE.
     */
    private void dropDependents(List<Reference> dependents, String dropping, String dependedOn, boolean cascade) {
        if (dependents.isEmpty()) {
            return;
        }
        if (!cascade) {
            List<String> lines = new ArrayList<>();
            for (Reference r : dependents) {
                lines.add(r.describe() + " depends on " + dependedOn);
            }
            throw new BlueshiftException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + dropping
                    + " because other objects depend on it").withDetail(String.join("\n", lines))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        session.notice(dependents.size() == 1 ? "drop cascades to " + dependents.getFirst().describe()
                : "drop cascades to " + dependents.size() + " other objects");
        for (Reference r : dependents) {
            TableDef t = r.schema().table(r.table().name());
            List<ForeignKey> keys = new ArrayList<>(t.design().foreignKeys());
            keys.removeIf(k -> k.name().equals(r.key().name()));
            r.schema().put(t.withDesign(t.columns(), t.design().withForeignKeys(keys)));
        }
    }

    private static boolean hasNulls(MemTable.Version version, int column) {
        for (Batch b : version.chunks()) {
            Deletes deleted = version.deletes(b);
            for (int r = 0; r < b.rowCount(); r++) {
                if ((deleted == null || !deleted.isDeleted(r)) && b.get(column, r) == null) {
                    return true;
                }
            }
        }
        return false;
    }

    private Result addForeignKey(Ddl.AddForeignKey k) {
        TableDef t = existing(k.table(), false);
        SchemaDef schema = schemaOf(k.table());
        if (t.design().foreignKeys().stream().anyMatch(f -> f.name().equals(k.key().name()))) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_OBJECT, "constraint \"" + k.key().name()
                    + "\" for relation \"" + t.name() + "\" already exists");
        }
        List<ForeignKey> keys = new ArrayList<>(t.design().foreignKeys());
        keys.addAll(foreignKeys(List.of(k.key()), schema, t.name(), t.columns()));
        schema.put(t.withDesign(t.columns(), t.design().withForeignKeys(keys)));
        return new StatusResult("ALTER TABLE", -1);
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
            if (!d.view()) {
                // foreign keys of tables this statement drops too go with them
                List<Reference> dependents = new ArrayList<>();
                for (Reference r : references(schema.name(), t.name(), false)) {
                    if (!dropped(d, r)) {
                        dependents.add(r);
                    }
                }
                dropDependents(dependents, "table " + t.name(), "table " + t.name(), d.cascade());
            }
            schema.remove(name.name());
            if (t.data() != null) {
                session.storage().retire(t.data());
            }
        }
        return new StatusResult(d.view() ? "DROP VIEW" : "DROP TABLE", -1);
    }

    /** Whether DROP TABLE {@code d} drops the table that holds foreign key {@code r} too. */
    private boolean dropped(Ddl.Drop d, Reference r) {
        for (Ddl.Name n : d.names()) {
            String schema = n.schema() == null ? session.currentSchema() : n.schema();
            if (schema.equals(r.schema().name()) && n.name().equals(r.table().name())) {
                return true;
            }
        }
        return false;
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
        // foreign keys of other tables that reference the column, or the primary key it is part of, depend on it
        SchemaDef schema = schemaOf(d.table());
        List<Reference> dependents = new ArrayList<>();
        for (Reference r : references(schema.name(), t.name(), false)) {
            if (r.referencedColumns(catalog).contains(d.column())) {
                dependents.add(r);
            }
        }
        dropDependents(dependents, "column " + d.column() + " of table " + t.name(),
                "column " + d.column() + " of table " + t.name(), d.cascade());
        t = schema.table(t.name());
        List<ColumnDef> columns = new ArrayList<>(t.columns());
        columns.remove(index);
        MemTable data = newData(t.name(), columns);
        try {
            InsertExecutor.copyWithoutColumn(t, index, data);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        // as in Postgres, the indexes and keys over the column go with it
        List<IndexDef> indexes = new ArrayList<>();
        for (IndexDef i : t.design().indexes()) {
            if (!i.columns().contains(d.column())) {
                indexes.add(i);
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (ForeignKey k : t.design().foreignKeys()) {
            if (!k.columns().contains(d.column())) {
                keys.add(k);
            }
        }
        PhysicalDesign design = t.design().withIndexes(indexes).withForeignKeys(keys);
        List<String> primaryKey = t.primaryKey();
        if (primaryKey.contains(d.column())) {
            // as in Postgres, the primary key goes with a column of it
            primaryKey = List.of();
            design = design.withPrimaryKeyName(null);
        }
        replace(d.table(), t, new TableDef(t.name(), columns, t.estimatedRows(), primaryKey, data, null, design));
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
        SchemaDef schema = schemaOf(r.table());
        schema.put(t.withDesign(columns, t.design().renamed(r.from(), r.to())));
        for (Reference ref : references(schema.name(), t.name(), true)) {
            TableDef holder = ref.schema().table(ref.table().name());
            List<ForeignKey> keys = new ArrayList<>();
            for (ForeignKey k : holder.design().foreignKeys()) {
                keys.add(k.name().equals(ref.key().name()) ? new ForeignKey(k.name(), k.columns(), k.refSchema(),
                        k.refTable(), k.refColumns().stream().map(c2 -> c2.equals(r.from()) ? r.to() : c2).toList()) : k);
            }
            ref.schema().put(holder.withDesign(holder.columns(), holder.design().withForeignKeys(keys)));
        }
        return new StatusResult("ALTER TABLE", -1);
    }

    private Result renameTable(Ddl.RenameTable r) {
        TableDef t = existing(r.table(), false);
        SchemaDef schema = schemaOf(r.table());
        if (schema.table(r.to()) != null) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_TABLE, r.to());
        }
        List<Reference> referencing = references(schema.name(), t.name(), true);
        schema.remove(t.name());
        // as in Postgres, the primary key keeps its name (t_pkey) when the table is renamed
        TableDef renamed = t.primaryKey().isEmpty() ? t.renamed(r.to())
                : t.withDesign(t.columns(), t.design().withPrimaryKeyName(t.primaryKeyName())).renamed(r.to());
        schema.put(renamed);
        // foreign keys name the table they reference, so they follow it (Postgres' keys hold its OID)
        for (Reference ref : referencing) {
            TableDef holder = ref.schema().table(ref.table().name().equals(t.name()) && ref.schema() == schema
                    ? r.to() : ref.table().name());
            List<ForeignKey> keys = new ArrayList<>();
            for (ForeignKey k : holder.design().foreignKeys()) {
                keys.add(k.name().equals(ref.key().name()) ? new ForeignKey(k.name(), k.columns(), k.refSchema(), r.to(),
                        k.refColumns()) : k);
            }
            ref.schema().put(holder.withDesign(holder.columns(), holder.design().withForeignKeys(keys)));
        }
        return new StatusResult("ALTER TABLE", -1);
    }

    /**
     * TRUNCATE empties the tables at once; inside a block (pgbench -i truncates and loads in one)
     * it deletes every row the block sees instead, so it commits or rolls back with the block.
     */
    private Result truncate(Ddl.Truncate tr) {
        List<TableDef> tables = new ArrayList<>();
        List<SchemaDef> schemas = new ArrayList<>();
        for (Ddl.Name name : tr.tables()) {
            TableDef t = existing(name, false);
            if (!tables.contains(t)) {
                tables.add(t);
                schemas.add(schemaOf(name));
            }
        }
        // a table referenced by a foreign key is emptied only with the referencing tables, as in Postgres
        for (int i = 0; i < tables.size(); i++) {
            for (Reference r : references(schemas.get(i).name(), tables.get(i).name(), false)) {
                if (tables.contains(r.table())) {
                    continue;
                }
                if (!tr.cascade()) {
                    throw BlueshiftException.withMessage(ErrorCode.FEATURE_NOT_SUPPORTED,
                            "cannot truncate a table referenced in a foreign key constraint")
                            .withDetail("Table \"" + r.table().name() + "\" references \"" + tables.get(i).name() + "\".")
                            .withHint("Truncate table \"" + r.table().name() + "\" at the same time, or use TRUNCATE ... CASCADE.");
                }
                session.notice("truncate cascades to table \"" + r.table().name() + "\"");
                tables.add(r.table());
                schemas.add(r.schema());
            }
        }
        for (TableDef t : tables) {
            MemTable data = t.data();
            if (session.inTransaction()) {
                MemTable.Version version = session.view(data);
                Map<Batch, Deletes> all = new IdentityHashMap<>();
                for (Batch b : version.chunks()) {
                    int n = b.rowCount();
                    long[] words = new long[(n + 63) >>> 6];
                    for (int w = 0; w < words.length; w++) {
                        int bits = Math.min(64, n - w * 64);
                        words[w] = bits == 64 ? -1L : (1L << bits) - 1;
                    }
                    all.put(b, Deletes.ofWords(n, words));
                }
                session.change(t, all, List.of());
                continue;
            }
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
