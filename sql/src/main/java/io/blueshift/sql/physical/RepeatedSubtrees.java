package io.blueshift.sql.physical;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexUtil;

/**
 * The aggregates that a statement's plan computes more than once from the same tables in the same
 * way: a WITH query referenced twice is inlined at each reference (TPC-H Q15 aggregates a quarter
 * of lineitem by supplier for the join and again for its maximum). The physical planner plans each
 * such subtree once, as a {@link io.blueshift.executor.op.SpoolOp} that every reference reads.
 *
 * <p>Only subtrees whose result cannot depend on being computed twice: scans of tables, filters,
 * projections, joins and aggregates, with deterministic expressions and no correlation variable,
 * under an aggregate (whose result is usually small, so keeping it costs little). Of nested
 * repeated subtrees the outermost is taken: planned once, what it holds is planned once too.
 */
final class RepeatedSubtrees {
    private RepeatedSubtrees() {
    }

    /** A subtree compared by structure ({@link RelNode#deepEquals}), not by identity. */
    record Shape(RelNode rel) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && rel.deepEquals(s.rel);
        }

        @Override
        public int hashCode() {
            return rel.deepHashCode();
        }
    }

    /** The repeated aggregates of {@code root} to plan once; {@code isTable} tells a table's scan. */
    static Set<Shape> find(RelNode root, Predicate<TableScan> isTable) {
        Map<Shape, Integer> counts = new HashMap<>();
        count(root, counts);
        if (counts.values().stream().allMatch(c -> c < 2)) {
            return Set.of();
        }
        Set<Shape> chosen = new HashSet<>();
        choose(root, counts, isTable, chosen);
        return chosen;
    }

    private static void count(RelNode rel, Map<Shape, Integer> counts) {
        if (rel instanceof Aggregate) {
            counts.merge(new Shape(rel), 1, Integer::sum);
        }
        for (RelNode input : rel.getInputs()) {
            count(input, counts);
        }
    }

    private static void choose(RelNode rel, Map<Shape, Integer> counts, Predicate<TableScan> isTable, Set<Shape> chosen) {
        if (rel instanceof Aggregate) {
            Shape shape = new Shape(rel);
            if (counts.getOrDefault(shape, 0) >= 2 && pure(rel, isTable)) {
                chosen.add(shape);
                return;
            }
        }
        for (RelNode input : rel.getInputs()) {
            choose(input, counts, isTable, chosen);
        }
    }

    /** Whether computing {@code rel} once gives what computing it at each reference would. */
    private static boolean pure(RelNode rel, Predicate<TableScan> isTable) {
        if (!RelOptUtil.getVariablesUsed(rel).isEmpty()) {
            return false;
        }
        boolean ok = switch (rel) {
            case TableScan scan -> isTable.test(scan);
            case Filter filter -> RexUtil.isDeterministic(filter.getCondition());
            case Project project -> project.getProjects().stream().allMatch(RexUtil::isDeterministic);
            case Join join -> RexUtil.isDeterministic(join.getCondition());
            case Aggregate aggregate -> true;
            default -> false;
        };
        if (!ok) {
            return false;
        }
        for (RelNode input : rel.getInputs()) {
            if (!pure(input, isTable)) {
                return false;
            }
        }
        return true;
    }
}
