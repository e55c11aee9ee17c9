package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.Catalog;
import com.google.common.collect.ImmutableList;
import io.blueshift.columnar.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.TimestampString;

/**
 * Offers a {@link Catalog} to Calcite as a root schema. Tables carry only their row type and a
 * row-count statistic: Calcite never scans them (Blueshift executes plans itself).
 */
public final class CalciteCatalogAdapter {
    private CalciteCatalogAdapter() {
    }

    /** The column an UPDATE or DELETE plans its target with: a row's chunk and position (see ScanOp.rowId). */
    public static final String ROW_ID = "__rowid";

    /**
     * A fresh root schema in which {@code rowIds} (null: none) has the {@link #ROW_ID} column last;
     * names that read files on the server (read_parquet, read_csv) need the session's principal to be
     * allowed to, and pg_catalog's relations show the catalog as {@code session} sees it.
     */
    public static CalciteSchema rootSchema(Catalog catalog, TableDef rowIds, PgSession session) {
        return rootSchema(catalog, rowIds, session, () -> { });
    }

    /**
     * {@link #rootSchema(Catalog, TableDef, PgSession)} that calls {@code madeNow} when a plan reads
     * what is made or read as it is planned, so that the plan holds only for now: a pg_catalog or
     * information_schema relation or a system view (their rows become literals of the plan), or a
     * name with a version, time, change feed or file suffix ({@code orders@v3}, an external table).
     */
    public static CalciteSchema rootSchema(Catalog catalog, TableDef rowIds, PgSession session, Runnable madeNow) {
        Principal who = session.principal();
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        PostgresTypeNames.register(root);
        PgTableFunctions.register(root);
        for (SchemaDef schema : catalog.schemas()) {
            root.add(schema.name(), new SchemaView(catalog, schema, rowIds, who, madeNow));
        }
        // System views resolve unqualified (Calcite searches the root after the default schema)
        // and as pg_catalog.name, unless a user schema of that name exists.
        List<SystemViews.SystemView> system = session.systemViews();
        Map<String, Table> views = new HashMap<>();
        for (SystemViews.SystemView v : system) {
            SystemViewView view = new SystemViewView(v, madeNow);
            views.put(v.name(), view);
            root.add(v.name(), view);
        }
        // pg_catalog's and information_schema's relations, made from the catalog when a query
        // plans them; pg_catalog's also resolve unqualified, as Postgres searches pg_catalog first.
        PgCatalog.Context context = new PgCatalog.Context(catalog, session, system);
        Map<String, Table> informationSchema = new HashMap<>();
        for (PgRelation r : PgCatalog.relations()) {
            PgTable table = new PgTable(r, context, madeNow);
            if (r.schema().equals("pg_catalog")) {
                views.put(r.name(), table);
                if (catalog.findSchema(Catalog.DEFAULT_SCHEMA) == null || catalog.findSchema(Catalog.DEFAULT_SCHEMA).table(r.name()) == null) {
                    root.add(r.name(), table);
                }
            } else {
                informationSchema.put(r.name(), table);
            }
        }
        if (catalog.findSchema("pg_catalog") == null) {
            root.add("pg_catalog", new AbstractSchema() {
                @Override
                protected Map<String, Table> getTableMap() {
                    return views;
                }
            });
        }
        if (catalog.findSchema("information_schema") == null) {
            root.add("information_schema", new AbstractSchema() {
                @Override
                protected Map<String, Table> getTableMap() {
                    return informationSchema;
                }
            });
        }
        return root;
    }

    /**
     * A catalog relation: its rows are made once per plan (a root schema lives for one plan) and
     * planned as a VALUES node of literals, which skips parsing and validating SQL text for
     * them; a catalog of a thousand columns is a pg_attribute of a thousand rows.
     */
    private static final class PgTable extends AbstractTable implements TranslatableTable {
        private final PgRelation relation;
        private final PgCatalog.Context context;
        private final Runnable madeNow;

        PgTable(PgRelation relation, PgCatalog.Context context, Runnable madeNow) {
            this.relation = relation;
            this.context = context;
            this.madeNow = madeNow;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            return TableView.rowType(factory, new TableDef(relation.name(), relation.columns(), 0));
        }

        @Override
        public Statistic getStatistic() {
            return Statistics.of(100, List.of());
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            madeNow.run();
            return values(context.getCluster(), relOptTable.getRowType(), relation.columns(), relation.rows().apply(this.context));
        }
    }

    /** Rows of Java values as a VALUES node of literals of the row type. */
    static RelNode values(RelOptCluster cluster, RelDataType rowType, List<ColumnDef> columns,
                          List<Object[]> rows) {
        RexBuilder rex = cluster.getRexBuilder();
        List<RelDataTypeField> fields = rowType.getFieldList();
        ImmutableList.Builder<ImmutableList<RexLiteral>> tuples =
                ImmutableList.builder();
        for (Object[] row : rows) {
            ImmutableList.Builder<RexLiteral> tuple =
                    ImmutableList.builder();
            for (int i = 0; i < row.length; i++) {
                tuple.add(literal(rex, fields.get(i).getType(), columns.get(i).type(), row[i]));
            }
            tuples.add(tuple.build());
        }
        return LogicalValues.create(cluster, rowType, tuples.build());
    }

