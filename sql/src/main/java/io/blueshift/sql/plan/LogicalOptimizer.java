package io.blueshift.sql.plan;

import io.blueshift.kernels.BlueshiftException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.calcite.plan.RelOptListener;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.rules.AggregateExtractProjectRule;
import org.apache.calcite.rel.rules.ProjectJoinTransposeRule;
import org.apache.calcite.rel.rules.PushProjector;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;

/**
 * The logical rewrites, in phases of {@link HepPlanner} runs. Every phase has a match limit: a
 * rule set that undoes its own work (filter-through-project one way, project-through-filter the
 * other) otherwise loops forever, which happened here once. The phases:
 * <ol>
 *   <li>correlated [NOT] EXISTS in WHERE to semi and anti joins ({@link FilterExistsToSemiJoinRewrite});
 *       the other sub-queries to correlates, then Calcite's decorrelator turns correlates into joins
 *       and aggregates where it can;</li>
 *   <li>filter pushdown into and through joins, projections and aggregates, constant reduction,
 *       projection merging; the per-input filters an OR in a join condition implies
 *       ({@link JoinDisjunctionPushRewrite}), pushed down in turn;</li>
 *   <li>join order: inner joins become one multi-join that {@link MultiJoinOrderRewrite} orders by
 *       dynamic programming over the estimates of {@link BlueshiftMetadata}; the multi-joins it
 *       does not take go to {@code LoptOptimizeJoinRule} (greedy);</li>
 *   <li>unused columns trimmed; a GROUP BY joined on its group columns with a much smaller input
 *       reads only the rows of groups that input keeps ({@link JoinAggregateSemiJoinRewrite}); a
 *       projection above each join of the columns used above it ({@link #JOIN_OUTPUT_RULES}) and
 *       below each window of the columns it and what is above it use ({@link #WINDOW_INPUT_RULES});
 *       then clean-up of the projections the earlier phases left.</li>
 * </ol>
 */
public final class LogicalOptimizer {
    /** Rule applications one phase may make; far above what any TPC-H query needs (a few hundred). */
    static final int MATCH_LIMIT = 20_000;

    private static final List<RelOptRule> SUB_QUERY_RULES = List.of(
            PlannerRules.FILTER_SUB_QUERY_TO_CORRELATE,
            PlannerRules.PROJECT_SUB_QUERY_TO_CORRELATE,
            PlannerRules.JOIN_SUB_QUERY_TO_CORRELATE);

    private static final List<RelOptRule> PUSHDOWN_RULES = List.of(
            PlannerRules.FILTER_INTO_JOIN,
            PlannerRules.JOIN_CONDITION_PUSH,
            PlannerRules.FILTER_PROJECT_TRANSPOSE,
            PlannerRules.FILTER_AGGREGATE_TRANSPOSE,
            PlannerRules.FILTER_SET_OP_TRANSPOSE,
            PlannerRules.FILTER_MERGE,
            PlannerRules.FILTER_REDUCE_EXPRESSIONS,
            PlannerRules.PROJECT_REDUCE_EXPRESSIONS,
            PlannerRules.JOIN_REDUCE_EXPRESSIONS,
            PlannerRules.PROJECT_MERGE,
            PlannerRules.PROJECT_REMOVE,
            PlannerRules.AGGREGATE_PROJECT_MERGE);

    private static final List<RelOptRule> MULTI_JOIN_RULES = List.of(
            PlannerRules.JOIN_TO_MULTI_JOIN,
            PlannerRules.PROJECT_MULTI_JOIN_MERGE,
            PlannerRules.FILTER_MULTI_JOIN_MERGE);

