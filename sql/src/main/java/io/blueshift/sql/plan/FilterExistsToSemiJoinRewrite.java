package io.blueshift.sql.plan;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Correlated {@code [NOT] EXISTS} conjuncts of a WHERE clause become semi and anti joins whose
 * condition is the sub-query's correlated predicate, so they run as one hash join on the equality
 * part with the rest as a residual condition (TPC-H Q21's {@code l2.l_orderkey = l1.l_orderkey AND
 * l2.l_suppkey <> l1.l_suppkey}). Calcite's decorrelator instead joins the outer query with the
 * distinct correlation values and aggregates, which recomputed Q21's outer joins five times.
 * <pre>
 *   Filter(a AND EXISTS(Project(Filter($cor.x = y AND $cor.z &lt;&gt; w, R))) AND NOT EXISTS(...S...))
 *     Outer
 * becomes
 *   AntiJoin(... S ...)
 *     SemiJoin(x = y AND z &lt;&gt; w)
 *       Filter(a)
 *         Outer
 *       R
 * </pre>
 * It applies when the sub-query is projections over one filter whose input uses no correlation
 * variable, and that filter's condition refers to the outer row only through the correlation
 * variables of the WHERE clause itself. Other sub-queries are left to Calcite's rules. A NOT
 * EXISTS whose correlated predicate is NULL for an inner row keeps the outer row, as SQL says,
 * since an anti join only drops rows with a pair whose condition is true.
 */
public final class FilterExistsToSemiJoinRewrite extends BottomUpRewrite {
    @Override
    protected RelNode rewrite(RelNode node) {
        if (!(node instanceof LogicalFilter filter) || filter.getVariablesSet().isEmpty()) {
            return null;
        }
        RelNode outer = filter.getInput();
        int outerCount = outer.getRowType().getFieldCount();
        List<RexNode> rest = new ArrayList<>();
        List<RelNode> inners = new ArrayList<>();
        List<RexNode> conditions = new ArrayList<>();
        List<JoinRelType> types = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
            boolean anti = conjunct.isA(SqlKind.NOT);
            RexNode e = anti ? ((RexCall) conjunct).getOperands().get(0) : conjunct;
            if (e instanceof RexSubQuery sub && sub.getKind() == SqlKind.EXISTS) {
                RelNode body = sub.rel;
                while (body instanceof LogicalProject p) {
                    body = p.getInput();
                }
                RexNode condition = body instanceof LogicalFilter correlated
                        ? joinCondition(correlated, filter.getVariablesSet(), outerCount) : null;
                if (condition != null) {
                    inners.add(body.getInput(0));
                    conditions.add(condition);
                    types.add(anti ? JoinRelType.ANTI : JoinRelType.SEMI);
                    continue;
                }
            }
            rest.add(conjunct);
        }
        if (inners.isEmpty()) {
            return null;
        }
        RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
        RelNode out = outer;
        if (!rest.isEmpty()) {
            RexNode remaining = RexUtil.composeConjunction(rexBuilder, rest);
            out = LogicalFilter.create(outer, remaining, RexUtil.SubQueryFinder.find(remaining) == null
                    ? ImmutableSet.of()
                    : ImmutableSet.copyOf(filter.getVariablesSet()));
        }
        for (int i = 0; i < inners.size(); i++) {
            out = LogicalJoin.create(out, inners.get(i), List.of(), conditions.get(i), Set.of(), types.get(i));
        }
        return out;
    }

    /**
     * The condition of the correlated filter as a join condition over (outer row, filter input
     * row), or null when the sub-query does not have the shape this rewrite handles.
     */
    private static RexNode joinCondition(LogicalFilter correlated, Set<CorrelationId> ids, int outerCount) {
        RelNode inner = correlated.getInput();
        RexNode condition = correlated.getCondition();
        if (!RelOptUtil.getVariablesUsed(inner).isEmpty() || RexUtil.SubQueryFinder.find(condition) != null) {
            return null;
        }
        boolean[] correlatedUse = {false};
        boolean[] foreignUse = {false};
        RexNode rewritten = condition.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(ref.getIndex() + outerCount, ref.getType());
            }

            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable v) {
                    if (!ids.contains(v.id)) {
                        foreignUse[0] = true;
                        return access;
                    }
                    correlatedUse[0] = true;
                    return new RexInputRef(access.getField().getIndex(), access.getType());
                }
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitCorrelVariable(RexCorrelVariable variable) {
                foreignUse[0] = true;
                return variable;
            }
        });
        return correlatedUse[0] && !foreignUse[0] ? rewritten : null;
    }
}
