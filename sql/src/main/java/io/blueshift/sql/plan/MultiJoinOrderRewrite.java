package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * Orders an inner multi-join by dynamic programming over subsets of its inputs (bushy trees,
 * connected sub-plans only, no cross products), minimizing the sum of the estimated sizes of all
 * intermediate results; the estimates come from {@link BlueshiftMetadata} (distinct counts of the
 * join keys). Calcite's greedy {@code LoptOptimizeJoinRule} orders by factor weights and joined
 * TPC-H Q9's lineitem with partsupp (6 M rows) before the 0.5%-selective part filter.
 * <pre>
 *   MultiJoin(lineitem, part, partsupp, ...)   becomes e.g.
 *   Project(original field order)
 *     Join(Join(lineitem, Join(part, partsupp)), ...)
 * </pre>
 * Applies to multi-joins of 3 to {@value #MAX_INPUTS} inputs joined only by inner joins whose
 * join graph is connected; the others are left to {@code LoptOptimizeJoinRule}.
 */
public final class MultiJoinOrderRewrite extends BottomUpRewrite {
    static final int MAX_INPUTS = 10;

    @Override
    protected RelNode rewrite(RelNode node) {
        return node instanceof MultiJoin mj ? order(mj) : null;
    }

    /**
     * The best plan found for a set of inputs: its tree, where each multi-join field is in its
     * output (-1: not joined in), its estimated rows and its cost (the rows of all its joins).
     */
    private record Plan(RelNode rel, int[] fieldAt, double rows, double cost) {
    }

    private static RelNode order(MultiJoin mj) {
        int n = mj.getInputs().size();
        if (n < 3 || n > MAX_INPUTS || mj.isFullOuterJoin() || mj.getPostJoinFilter() != null) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (mj.getJoinTypes().get(i) != JoinRelType.INNER || mj.getOuterJoinConditions().get(i) != null) {
                return null;
            }
        }
        int[] offset = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offset[i + 1] = offset[i] + mj.getInputs().get(i).getRowType().getFieldCount();
        }
        int totalFields = offset[n];
        List<RexNode> conjuncts = RelOptUtil.conjunctions(mj.getJoinFilter());
        int[] masks = new int[conjuncts.size()];
        for (int c = 0; c < masks.length; c++) {
            for (int field : RelOptUtil.InputFinder.bits(conjuncts.get(c))) {
                masks[c] |= 1 << factorOf(field, offset);
            }
        }
        if (!connected(n, masks)) {
            return null;
        }
        RelMetadataQuery mq = mj.getCluster().getMetadataQuery();
        RexBuilder rexBuilder = mj.getCluster().getRexBuilder();
        Plan[] best = new Plan[1 << n];
        for (int i = 0; i < n; i++) {
            RelNode input = mj.getInputs().get(i);
            int[] fieldAt = new int[totalFields];
            Arrays.fill(fieldAt, -1);
            for (int f = offset[i]; f < offset[i + 1]; f++) {
                fieldAt[f] = f - offset[i];
            }
            RelNode leaf = input;
            List<RexNode> local = conjunctsWithin(conjuncts, masks, 1 << i, 0);
            if (!local.isEmpty()) {
                leaf = LogicalFilter.create(input, remap(RexUtil.composeConjunction(rexBuilder, local), fieldAt));
            }
            Double rows = mq.getRowCount(leaf);
            best[1 << i] = new Plan(leaf, fieldAt, rows == null ? 1 : rows, 0);
        }
        for (int set = 1; set < (1 << n); set++) {
            if (Integer.bitCount(set) < 2) {
                continue;
            }
            // Every split of the set into two non-empty halves, each half once (the left one holds the lowest input).
            int lowest = Integer.lowestOneBit(set);
            for (int left = (set - 1) & set; left > 0; left = (left - 1) & set) {
                int right = set & ~left;
                if ((left & lowest) == 0 || best[left] == null || best[right] == null) {
                    continue;
                }
                List<RexNode> joining = conjunctsWithin(conjuncts, masks, set, left);
                if (joining.isEmpty()) {
                    continue;
                }
                Plan l = best[left];
                Plan r = best[right];
                double cost = l.cost + r.cost;
                if (best[set] != null && best[set].cost - best[set].rows <= cost) {
                    continue;
                }
                // The larger side probes, the smaller one is built into the hash table.
                if (l.rows < r.rows) {
                    Plan swap = l;
                    l = r;
                    r = swap;
                }
                int leftWidth = l.rel.getRowType().getFieldCount();
                int[] fieldAt = new int[totalFields];
                for (int f = 0; f < totalFields; f++) {
                    fieldAt[f] = l.fieldAt[f] >= 0 ? l.fieldAt[f] : r.fieldAt[f] >= 0 ? leftWidth + r.fieldAt[f] : -1;
                }
                RexNode condition = remap(RexUtil.composeConjunction(rexBuilder, joining), fieldAt);
                RelNode join = LogicalJoin.create(l.rel, r.rel, List.of(), condition, Set.of(), JoinRelType.INNER);
                double rows = best[set] != null ? best[set].rows : valueOr(mq.getRowCount(join), l.rows * r.rows);
                best[set] = new Plan(join, fieldAt, rows, cost + rows);
            }
            if (best[set] == null && Integer.bitCount(set) == n) {
                return null;
            }
        }
        Plan all = best[(1 << n) - 1];
        if (all == null) {
            return null;
        }
        RelNode out = all.rel;
        List<RexNode> leftover = conjunctsWithin(conjuncts, masks, 0, 0);
        if (!leftover.isEmpty()) {
            out = LogicalFilter.create(out, remap(RexUtil.composeConjunction(rexBuilder, leftover), all.fieldAt));
        }
        List<RexNode> projects = new ArrayList<>();
        for (int f = 0; f < totalFields; f++) {
            projects.add(rexBuilder.makeInputRef(out, all.fieldAt[f]));
        }
        return LogicalProject.create(out, List.of(), projects, mj.getRowType().getFieldNames(), Set.of());
    }

    private static double valueOr(Double value, double otherwise) {
        return value == null ? otherwise : value;
    }

    private static int factorOf(int field, int[] offset) {
        int i = 0;
        while (offset[i + 1] <= field) {
            i++;
        }
        return i;
    }

    /**
     * The conjuncts that a join of {@code set} split at {@code left} applies: those within the
     * set that reach both halves. With {@code left == 0}, those within the set that reference
     * nothing outside it (for a single input, its own filters; for the empty set, constants).
     */
    private static List<RexNode> conjunctsWithin(List<RexNode> conjuncts, int[] masks, int set, int left) {
        List<RexNode> out = new ArrayList<>();
        for (int c = 0; c < masks.length; c++) {
            int m = masks[c];
            boolean within = (m & ~set) == 0;
            boolean applies = left == 0 ? within && (set == 0 ? m == 0 : m != 0 && Integer.bitCount(set) == 1)
                    : within && (m & left) != 0 && (m & ~left) != 0;
            if (applies) {
                out.add(conjuncts.get(c));
            }
        }
        return out;
    }

    /** Whether the conjuncts join all inputs into one graph (else a cross product is needed). */
    private static boolean connected(int n, int[] masks) {
        int reached = 1;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int m : masks) {
                if ((m & reached) != 0 && (m | reached) != reached) {
                    reached |= m;
                    grew = true;
                }
            }
        }
        return reached == (1 << n) - 1;
    }

    private static RexNode remap(RexNode e, int[] fieldAt) {
        return e.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(fieldAt[ref.getIndex()], ref.getType());
            }
        });
    }
}
