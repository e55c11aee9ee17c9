package io.blueshift.sql.plan;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.AggregateProjectMergeRule;
import org.apache.calcite.rel.rules.FilterAggregateTransposeRule;
import org.apache.calcite.rel.rules.FilterJoinRule;
import org.apache.calcite.rel.rules.FilterMergeRule;
import org.apache.calcite.rel.rules.FilterMultiJoinMergeRule;
import org.apache.calcite.rel.rules.FilterProjectTransposeRule;
import org.apache.calcite.rel.rules.FilterSetOpTransposeRule;
import org.apache.calcite.rel.rules.IntersectToDistinctRule;
import org.apache.calcite.rel.rules.JoinToMultiJoinRule;
import org.apache.calcite.rel.rules.LoptOptimizeJoinRule;
import org.apache.calcite.rel.rules.MinusToDistinctRule;
import org.apache.calcite.rel.rules.ProjectMergeRule;
import org.apache.calcite.rel.rules.ProjectMultiJoinMergeRule;
import org.apache.calcite.rel.rules.ProjectRemoveRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule;
import org.apache.calcite.rel.rules.ProjectWindowTransposeRule;
import org.apache.calcite.rel.rules.ReduceExpressionsRule;
import org.apache.calcite.rel.rules.SubQueryRemoveRule;

/**
 * The Calcite rules {@link LogicalOptimizer} runs, each made from its rule's default
 * configuration, as Calcite's {@code CoreRules} makes the rule of the same name. Reading any field
 * of {@code CoreRules} runs its static initializer, which builds all of Calcite's 150-odd core
 * rules (and spins a few hundred lambda classes for their operand trees) on a fresh JVM's first
 * statement, for the 22 used here.
 */
final class PlannerRules {
    private PlannerRules() {
    }

    static final RelOptRule FILTER_SUB_QUERY_TO_CORRELATE = SubQueryRemoveRule.Config.FILTER.toRule();
    static final RelOptRule PROJECT_SUB_QUERY_TO_CORRELATE = SubQueryRemoveRule.Config.PROJECT.toRule();
    static final RelOptRule JOIN_SUB_QUERY_TO_CORRELATE = SubQueryRemoveRule.Config.JOIN.toRule();

    static final RelOptRule FILTER_INTO_JOIN =
            FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.DEFAULT.toRule();
    static final RelOptRule JOIN_CONDITION_PUSH =
            FilterJoinRule.JoinConditionPushRule.JoinConditionPushRuleConfig.DEFAULT.toRule();
    static final RelOptRule FILTER_PROJECT_TRANSPOSE = FilterProjectTransposeRule.Config.DEFAULT.toRule();
    static final RelOptRule FILTER_AGGREGATE_TRANSPOSE = FilterAggregateTransposeRule.Config.DEFAULT.toRule();
    static final RelOptRule FILTER_SET_OP_TRANSPOSE = FilterSetOpTransposeRule.Config.DEFAULT.toRule();
    static final RelOptRule FILTER_MERGE = FilterMergeRule.Config.DEFAULT.toRule();
    static final RelOptRule FILTER_REDUCE_EXPRESSIONS =
            ReduceExpressionsRule.FilterReduceExpressionsRule.FilterReduceExpressionsRuleConfig.DEFAULT.toRule();
    static final RelOptRule PROJECT_REDUCE_EXPRESSIONS =
            ReduceExpressionsRule.ProjectReduceExpressionsRule.ProjectReduceExpressionsRuleConfig.DEFAULT.toRule();
    static final RelOptRule JOIN_REDUCE_EXPRESSIONS =
            ReduceExpressionsRule.JoinReduceExpressionsRule.JoinReduceExpressionsRuleConfig.DEFAULT.toRule();
    static final RelOptRule PROJECT_MERGE = ProjectMergeRule.Config.DEFAULT.toRule();
    static final RelOptRule PROJECT_REMOVE = ProjectRemoveRule.Config.DEFAULT.toRule();
    /** A projection over a window passes down the columns the window and the projection read: the rest are never copied. */
    static final RelOptRule PROJECT_WINDOW_TRANSPOSE = ProjectWindowTransposeRule.Config.DEFAULT.toRule();
    static final RelOptRule AGGREGATE_PROJECT_MERGE = AggregateProjectMergeRule.Config.DEFAULT.toRule();

    static final RelOptRule JOIN_TO_MULTI_JOIN = JoinToMultiJoinRule.Config.DEFAULT.toRule();
    static final RelOptRule PROJECT_MULTI_JOIN_MERGE = ProjectMultiJoinMergeRule.Config.DEFAULT.toRule();
    static final RelOptRule FILTER_MULTI_JOIN_MERGE = FilterMultiJoinMergeRule.Config.DEFAULT.toRule();
    static final RelOptRule MULTI_JOIN_OPTIMIZE = LoptOptimizeJoinRule.Config.DEFAULT.toRule();

    static final RelOptRule PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW = ProjectToWindowRule
            .ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT.toRule();
    static final RelOptRule INTERSECT_TO_DISTINCT = IntersectToDistinctRule.Config.DEFAULT.toRule();
    static final RelOptRule MINUS_TO_DISTINCT = MinusToDistinctRule.Config.DEFAULT.toRule();
}
