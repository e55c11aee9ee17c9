package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The set-returning functions clients call in FROM, as Calcite table macros whose rows are made
 * when the query is planned: {@code pg_get_keywords()}, and Redshift's {@code pg_get_late_binding_view_cols()} (empty: Blueshift
 * has no late-binding views). ({@code generate_series} is a table function of its own,
 * {@code plan.GenerateSeriesFunction}, whose rows the executor makes a batch at a time.)
 */
final class PgTableFunctions {
    private PgTableFunctions() {
    }

    static void register(CalciteSchema root) {
        root.plus().add("pg_get_keywords", macro(0, 0, args -> {
            List<Object[]> rows = new ArrayList<>();
            for (String word : PgKeywords.RESERVED) {
                rows.add(new Object[] {word, "R", false, "reserved", "requires AS"});
            }
            return new Rows(List.of(new ColumnDef("word", SqlType.TEXT, false), new ColumnDef("catcode", SqlType.TEXT, false),
                    new ColumnDef("barelabel", SqlType.BOOLEAN, false), new ColumnDef("catdesc", SqlType.TEXT, false),
                    new ColumnDef("baredesc", SqlType.TEXT, false)), rows);
        }));
        root.plus().add("pg_get_late_binding_view_cols", macro(0, 0, args -> new Rows(List.of(
                new ColumnDef("view_schema", SqlType.TEXT, true), new ColumnDef("view_name", SqlType.TEXT, true),
                new ColumnDef("col_name", SqlType.TEXT, true), new ColumnDef("col_type", SqlType.TEXT, true),
                new ColumnDef("col_num", SqlType.INTEGER, true)), List.of())));
    }

    private interface Body {
        Rows apply(List<? extends Object> arguments);
    }

    /** A table macro of {@code required} to {@code count} integer arguments. */
    private static TableMacro macro(int count, int required, Body body) {
        List<FunctionParameter> parameters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int ordinal = i;
            parameters.add(new FunctionParameter() {
                @Override
                public int getOrdinal() {
                    return ordinal;
                }

                @Override
                public String getName() {
                    return "arg" + ordinal;
                }

                @Override
                public RelDataType getType(RelDataTypeFactory typeFactory) {
                    return typeFactory.createTypeWithNullability(
                            typeFactory.createSqlType(SqlTypeName.INTEGER), true);
                }

                @Override
                public boolean isOptional() {
                    return ordinal >= required;
                }
            });
        }
        return new TableMacro() {
            @Override
            public TranslatableTable apply(List<? extends Object> arguments) {
                return body.apply(arguments);
            }

            @Override
            public List<FunctionParameter> getParameters() {
                return parameters;
            }
        };
    }

    /** A table of rows made at planning time, planned as a VALUES node. */
    static final class Rows extends AbstractTable implements TranslatableTable {
        private final List<ColumnDef> columns;
        private final List<Object[]> rows;

        Rows(List<ColumnDef> columns, List<Object[]> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            return CalciteCatalogAdapter.TableView.rowType(factory, new TableDef("f", columns, 0));
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            return CalciteCatalogAdapter.values(context.getCluster(), relOptTable.getRowType(), columns, rows);
        }
    }
}