    /** A catalog value as a literal of its column's type. */
    private static RexLiteral literal(RexBuilder rex, RelDataType type,
                                                             SqlType sqlType, Object value) {
        if (value == null) {
            return (RexLiteral) rex.makeNullLiteral(type);
        }
        return switch (sqlType.kind()) {
            case BOOLEAN -> rex.makeLiteral((Boolean) value);
            case SMALLINT, INTEGER, BIGINT -> rex.makeExactLiteral(BigDecimal.valueOf(((Number) value).longValue()), type);
            case REAL, DOUBLE -> rex.makeApproxLiteral(BigDecimal.valueOf(((Number) value).doubleValue()), type);
            case TIMESTAMPTZ -> rex.makeTimestampWithLocalTimeZoneLiteral(
                    TimestampString.fromMillisSinceEpoch(((Instant) value).toEpochMilli()),
                    TypeMapping.FRACTIONAL_DIGITS);
            default -> (RexLiteral) rex.makeLiteral(value.toString(), type, false);
        };
    }

    /** A system view: its SQL made when the query that uses it is planned. */
    private static final class SystemViewView extends AbstractTable implements TranslatableTable {
        private final SystemViews.SystemView view;
        private final Runnable madeNow;
        private SystemViews.Made made;

        SystemViewView(SystemViews.SystemView view, Runnable madeNow) {
            this.view = view;
            this.madeNow = madeNow;
        }

        /** Made once per plan (a root schema lives for one plan), so its row type and its SQL agree. */
        private synchronized SystemViews.Made made() {
            if (made == null) {
                madeNow.run();
                made = view.sql().get();
            }
            return made;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            return TableView.rowType(factory, new TableDef(view.name(), made().columns(), 0));
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            return context.expandView(relOptTable.getRowType(), made().sql(), List.of(), List.of()).project();
        }
    }

    /** One Blueshift schema as a Calcite schema; tables are read afresh on each lookup. */
    private static final class SchemaView extends AbstractSchema {
        private final Catalog catalog;
        private final SchemaDef schema;
        private final TableDef rowIds;
        private final Principal who;
        private final Runnable madeNow;

        SchemaView(Catalog catalog, SchemaDef schema, TableDef rowIds, Principal who, Runnable madeNow) {
            this.catalog = catalog;
            this.schema = schema;
            this.rowIds = rowIds;
            this.who = who;
            this.madeNow = madeNow;
        }

        /** The tables, and on demand those named with a version, time or change feed suffix ("orders@v3"). */
        @Override
        public Lookup<Table> tables() {
            Lookup<Table> plain = super.tables();
            return new Lookup<>() {
                @Override
                public Table get(String name) {
                    Table t = plain.get(name);
                    if (t == null) {
                        if (name.startsWith("@parquet:") || name.startsWith("@csv:")) {
                            who.requireServerFiles(catalog, "reading files");
                        }
                        TableDef earlier = catalog.earlier(schema.name(), name);
                        if (earlier != null) {
                            madeNow.run();
                            return new TableView(earlier);
                        }
                    }
                    return t;
                }

                @Override
                public Named<Table> getIgnoreCase(String name) {
                    return plain.getIgnoreCase(name);
                }

                @Override
                public Set<String> getNames(LikePattern pattern) {
                    return plain.getNames(pattern);
                }
            };
        }

        @Override
        protected Map<String, Table> getTableMap() {
            Map<String, Table> out = new HashMap<>();
            for (TableDef table : schema.tables().values()) {
                out.put(table.name(), table.isView() ? new ViewView(table) : new TableView(table, rowIds != null && table.data() == rowIds.data()));
            }
            return out;
        }
    }

    /** A view: expanded into its query's plan wherever it is referenced. */
    private static final class ViewView extends AbstractTable implements TranslatableTable {
        private final TableDef view;

        ViewView(TableDef view) {
            this.view = view;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            return TableView.rowType(factory, view);
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            return context.expandView(relOptTable.getRowType(), view.viewSql(), List.of(), List.of()).project();
        }
    }

    /** One Blueshift table as a Calcite table: its row type and row count. */
    public static final class TableView extends AbstractTable {
        private final TableDef table;
        private final boolean rowIds;

        TableView(TableDef table) {
            this(table, false);
        }

        TableView(TableDef table, boolean rowIds) {
            this.table = table;
            this.rowIds = rowIds;
        }

        /** The Blueshift table behind this view, for the physical planner. */
        public TableDef table() {
            return table;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            if (rowIds) {
                return factory.builder().addAll(rowType(factory, table).getFieldList())
                        .add(ROW_ID, factory.createSqlType(SqlTypeName.BIGINT)).build();
            }
            return rowType(factory, table);
        }

        static RelDataType rowType(RelDataTypeFactory factory, TableDef table) {
            RelDataTypeFactory.Builder builder = factory.builder();
            for (ColumnDef column : table.columns()) {
                builder.add(column.name(), TypeMapping.toRelType(factory, column.type(), column.nullable()));
            }
            return builder.build();
        }

        @Override
        public Statistic getStatistic() {
            List<ImmutableBitSet> keys = new ArrayList<>();
            if (!table.primaryKey().isEmpty()) {
                keys.add(ImmutableBitSet.of(table.primaryKey().stream().mapToInt(table::columnIndex).toArray()));
            }
            if (table.data() != null) {
                for (int c : table.data().uniqueColumns()) {
                    keys.add(ImmutableBitSet.of(c));
                }
            }
            return Statistics.of(table.rowCount(), keys);
        }
    }
}
