package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

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
 *
 * <p>Equalities of columns are closed transitively, as Postgres' equivalence classes and DuckDB
 * do: in TPC-H Q5, {@code c_nationkey = s_nationkey} and {@code s_nationkey = n_nationkey} give
 * {@code c_nationkey = n_nationkey}, so customers can be narrowed to a region and joined to
 * orders before lineitem is probed (without it, customer reached nation only through supplier,
 * and lineitem first met all of a year's orders). A join of two sub-plans applies one equality
 * per class that has columns on both sides (more would be redundant: a hash key of two columns
 * that are equal, and their selectivity counted twice).
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
        RexBuilder rexBuilder = mj.getCluster().getRexBuilder();
        List<RexNode> conjuncts = new ArrayList<>(RelOptUtil.conjunctions(mj.getJoinFilter()));
        int[] classOf = equalityClasses(conjuncts, offset, rexBuilder);
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
        Plan[] best = new Plan[1 << n];
        for (int i = 0; i < n; i++) {
            RelNode input = mj.getInputs().get(i);
            int[] fieldAt = new int[totalFields];
            Arrays.fill(fieldAt, -1);
            for (int f = offset[i]; f < offset[i + 1]; f++) {
                fieldAt[f] = f - offset[i];
            }
            RelNode leaf = input;
            List<RexNode> local = localTo(conjuncts, masks, i);
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
                List<RexNode> joining = oneEqualityPerClass(conjuncts, classOf, masks, set, left);
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
        List<RexNode> leftover = localTo(conjuncts, masks, -1);
        if (!leftover.isEmpty()) {
            out = LogicalFilter.create(out, remap(RexUtil.composeConjunction(rexBuilder, leftover), all.fieldAt));
        }
        List<RexNode> projects = new ArrayList<>();
        for (int f = 0; f < totalFields; f++) {
            projects.add(rexBuilder.makeInputRef(out, all.fieldAt[f]));
        }
        return LogicalProject.create(out, List.of(), projects, mj.getRowType().getFieldNames(), Set.of());
    }

    /**
     * Closes the equalities of two columns of different inputs ({@code $a = $b}, same type)
     * transitively: adds to {@code conjuncts} an equality for each pair of a class's columns in
     * different inputs that no conjunct joins yet, and returns each conjunct's class (-1: not a
     * column equality, or of a class left as written). A class with two columns in one input is
     * left as written: only one equality per class is applied at a join, and the two columns of
     * that input would then never be compared.
     */
    private static int[] equalityClasses(List<RexNode> conjuncts, int[] offset, RexBuilder rexBuilder) {
        int totalFields = offset[offset.length - 1];
        int[] parent = new int[totalFields];
        for (int f = 0; f < totalFields; f++) {
            parent[f] = f;
        }
        RexInputRef[] byField = new RexInputRef[totalFields];
        Set<Long> written = new HashSet<>();
        for (RexNode c : conjuncts) {
            int[] pair = columnEquality(c, offset);
            if (pair != null) {
                parent[root(parent, pair[0])] = root(parent, pair[1]);
                for (RexNode operand : ((RexCall) c).getOperands()) {
                    byField[((RexInputRef) operand).getIndex()] = (RexInputRef) operand;
                }
                written.add(pairKey(pair[0], pair[1]));
            }
        }
        // the classes with two columns in one input, which stay as written
        Set<Long> seen = new HashSet<>();
        Set<Integer> open = new HashSet<>();
        for (int f = 0; f < totalFields; f++) {
            if (byField[f] != null && !seen.add(pairKey(root(parent, f), factorOf(f, offset)))) {
                open.add(root(parent, f));
            }
        }
        for (int a = 0; a < totalFields; a++) {
            for (int b = a + 1; b < totalFields; b++) {
                // columnEquality admits one type only, so a class's columns share it
                if (byField[a] != null && byField[b] != null && root(parent, a) == root(parent, b)
                        && !open.contains(root(parent, a)) && !written.contains(pairKey(a, b))) {
                    conjuncts.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, byField[a], byField[b]));
                }
            }
        }
        int[] classOf = new int[conjuncts.size()];
        for (int c = 0; c < classOf.length; c++) {
            int[] pair = columnEquality(conjuncts.get(c), offset);
            classOf[c] = pair == null || open.contains(root(parent, pair[0])) ? -1 : root(parent, pair[0]);
        }
        return classOf;
    }

    /** A key for an unordered pair of ints. */
    private static long pairKey(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }

    private static boolean sameTypeIgnoringNulls(RexInputRef a, RexInputRef b) {
        return a.getType().getSqlTypeName() == b.getType().getSqlTypeName()
                && a.getType().getPrecision() == b.getType().getPrecision()
                && a.getType().getScale() == b.getType().getScale();
    }

    /** The two fields of {@code $a = $b} over columns of different inputs and one type, else null. */
    private static int[] columnEquality(RexNode c, int[] offset) {
        if (c.getKind() != SqlKind.EQUALS || !(c instanceof RexCall call)
                || !(call.getOperands().get(0) instanceof RexInputRef a)
                || !(call.getOperands().get(1) instanceof RexInputRef b)
                || factorOf(a.getIndex(), offset) == factorOf(b.getIndex(), offset)
                || !sameTypeIgnoringNulls(a, b)) {
            return null;
        }
        return new int[] {a.getIndex(), b.getIndex()};
    }

    private static int root(int[] parent, int f) {
        while (parent[f] != f) {
            parent[f] = parent[parent[f]];
            f = parent[f];
        }
        return f;
    }

    /** The conjuncts a join of {@code set} split at {@code left} applies ({@link #joins}), one column equality per class. */
    private static List<RexNode> oneEqualityPerClass(List<RexNode> conjuncts, int[] classOf, int[] masks, int set,
            int left) {
        List<RexNode> out = new ArrayList<>();
        Set<Integer> classes = new HashSet<>();
        for (int c = 0; c < masks.length; c++) {
            int m = masks[c];
            if (joins(m, set, left) && (classOf[c] < 0 || classes.add(classOf[c]))) {
                out.add(conjuncts.get(c));
            }
        }
        return out;
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
     * The conjuncts over input {@code i} alone (its own filters), or with {@code i < 0} those over
     * no input (constants).
     */
    private static List<RexNode> localTo(List<RexNode> conjuncts, int[] masks, int i) {
        int only = i < 0 ? 0 : 1 << i;
        List<RexNode> out = new ArrayList<>();
        for (int c = 0; c < masks.length; c++) {
            if (masks[c] == only) {
                out.add(conjuncts.get(c));
            }
        }
        return out;
    }

    /** Whether a conjunct over the inputs {@code m} is one a join of {@code set} split at {@code left} applies. */
    private static boolean joins(int m, int set, int left) {
        return (m & ~set) == 0 && (m & left) != 0 && (m & ~left) != 0;
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
