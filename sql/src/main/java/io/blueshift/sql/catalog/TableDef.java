package io.blueshift.sql.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table as the planner sees it: columns in order and an estimate of its row count, which join
 * ordering and costing read (a rough figure is enough; it need not be exact).
 */
public record TableDef(String name, List<ColumnDef> columns, double rowCount) {
    public TableDef {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
