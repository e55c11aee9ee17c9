package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * An OR in an inner join's condition whose every branch restricts one input implies the OR of
 * those restrictions for that input, which then filters it before the join (the OR stays in the
 * join). TPC-H Q7's {@code (n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name =
 * 'GERMANY' AND n2.n_name = 'FRANCE')} keeps two of the 25 nations on each side, and Q19's three
 * branches each name a brand, containers and sizes of part.
 * <pre>
 *   Join((a1 AND b1) OR (a2 AND b2))          Join((a1 AND b1) OR (a2 AND b2))
 *     A                                  →      Filter(a1 OR a2)
 *     B                                           A
 *                                               Filter(b1 OR b2)
 *                                                 B
 * </pre>
 * The filters are placed on the join's inputs; filter pushdown carries them further down.
 */
public final class JoinDisjunctionPushRewrite extends BottomUpRewrite {
    @Override
    protected RelNode rewrite(RelNode node) {
        if (!(node instanceof LogicalJoin join) || join.getJoinType() != JoinRelType.INNER) {
            return null;
        }
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        int width = leftWidth + join.getRight().getRowType().getFieldCount();
        ImmutableBitSet leftFields = ImmutableBitSet.range(0, leftWidth);
        ImmutableBitSet rightFields = ImmutableBitSet.range(leftWidth, width);
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        List<RexNode> leftFilters = new ArrayList<>();
        List<RexNode> rightFilters = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
            if (conjunct.getKind() != SqlKind.OR) {
                continue;
            }
            RexNode left = implied(conjunct, leftFields, rexBuilder);
            if (left != null) {
                leftFilters.add(left);
            }
            RexNode right = implied(conjunct, rightFields, rexBuilder);
            if (right != null) {
                rightFilters.add(RexUtil.shift(right, -leftWidth));
            }
        }
        if (leftFilters.isEmpty() && rightFilters.isEmpty()) {
            return null;
        }
        RelNode newLeft = leftFilters.isEmpty() ? join.getLeft()
                : LogicalFilter.create(join.getLeft(), RexUtil.composeConjunction(rexBuilder, leftFilters));
        RelNode newRight = rightFilters.isEmpty() ? join.getRight()
                : LogicalFilter.create(join.getRight(), RexUtil.composeConjunction(rexBuilder, rightFilters));
        return join.copy(join.getTraitSet(), List.of(newLeft, newRight));
    }

    /**
     * The OR over the branches of {@code or} of each branch's conjuncts that use only
     * {@code fields}, or null when some branch has none (then nothing is implied) or when every
     * branch uses only {@code fields} (the OR is then pushed down as it is).
     */
    private static RexNode implied(RexNode or, ImmutableBitSet fields, RexBuilder rexBuilder) {
        List<RexNode> branches = new ArrayList<>();
        boolean reachesOut = false;
        for (RexNode branch : RelOptUtil.disjunctions(or)) {
            List<RexNode> own = new ArrayList<>();
            for (RexNode c : RelOptUtil.conjunctions(branch)) {
                ImmutableBitSet used = RelOptUtil.InputFinder.bits(c);
                if (!used.isEmpty() && fields.contains(used)) {
                    own.add(c);
                } else {
                    reachesOut = true;
                }
            }
            if (own.isEmpty()) {
                return null;
            }
            branches.add(RexUtil.composeConjunction(rexBuilder, own));
        }
        return reachesOut ? RexUtil.composeDisjunction(rexBuilder, branches) : null;
    }
}
