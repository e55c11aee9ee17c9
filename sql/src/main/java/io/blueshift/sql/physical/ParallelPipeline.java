package io.blueshift.sql.physical;

import io.blueshift.executor.op.FilterOp;
import io.blueshift.executor.op.HashJoinOp;
import io.blueshift.executor.op.MeteredOp;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.ProjectOp;
import io.blueshift.executor.op.ScanOp;
import java.util.function.Predicate;

/**
 * A pipeline that several workers run at once, each its own state of one plan (morsel-driven
 * parallelism): it starts at a table scan and goes up through filters, projections and the probe
 * sides of hash joins of every kind (the states of a RIGHT or FULL join merge the right rows they
 * matched, and the last to finish emits the others). Made parallel, the scan's states take the table's
 * chunks from one dispenser and every join's states probe one build of its right input, built
 * once by the first worker to need it. What ends the pipeline (a partial aggregate, or a gather
 * handing its rows to one thread) is the planner's choice.
 */
final class ParallelPipeline {
    private ParallelPipeline() {
    }

    /** The scan the pipeline {@code plan} starts at, or null when {@code plan} is not such a pipeline. */
    static ScanOp.Plan source(PhysicalOperator plan) {
        while (true) {
            switch (plan) {
                case MeteredOp.Plan m -> plan = m.inner();
                case ProjectOp.Plan p -> plan = p.input();
                case FilterOp.Plan f -> plan = f.input();
                case HashJoinOp.Plan j when !j.sharedBuild() -> plan = j.left();
                case ScanOp.Plan s -> {
                    return s.slice() < 0 && !s.shared() ? s : null;
                }
                default -> {
                    return null;
                }
            }
        }
    }

    /** Whether the pipeline {@code plan} (one {@link #source} accepts) probes a hash join. */
    static boolean joins(PhysicalOperator plan) {
        return anyBelow(plan, p -> p instanceof HashJoinOp.Plan);
    }

    /** Whether the pipeline {@code plan} (one {@link #source} accepts) probes a join or filters: more than reading. */
    static boolean computes(PhysicalOperator plan) {
        return anyBelow(plan, p -> p instanceof HashJoinOp.Plan || p instanceof FilterOp.Plan);
    }

    /** Whether an operator of the pipeline {@code plan}, from its top down to its scan, is one {@code test} accepts. */
    private static boolean anyBelow(PhysicalOperator plan, Predicate<PhysicalOperator> test) {
        while (!(plan instanceof ScanOp.Plan)) {
            if (test.test(plan)) {
                return true;
            }
            plan = plan instanceof MeteredOp.Plan m ? m.inner() : plan.inputs().get(0);
        }
        return false;
    }

    /** The pipeline {@code plan} (one {@link #source} accepts) with its scan's chunks and its joins' builds shared. */
    static PhysicalOperator shared(PhysicalOperator plan) {
        return switch (plan) {
            case MeteredOp.Plan m -> new MeteredOp.Plan(shared(m.inner()));
            case ProjectOp.Plan p -> new ProjectOp.Plan(shared(p.input()), p.exprs(), p.types());
            case FilterOp.Plan f -> f.over(shared(f.input()));
            case HashJoinOp.Plan j -> j.sharing(shared(j.left()));
            case ScanOp.Plan s -> new ScanOp.Plan(s.tableName(), s.table(), s.columns(), true, s.ranges(), s.slice(),
                    s.types(), s.columnNames());
            default -> throw new IllegalArgumentException("not a parallel pipeline: " + plan);
        };
    }
}
