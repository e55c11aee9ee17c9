package io.blueshift.sql.plan;

import io.blueshift.columnar.SqlType;
import io.blueshift.sql.catalog.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An optimized logical plan and the result columns it produces. Column names come from the
 * validated query, not from {@code rel}'s row type: the optimizer may drop a renaming projection,
 * so the physical planner must read result columns by position and name them from here.
 */
public record PlannedQuery(RelNode rel, List<String> columnNames, List<RelDataType> columnTypes,
                           Set<String> firedRules, List<RelDataType> parameterTypes) {
    public PlannedQuery {
        columnNames = List.copyOf(columnNames);
        columnTypes = List.copyOf(columnTypes);
        firedRules = Set.copyOf(firedRules);
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** The result column types as Blueshift types. */
    public List<SqlType> sqlTypes() {
        List<SqlType> out = new ArrayList<>(columnTypes.size());
        for (RelDataType type : columnTypes) {
            out.add(TypeMapping.toSqlType(type));
        }
        return out;
    }

    /** The plan as indented text, one operator a line (what EXPLAIN prints). */
    public String explain() {
        return RelOptUtil.toString(rel);
    }
}