    /**
     * A projection above each join of the columns used above it: a GROUP BY over a join takes
     * the columns it reads through one, and a projection over a join passes down to its inputs
     * the columns it and the join's condition read (column references only: an expression stays
     * where the joins have dropped their rows), leaving one above the join that drops the columns
     * only the condition reads. The physical join then never copies those (TPC-H Q7 carried its
     * nation, supplier and order keys through every join above the one that used them).
     */
    private static final List<RelOptRule> JOIN_OUTPUT_RULES = List.of(
            AggregateExtractProjectRule.Config.DEFAULT.withOperandFor(LogicalAggregate.class, LogicalJoin.class)
                    .toRule(),
            ProjectJoinTransposeRule.Config.DEFAULT
                    .withPreserveExprCondition(PushProjector.ExprCondition.FALSE)
                    .withOperandSupplier(b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> b1
                            .operand(LogicalJoin.class).predicate(j -> j.getJoinType().projectsRight()).anyInputs()))
                    .as(ProjectJoinTransposeRule.Config.class)
                    .toRule());

    /**
     * A window's input is only the columns its functions and what is above it read: a GROUP BY
     * over a window takes them through a projection, and a projection over a window passes them
     * down (the field trimmer leaves windows alone). A window over a table read every column of
     * it, and held and copied them all (TPC-H's lineitem: 16 columns for a row_number over two).
     */
    private static final List<RelOptRule> WINDOW_INPUT_RULES = List.of(
            AggregateExtractProjectRule.Config.DEFAULT.withOperandFor(LogicalAggregate.class, LogicalWindow.class)
                    .toRule(),
            PlannerRules.PROJECT_WINDOW_TRANSPOSE);

    private static final List<RelOptRule> CLEANUP_RULES = List.of(
            PlannerRules.PROJECT_MERGE,
            PlannerRules.PROJECT_REMOVE,
            PlannerRules.FILTER_MERGE,
            PlannerRules.FILTER_PROJECT_TRANSPOSE);

    private final Set<String> firedRules = new TreeSet<>();

    /** Names of the rules that changed the plan so far, for EXPLAIN and tests. */
    public Set<String> firedRules() {
        return Set.copyOf(firedRules);
    }

    private RelNode orderJoins(RelNode in) {
        RelNode out = run(in, new HepProgramBuilder()
                .addMatchLimit(MATCH_LIMIT)
                .addMatchOrder(HepMatchOrder.BOTTOM_UP)
                .addRuleCollection(MULTI_JOIN_RULES)
                .build());
        out = apply(new MultiJoinOrderRewrite(), out);
        // The multi-joins the ordering does not take (outer joins, cross products, many inputs).
        return run(out, phase(List.of(PlannerRules.MULTI_JOIN_OPTIMIZE)));
    }

    /**
     * A step the plan can do without: where Calcite fails inside it (its join rules on some nested
     * correlated sub-queries; its field trimmer on a window with a constant argument over no
     * column, as {@code ntile(2) over ()}, and on some correlated sub-queries over a cross join),
     * the plan goes on as it was before the step, and EXPLAIN's list of rules says it was skipped.
     * The engine's own errors pass through.
     */
    RelNode optional(String step, RelNode in, UnaryOperator<RelNode> body) {
        try {
            return body.apply(in);
        } catch (BlueshiftException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            firedRules.add("skipped " + step + " (" + e.getClass().getSimpleName() + ")");
            return in;
        }
    }

    public RelNode optimize(RelNode rel, RelBuilder relBuilder) {
        RelNode out = run(rel.accept(new NullOperands()), phase(List.of(PlannerRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW,
                PlannerRules.INTERSECT_TO_DISTINCT, PlannerRules.MINUS_TO_DISTINCT)));
        out = apply(new FilterExistsToSemiJoinRewrite(), out);
        out = run(out, phase(SUB_QUERY_RULES));
        out = RelDecorrelator.decorrelateQuery(out, relBuilder);
        out = out.accept(new CommonFactors());
        // Decorrelation carries every column of the outer side through its joins; trim them.
        out = optional("field trimming", out, r -> new RelFieldTrimmer(null, relBuilder).trim(r));
        out = run(out, phase(PUSHDOWN_RULES));
        out = apply(new JoinDisjunctionPushRewrite(), out);
        if (firedRules.contains(JoinDisjunctionPushRewrite.class.getSimpleName())) {
            out = run(out, phase(PUSHDOWN_RULES));
        }
        out = optional("join ordering", out, this::orderJoins);
        out = optional("field trimming", out, r -> new RelFieldTrimmer(null, relBuilder).trim(r));
        out = apply(new JoinAggregateSemiJoinRewrite(), out);
        out = run(out, phase(JOIN_OUTPUT_RULES));
        out = run(out, phase(WINDOW_INPUT_RULES));
        return run(out, phase(CLEANUP_RULES));
    }

    /**
     * Pulls the terms every branch of an OR shares out of it ({@code (a AND b) OR (a AND c)} becomes
     * {@code a AND (b OR c)}), so that a join key repeated in each branch, as in TPC-H Q19, becomes a
     * hash-join key instead of leaving a cross product.
     */
    private static final class CommonFactors extends ConditionRewrite {
        @Override
        RexNode rewrite(RexBuilder rexBuilder, RexNode condition) {
            return RexUtil.pullFactors(rexBuilder, condition);
        }
    }

    /** Rewrites the condition of every filter and join of a plan (the node kept where it stays the same). */
    private abstract static class ConditionRewrite extends RelHomogeneousShuttle {
        abstract RexNode rewrite(RexBuilder rexBuilder, RexNode condition);

        @Override
        public RelNode visit(RelNode other) {
            RelNode visited = super.visit(other);
            RexBuilder rexBuilder = visited.getCluster().getRexBuilder();
            if (visited instanceof LogicalFilter f) {
                RexNode condition = rewrite(rexBuilder, f.getCondition());
                return condition == f.getCondition() ? f : f.copy(f.getTraitSet(), f.getInput(), condition);
            }
            if (visited instanceof LogicalJoin j) {
                RexNode condition = rewrite(rexBuilder, j.getCondition());
                return condition == j.getCondition() ? j : j.copy(j.getTraitSet(), condition, j.getLeft(), j.getRight(),
                        j.getJoinType(), j.isSemiJoinDone());
            }
            return visited;
        }
    }

    /**
     * Folds comparisons and arithmetic with a NULL literal operand ({@code c = CAST(NULL AS REAL) /
     * 46 + c}) to NULL, and a filter's or join's condition that is then NULL to FALSE, before any
     * rule sees them. Calcite's predicate pull-up asserts that no pulled-up predicate compares with
     * NULL ("Comparison with NULL in pulledUpPredicates"), and its join expression reduction fed it
     * one: such a query stopped with an AssertionError where Postgres returns no rows.
     */
    private static final class NullOperands extends ConditionRewrite {
        @Override
        RexNode rewrite(RexBuilder rexBuilder, RexNode condition) {
            return fold(rexBuilder, condition);
        }

        /** The condition with NULL operands folded; a condition that is NULL, or AND-ed with a NULL, is FALSE. */
        private static RexNode fold(RexBuilder rexBuilder, RexNode condition) {
            RexNode folded = condition.accept(new RexShuttle() {
                @Override
                public RexNode visitCall(RexCall call) {
                    RexCall visited = (RexCall) super.visitCall(call);
                    if (!STRICT.contains(visited.getKind())) {
                        return visited;
                    }
                    for (RexNode operand : visited.getOperands()) {
                        if (RexUtil.isNullLiteral(operand, true)) {
                            return rexBuilder.makeNullLiteral(visited.getType());
                        }
                    }
                    return visited;
                }
            });
            if (folded == condition) {
                return condition;
            }
            List<RexNode> conjuncts = RelOptUtil.conjunctions(folded);
            for (RexNode c : conjuncts) {
                if (RexUtil.isNullLiteral(c, true)) {
                    return rexBuilder.makeLiteral(false);
                }
            }
            return folded;
        }

        /** Operators whose result is NULL when an operand is. */
        private static final Set<SqlKind> STRICT = EnumSet.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.DIVIDE,
                SqlKind.MOD, SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX, SqlKind.EQUALS, SqlKind.NOT_EQUALS,
                SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
                SqlKind.CAST);
    }

    /** Runs a one-pass rewrite, recording it among the fired rules when it changed the plan. */
    private RelNode apply(BottomUpRewrite rewrite, RelNode rel) {
        RelNode out = rel.accept(rewrite);
        if (rewrite.rewritten() > 0) {
            firedRules.add(rewrite.getClass().getSimpleName());
        }
        return out;
    }

    private static HepProgram phase(List<RelOptRule> rules) {
        return new HepProgramBuilder().addMatchLimit(MATCH_LIMIT).addRuleCollection(rules).build();
    }

    private RelNode run(RelNode rel, HepProgram program) {
        HepPlanner planner = new HepPlanner(program);
        planner.addListener(new FiredRuleRecorder(firedRules));
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    /** Records the rules whose call produced a new expression. */
    private record FiredRuleRecorder(Set<String> fired) implements RelOptListener {
        @Override
        public void relEquivalenceFound(RelEquivalenceEvent event) {
        }

        @Override
        public void ruleAttempted(RuleAttemptedEvent event) {
        }

        @Override
        public void ruleProductionSucceeded(RuleProductionEvent event) {
            if (!event.isBefore()) {
                fired.add(event.getRuleCall().getRule().toString());
            }
        }

        @Override
        public void relDiscarded(RelDiscardedEvent event) {
        }

        @Override
        public void relChosen(RelChosenEvent event) {
        }
    }
}
