package io.blueshift.storage.catalog;

import io.blueshift.storage.table.MemTable;
import java.util.List;
import java.util.Objects;

/**
 * A table or view as the planner sees it: columns in order, the declared primary key, and either
 * the table's rows ({@code data}) or, for a view, its defining query. {@code estimatedRows} is the
 * figure join ordering reads when there is no data to count (plan-only catalogs in tests).
 */
public record TableDef(String name, List<ColumnDef> columns, double estimatedRows, List<String> primaryKey,
                       MemTable data, String viewSql, PhysicalDesign design) {
    public TableDef {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        design = design == null ? PhysicalDesign.DEFAULT : design;
    }

    public TableDef(String name, List<ColumnDef> columns, double estimatedRows, List<String> primaryKey,
                    MemTable data, String viewSql) {
        this(name, columns, estimatedRows, primaryKey, data, viewSql, PhysicalDesign.DEFAULT);
    }

    /** A table known only by its shape and size (for planning tests). */
    public TableDef(String name, List<ColumnDef> columns, double estimatedRows) {
        this(name, columns, estimatedRows, List.of(), null, null);
    }

    /** The name of the primary key and its index: the one CONSTRAINT gave it, else Postgres' {@code table_pkey}. */
    public String primaryKeyName() {
        return design.primaryKeyName() != null ? design.primaryKeyName() : name + "_pkey";
    }

    public boolean isView() {
        return viewSql != null;
    }

    /** The current row count (the estimate for tables without data). */
    public double rowCount() {
        return data != null ? Math.max(1, data.rowCount()) : estimatedRows;
    }

    /** The index of a column, or -1. */
    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public TableDef withColumns(List<ColumnDef> newColumns, MemTable newData) {
        return new TableDef(name, newColumns, estimatedRows, primaryKey, newData, viewSql, design);
    }

    public TableDef withDesign(List<ColumnDef> newColumns, PhysicalDesign newDesign) {
        return new TableDef(name, newColumns, estimatedRows, primaryKey, data, viewSql, newDesign);
    }

    public TableDef renamed(String newName) {
        return new TableDef(newName, columns, estimatedRows, primaryKey, data, viewSql, design);
    }
}
