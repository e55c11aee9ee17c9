package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * An inner join of a GROUP BY result with a much smaller input, on group columns, first reduces
 * the rows the GROUP BY reads to those whose group the join keeps (a semi-join with the smaller
 * input): groups without a partner are dropped by the join anyway, and the kept groups keep all
 * their rows, so the result is the same. TPC-H Q17 averaged the quantity of all 200,000 parts'
 * lineitems (6 M rows) to use 204 of them; Q20 summed 900,000 rows to use a few thousand.
 * <pre>
 *   Join(k = p)                         Join(k = p)
 *     Aggregate(group k)        →         Aggregate(group k)
 *       Input                               SemiJoin(k = p)
 *     Small                                   Input
 *                                             Small
 *                                         Small
 * </pre>
 * The smaller input is computed twice, so it applies only when that input has at most a quarter of
 * the rows the GROUP BY reads (by estimate).
 */
public final class JoinAggregateSemiJoinRewrite extends BottomUpRewrite {
    /** How much smaller than the GROUP BY's input the other join input must be. */
    static final double MAX_RATIO = 0.25;

    @Override
    protected RelNode rewrite(RelNode node) {
        if (!(node instanceof LogicalJoin join) || join.getJoinType() != JoinRelType.INNER) {
            return null;
        }
        JoinInfo info = join.analyzeCondition();
        if (info.leftKeys.isEmpty()) {
            return null;
        }
        RelNode left = reduced(join.getLeft(), info.leftKeys, join.getRight(), info.rightKeys);
        if (left != null) {
            return join.copy(join.getTraitSet(), List.of(left, join.getRight()));
        }
        RelNode right = reduced(join.getRight(), info.rightKeys, join.getLeft(), info.leftKeys);
        return right == null ? null : join.copy(join.getTraitSet(), List.of(join.getLeft(), right));
    }

    /** {@code grouped} with its aggregate's input semi-joined with {@code other}, or null. */
    private static RelNode reduced(RelNode grouped, List<Integer> keys, RelNode other, List<Integer> otherKeys) {
        Project project = grouped instanceof Project p ? p : null;
        if (!((project != null ? project.getInput() : grouped) instanceof Aggregate agg)
                || agg.getGroupSets().size() != 1) {
            return null;
        }
        int[] groups = agg.getGroupSet().toArray();
        List<Integer> inputKeys = new ArrayList<>();
        for (int key : keys) {
            int column = key;
            if (project != null) {
                if (!(project.getProjects().get(key) instanceof RexInputRef ref)) {
                    return null;
                }
                column = ref.getIndex();
            }
            if (column >= groups.length) {
                return null;
            }
            inputKeys.add(groups[column]);
        }
        RelMetadataQuery mq = grouped.getCluster().getMetadataQuery();
        Double otherRows = mq.getRowCount(other);
        Double inputRows = mq.getRowCount(agg.getInput());
        if (otherRows == null || inputRows == null || otherRows > inputRows * MAX_RATIO) {
            return null;
        }
        RexBuilder rexBuilder = grouped.getCluster().getRexBuilder();
        RelNode input = agg.getInput();
        int width = input.getRowType().getFieldCount();
        List<RexNode> equal = new ArrayList<>();
        for (int i = 0; i < inputKeys.size(); i++) {
            equal.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
                    rexBuilder.makeInputRef(input, inputKeys.get(i)),
                    new RexInputRef(width + otherKeys.get(i),
                            other.getRowType().getFieldList().get(otherKeys.get(i)).getType())));
        }
        RelNode semi = LogicalJoin.create(input, other, List.of(), RexUtil.composeConjunction(rexBuilder, equal),
                Set.of(), JoinRelType.SEMI);
        RelNode newAgg = agg.copy(agg.getTraitSet(), List.of(semi));
        return project == null ? newAgg : project.copy(project.getTraitSet(), List.of(newAgg));
    }
}
