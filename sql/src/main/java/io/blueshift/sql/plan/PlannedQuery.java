package io.blueshift.sql.plan;

import io.blueshift.columnar.SqlType;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.catalog.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An optimized logical plan and the result columns it produces. Column names come from the
 * validated query, not from {@code rel}'s row type: the optimizer may drop a renaming projection,
 * so the physical planner must read result columns by position and name them from here.
 * {@code depth} is how deep the plan and its expressions nest ({@code NestingLimit.checkPlan}).
 * {@code cacheable}: the plan reads nothing that may change while the catalog's version stays
 * (see {@link PlanCache}). A cached plan is shared by the sessions that run its text: read its
 * {@code rel}'s metadata (physical planning, {@link #resultColumns}) only while holding its monitor.
 */
public record PlannedQuery(RelNode rel, List<String> columnNames, List<RelDataType> columnTypes,
                           Set<String> firedRules, List<RelDataType> parameterTypes, int depth, boolean cacheable) {
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

    /** The result columns, each with the table column it reads unchanged when there is one. */
    public synchronized List<ResultColumn> resultColumns() {
        List<SqlType> types = sqlTypes();
        List<ResultColumn> out = new ArrayList<>(types.size());
        RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
        for (int i = 0; i < types.size(); i++) {
            out.add(new ResultColumn(columnNames.get(i), types.get(i), columnTypes.get(i).isNullable(),
                    origin(mq, i)));
        }
        return out;
    }

    private ResultColumn.Origin origin(RelMetadataQuery mq, int column) {
        try {
            RelColumnOrigin o = mq.getColumnOrigin(rel, column);
            if (o == null || o.isDerived()) {
                return null;
            }
            List<String> name = o.getOriginTable().getQualifiedName();
            return name.size() == 2 ? new ResultColumn.Origin(name.get(0), name.get(1),
                    o.getOriginColumnOrdinal() + 1) : null;
        } catch (RuntimeException e) {
            // metadata is a nicety for clients: a plan Calcite cannot trace gives no origin
            return null;
        }
    }

    /** The plan as indented text, one operator a line (what EXPLAIN prints). */
    public String explain() {
        return RelOptUtil.toString(rel);
    }
}
