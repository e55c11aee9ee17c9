package io.blueshift.sql.physical;

import io.blueshift.sql.catalog.PgSession;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.agg.AggCall;
import io.blueshift.executor.agg.AggKind;
import io.blueshift.executor.agg.ChunkAggOp;
import io.blueshift.executor.agg.EdgeMergeOp;
import io.blueshift.executor.agg.HashAggOp;
import io.blueshift.executor.expr.CastExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.executor.expr.RowExpr;
import io.blueshift.executor.op.ExchangeOp;
import io.blueshift.executor.op.FilterOp;
import io.blueshift.executor.op.GatherOp;
import io.blueshift.executor.op.HashJoinOp;
import io.blueshift.executor.op.JoinKind;
import io.blueshift.executor.op.LimitOp;
import io.blueshift.executor.op.Explain;
import io.blueshift.executor.op.MeteredOp;
import io.blueshift.executor.op.NestedLoopJoinOp;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.PhysicalOperator;
import io.blueshift.executor.op.ProjectOp;
import io.blueshift.executor.op.RepeatUnionOp;
import io.blueshift.executor.op.RuntimeFilter;
import io.blueshift.executor.op.ScanOp;
import io.blueshift.executor.op.SemiJoinBuildLeftOp;
import io.blueshift.executor.op.SetOpAllOp;
import io.blueshift.executor.op.ParallelSortOp;
import io.blueshift.executor.op.SortOp;
import io.blueshift.executor.op.SpoolOp;
import io.blueshift.executor.op.UnionAllOp;
import io.blueshift.executor.op.SeriesOp;
import io.blueshift.executor.op.ValuesOp;
import io.blueshift.executor.op.WorkingTableScanOp;
import io.blueshift.executor.window.WindowCall;
import io.blueshift.executor.window.WindowOp;
import io.blueshift.executor.window.WindowSpec;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.catalog.CalciteCatalogAdapter;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.Slices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Spool;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Maps an optimized logical plan onto a tree of operator plans ({@link PhysicalOperator}): scans,
 * filters (split into conjuncts), projections, hash aggregation (one per grouping set, unioned, for
 * GROUPING SETS / ROLLUP / CUBE), hash joins on the equi-join keys (nested loops without any),
 * sorts and limits. The tree is built once per statement; the query's operators are instantiated
 * from it, and a parallel pipeline is one subtree instantiated once per worker. The plan is made
 * for one execution: it reads the statement's parameters (LIMIT $1) and, to choose parallel and
 * slice-by-slice plans, the table versions the statement sees.
 */
public final class PhysicalPlanner {
    /**
     * What a correlate the logical plan still holds is (Calcite's decorrelator gave up on it); the
     * executor has no operator that reruns a sub-query per row.
     */
    static final String NOT_DECORRELATED = "this correlated sub-query (the planner could not turn it into a join;"
            + " a sub-query that refers to a query two or more levels out is one such form)";

    private final ExecContext ctx;
    private final boolean analyze;
    private final PgSession session;

    /**
     * A planner for one execution of a statement of {@code session}; with {@code analyze}, every
     * operator counts its rows and time (EXPLAIN ANALYZE).
     */
    public PhysicalPlanner(ExecContext ctx, boolean analyze, PgSession session) {
        this.ctx = ctx;
        this.analyze = analyze;
        this.session = session;
    }

    /** The aggregates the statement computes more than once, each planned once as a spool. */
    private Set<RepeatedSubtrees.Shape> repeated;
    private final Map<RepeatedSubtrees.Shape, PhysicalOperator> spools = new HashMap<>();

    /** The plan of {@code rel}; {@link PhysicalOperator#instantiate} makes the operators that run it. */
    public PhysicalOperator plan(RelNode rel) {
        if (repeated == null) {
            repeated = RepeatedSubtrees.find(rel, this::isTable);
        }
        if (!repeated.isEmpty() && rel instanceof Aggregate) {
            RepeatedSubtrees.Shape shape = new RepeatedSubtrees.Shape(rel);
            if (repeated.contains(shape)) {
                PhysicalOperator spool = spools.get(shape);
                if (spool == null) {
                    spool = meter(new SpoolOp.Plan(planOnce(rel)));
                    spools.put(shape, spool);
                }
                return spool;
            }
        }
        return planOnce(rel);
    }

    private PhysicalOperator planOnce(RelNode rel) {
        PhysicalOperator op = planOne(rel);
        // A scan under a projection is metered where it is made; meter each operator once.
        return analyze && !(op instanceof MeteredOp.Plan) ? new MeteredOp.Plan(op) : op;
    }

    private PhysicalOperator meter(PhysicalOperator op) {
        return analyze ? new MeteredOp.Plan(op) : op;
    }

    /** The operator tree as EXPLAIN prints it ({@link Explain}): one operator a line, inputs indented below. */
    public static String explain(Operator root) {
        return Explain.text(root);
    }

    private PhysicalOperator planOne(RelNode rel) {
        return switch (rel) {
            case TableScan scan -> scan(scan);
            case Filter filter -> filter(filter);
            case Project project -> project(project);
            case Aggregate aggregate -> aggregate(aggregate);
            case Join join -> join(join);
            case Sort sort -> sort(sort);
            case Values values -> values(values);
            case Union union -> union(union);
            case Intersect intersect when intersect.all ->
                    setOpAll(intersect, SetOpAllOp.Kind.INTERSECT);
            case Minus minus when minus.all ->
                    setOpAll(minus, SetOpAllOp.Kind.EXCEPT);
            case Window window -> window(window);
            case RepeatUnion repeat -> repeatUnion(repeat);
            case Spool spool -> plan(spool.getInput());
            case Correlate correlate -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, NOT_DECORRELATED);
            case TableFunctionScan function -> tableFunction(function);
            default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "plan operator " + rel.getRelTypeName());
        };
    }

    /** The working tables of the recursive CTEs being planned, by name: the keys their scans find them under. */
    private final Map<String, Object> workingTables = new HashMap<>();

    private PhysicalOperator repeatUnion(RepeatUnion repeat) {
        String name = String.join(".", repeat.getTransientTable().getQualifiedName());
        Object working = new Object();
        workingTables.put(name, working);
        PhysicalOperator seed = plan(repeat.getSeedRel());
        List<SqlType> types = new ArrayList<>();
        for (RelDataTypeField f : repeat.getRowType().getFieldList()) {
            types.add(Types.of(f.getType()));
        }
        PhysicalOperator castSeed = castTo(seed, types);
        return new RepeatUnionOp.Plan(castSeed, castTo(plan(repeat.getIterativeRel()), types), working, repeat.all);
    }

    /** Adds a projection casting the operator's columns to {@code types} where they differ. */
    public static PhysicalOperator castTo(PhysicalOperator op, List<SqlType> types) {
        List<Expr> exprs = new ArrayList<>();
        boolean needed = false;
        for (int i = 0; i < types.size(); i++) {
            Expr e = CastExpr.create(new ColumnExpr(i, op.types().get(i)), types.get(i));
            needed |= !(e instanceof ColumnExpr);
            exprs.add(e);
        }
        return needed ? new ProjectOp.Plan(op, exprs) : op;
    }

    private PhysicalOperator scan(TableScan scan) {
        Object working = workingTables.get(String.join(".", scan.getTable().getQualifiedName()));
        if (working != null) {
            List<SqlType> types = new ArrayList<>();
            for (RelDataTypeField f : scan.getRowType().getFieldList()) {
                types.add(Types.of(f.getType()));
            }
            return new WorkingTableScanOp.Plan(working, types);
        }
        CalciteCatalogAdapter.TableView view = scan.getTable().unwrap(CalciteCatalogAdapter.TableView.class);
        TableDef table = view.table();
        int[] columns = new int[scan.getRowType().getFieldCount()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = i;
        }
        return scanPlan(scan, table, columns, List.of());
    }

    /** Scans planned for one slice of a join run slice by slice (see {@link #colocatedJoin}). */
    private final Map<TableScan, Integer> sliceScans = new IdentityHashMap<>();

    /** A scan of {@code columns}, on its slice when a join is planned slice by slice. */
    private ScanOp.Plan scanPlan(TableScan scan, TableDef table, int[] columns, List<ScanOp.Range> ranges) {
        Integer s = sliceScans.get(scan);
        List<String> names = new ArrayList<>(table.columns().size());
        for (ColumnDef c : table.columns()) {
            names.add(c.name());
        }
        return new ScanOp.Plan(table.name(), table.data(), columns, false, ranges, s == null ? -1 : s).named(names);
    }

    /**
     * A projection over a table scan, possibly with a filter between them: the scan reads only the
     * columns the projection and the filter use, and the filter compacts only those the projection uses.
     */
    private PhysicalOperator projectScan(Project project, Filter filter, TableScan scan) {
        ImmutableBitSet projected = RelOptUtil.InputFinder.bits(project.getProjects(), null);
        ImmutableBitSet used = projected;
        if (filter != null) {
            used = used.union(RelOptUtil.InputFinder.bits(filter.getCondition()));
        }
        int[] columns = used.toArray();
        int[] map = new int[scan.getRowType().getFieldCount()];
        for (int i = 0; i < columns.length; i++) {
            map[columns[i]] = i;
        }
        TableDef table = scan.getTable().unwrap(CalciteCatalogAdapter.TableView.class).table();
        PhysicalOperator input = scanPlan(scan, table, columns,
                filter == null ? List.of() : ZoneRanges.of(filter.getCondition(), table));
        if (analyze) {
            input = new MeteredOp.Plan(input);
        }
        if (filter != null) {
            RexTranslator ft = translator(filter, input);
            List<Expr> conjuncts = new ArrayList<>();
            for (RexNode c : RelOptUtil.conjunctions(filter.getCondition().accept(remap(map)))) {
                conjuncts.add(ft.translate(c));
            }
            int[] kept = null;
            if (projected.cardinality() < columns.length) {
                kept = new int[projected.cardinality()];
                int k = 0;
                for (int c : projected) {
                    kept[k] = map[c];
                    map[c] = k++;
                }
            }
            input = new FilterOp.Plan(input, conjuncts, kept);
            if (analyze) {
                input = new MeteredOp.Plan(input);
            }
        }
        return projection(project, input, remap(map));
    }

    /** Renumbers input references: {@code map[i]} for input {@code i}. */
    private static RexShuttle remap(int[] map) {
        return new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(map[ref.getIndex()], ref.getType());
            }
        };
    }

    /**
     * The projection {@code project} over {@code input}, its expressions renumbered by {@code remap};
     * just {@code input} where that projection would pass on each of its columns in order.
     */
    private PhysicalOperator projection(Project project, PhysicalOperator input, RexShuttle remap) {
        RexTranslator t = translator(project, input);
        List<Expr> exprs = new ArrayList<>();
        List<RelDataTypeField> fields = project.getRowType().getFieldList();
        for (int i = 0; i < project.getProjects().size(); i++) {
            exprs.add(CastExpr.create(t.translate(project.getProjects().get(i).accept(remap)),
                    Types.of(fields.get(i).getType())));
        }
        boolean identity = exprs.size() == input.types().size();
        for (int i = 0; identity && i < exprs.size(); i++) {
            identity = exprs.get(i) instanceof ColumnExpr c && c.index() == i;
        }
        return identity ? input : new ProjectOp.Plan(input, exprs);
    }

    /** Whether a scan reads a stored table (not a recursive query's working table). */
    private boolean isTable(TableScan scan) {
        return scan.getTable().unwrap(CalciteCatalogAdapter.TableView.class) != null
                && !workingTables.containsKey(String.join(".", scan.getTable().getQualifiedName()));
    }

    private PhysicalOperator filter(Filter filter) {
        return filter(filter, null);
    }

    /** The filter, passing on its input's {@code columns} in that order (all of them when null). */
    private PhysicalOperator filter(Filter filter, int[] columns) {
        if (filter.getInput() instanceof TableScan scan && isTable(scan)) {
            TableDef table = scan.getTable().unwrap(CalciteCatalogAdapter.TableView.class).table();
            List<ScanOp.Range> ranges = ZoneRanges.of(filter.getCondition(), table);
            if (!ranges.isEmpty()) {
                int[] all = IntStream.range(0, scan.getRowType().getFieldCount()).toArray();
                PhysicalOperator input = meter(scanPlan(scan, table, all, ranges));
                return new FilterOp.Plan(input, conjuncts(filter, input), columns);
            }
        }
        PhysicalOperator input = plan(filter.getInput());
        return new FilterOp.Plan(input, conjuncts(filter, input), columns);
    }

    private List<Expr> conjuncts(Filter filter, PhysicalOperator input) {
        RexTranslator t = translator(filter, input);
        List<Expr> conjuncts = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
            conjuncts.add(t.translate(c));
        }
        return conjuncts;
    }

    private PhysicalOperator project(Project project) {
        if (project.getInput() instanceof TableScan scan && isTable(scan)) {
            return projectScan(project, null, scan);
        }
        if (project.getInput() instanceof Filter filter && filter.getInput() instanceof TableScan scan && isTable(scan)) {
            return projectScan(project, filter, scan);
        }
        if (project.getInput() instanceof Filter filter) {
            // The filter copies only the columns the projection uses.
            ImmutableBitSet projected = RelOptUtil.InputFinder.bits(project.getProjects(), null);
            int width = filter.getRowType().getFieldCount();
            if (projected.cardinality() < width) {
                int[] columns = projected.toArray();
                int[] map = new int[width];
                for (int i = 0; i < columns.length; i++) {
                    map[columns[i]] = i;
                }
                return projection(project, meter(filter(filter, columns)), remap(map));
            }
        }
        PhysicalOperator input = plan(project.getInput());
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
        int width = input.types().size();
        if (project.getInput() instanceof Join && used.cardinality() < width) {
            // The join emits only the columns the projection uses: one its keys alone read is never copied.
            int[] columns = used.toArray();
            PhysicalOperator narrowed = emitting(input, columns);
            if (narrowed != null) {
                int[] map = new int[width];
                for (int i = 0; i < columns.length; i++) {
                    map[columns[i]] = i;
                }
                return projection(project, narrowed, remap(map));
            }
        }
        return projection(project, input, new RexShuttle());
    }

    /**
     * The input columns that the projection {@code p} passes on unchanged as its columns
     * {@code columns}, or null where one of them is computed.
     */
    private static int[] columnsBelow(ProjectOp.Plan p, int[] columns) {
        int[] below = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (!(p.exprs().get(columns[i]) instanceof ColumnExpr c)) {
                return null;
            }
            below[i] = c.index();
        }
        return below;
    }

    /**
     * The join plan {@code plan} emitting only its columns at {@code columns}, or null where it
     * cannot: a hash join selects them as it builds its output, a projection of columns (the one
     * that drops a join's cast keys again) passes the selection to the join below it.
     */
    private static PhysicalOperator emitting(PhysicalOperator plan, int[] columns) {
        switch (plan) {
            case MeteredOp.Plan m -> {
                PhysicalOperator inner = emitting(m.inner(), columns);
                return inner == null ? null : new MeteredOp.Plan(inner);
            }
            case HashJoinOp.Plan j -> {
                return j.emitting(columns);
            }
            case ProjectOp.Plan p -> {
                int[] below = columnsBelow(p, columns);
                return below == null ? null : emitting(p.input(), below);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * An aggregate directly over a table scan (COUNT(*) is one) as an aggregate over a projection of
     * the columns it uses, so that the scan reads only those.
     */
    private static Aggregate narrowScan(Aggregate aggregate) {
        if (!(aggregate.getInput() instanceof TableScan scan)) {
            return aggregate;
        }
        int fields = scan.getRowType().getFieldCount();
        ImmutableBitSet.Builder used = ImmutableBitSet.builder();
        used.addAll(aggregate.getGroupSet());
        for (AggregateCall call : aggregate.getAggCallList()) {
            used.addAll(call.getArgList());
            if (call.filterArg >= 0) {
                used.set(call.filterArg);
            }
            call.collation.getFieldCollations().forEach(f -> used.set(f.getFieldIndex()));
        }
        ImmutableBitSet columns = used.build();
        if (columns.cardinality() == fields) {
            return aggregate;
        }
        Map<Integer, Integer> moves = new HashMap<>();
        for (int c : columns) {
            moves.put(c, moves.size());
        }
        Mappings.TargetMapping map =
                Mappings.target(moves, fields, columns.cardinality());
        RelNode project = RelOptUtil.createProject(scan, columns.asList());
        List<ImmutableBitSet> sets = aggregate.getGroupSets().stream().map(g -> g.permute(moves)).toList();
        List<AggregateCall> calls = aggregate.getAggCallList().stream().map(c -> c.transform(map)).toList();
        return aggregate.copy(aggregate.getTraitSet(), project, aggregate.getGroupSet().permute(moves), sets, calls);
    }

    private PhysicalOperator aggregate(Aggregate original) {
        Aggregate aggregate = narrowScan(original);
        if (aggregate.getGroupSets().size() == 1) {
            PhysicalOperator input = DecimalNarrowing.narrowed(plan(aggregate.getInput()), summedOnly(aggregate), ctx);
            PhysicalOperator parallel = chunkAggregate(aggregate, input);
            if (parallel == null) {
                parallel = parallelAggregate(aggregate, input);
            }
            return parallel != null ? parallel : aggregateOne(aggregate, input, aggregate.getGroupSet());
        }
        // One plan of the input, instantiated once per grouping set (each reads the input again).
        PhysicalOperator input = plan(aggregate.getInput());
        List<PhysicalOperator> parts = new ArrayList<>();
        for (ImmutableBitSet set : aggregate.getGroupSets()) {
            PhysicalOperator agg = aggregateOne(aggregate, input, set);
            parts.add(fillGroupingSet(aggregate, set, agg));
        }
        return new UnionAllOp.Plan(parts);
    }

    private PhysicalOperator aggregateOne(Aggregate aggregate, PhysicalOperator input, ImmutableBitSet groupSet) {
        return aggregateOne(aggregate, input, groupSet, 1);
    }

    /**
     * The input columns of {@code aggregate} that only SUM and AVG read (no DISTINCT, no FILTER,
     * not a group key, no other aggregate): what {@link DecimalNarrowing} may compute narrower.
     */
    private static Set<Integer> summedOnly(Aggregate aggregate) {
        Set<Integer> summed = new HashSet<>();
        Set<Integer> other = new HashSet<>(aggregate.getGroupSet().asList());
        for (AggregateCall call : aggregate.getAggCallList()) {
            boolean sum = switch (call.getAggregation().getKind()) {
                case SUM, SUM0, AVG -> !call.isDistinct() && call.filterArg < 0 && call.getArgList().size() == 1
                        && call.collation.getFieldCollations().isEmpty();
                default -> false;
            };
            (sum ? summed : other).addAll(call.getArgList());
            if (call.filterArg >= 0) {
                other.add(call.filterArg);
            }
        }
        summed.removeAll(other);
        return summed;
    }

    /** The aggregate of {@code groupSet}, its hash table sized for a {@code 1 / shares} share of the estimated groups. */
    private PhysicalOperator aggregateOne(Aggregate aggregate, PhysicalOperator input, ImmutableBitSet groupSet,
            int shares) {
        int[] keys = groupSet.toArray();
        List<AggregateCall> aggCalls = aggregate.getAggCallList();
        if (aggCalls.stream().anyMatch(c -> c.filterArg >= 0)) {
            List<AggregateCall> unfiltered = new ArrayList<>();
            input = maskFilteredArguments(aggregate, input, unfiltered);
            aggCalls = unfiltered;
        }
        List<AggCall> calls = new ArrayList<>();
        for (AggregateCall call : aggCalls) {
            calls.add(aggCall(call, input.types()));
        }
        Double groups = keys.length == 0 || aggregate.getGroupSets().size() > 1 ? null
                : aggregate.getCluster().getMetadataQuery().getRowCount(aggregate);
        return new HashAggOp.Plan(input, keys, calls, groups == null ? 0 : (int) Math.min(groups / shares, Integer.MAX_VALUE));
    }

    /**
     * {@code agg(x) FILTER (WHERE f)} as {@code agg(CASE WHEN f THEN x END)}: the aggregate's input
     * gets one column per filtered value argument that is NULL where the filter is not true, and
     * every aggregate skips NULL values ({@code count(*) FILTER} counts a column that is TRUE where
     * the filter holds). The constant arguments (a delimiter, a fraction) are not masked.
     */
    private PhysicalOperator maskFilteredArguments(Aggregate aggregate, PhysicalOperator input, List<AggregateCall> unfiltered) {
        RexBuilder rb = aggregate.getCluster().getRexBuilder();
        RelNode in = aggregate.getInput();
        List<RexNode> projects = new ArrayList<>(rb.identityProjects(in.getRowType()));
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (call.filterArg < 0) {
                unfiltered.add(call);
                continue;
            }
            RexNode condition = rb.makeInputRef(in, call.filterArg);
            List<Integer> args = new ArrayList<>(call.getArgList());
            List<RelFieldCollation> order = new ArrayList<>(call.collation.getFieldCollations());
            switch (call.getAggregation().getKind()) {
                case COUNT -> {
                    if (args.isEmpty()) {
                        projects.add(rb.makeCall(SqlStdOperatorTable.CASE, condition,
                                rb.makeLiteral(true), rb.makeNullLiteral(rb.getTypeFactory().createSqlType(
                                        SqlTypeName.BOOLEAN))));
                        args.add(projects.size() - 1);
                    } else {
                        args.replaceAll(a -> masked(rb, in, projects, condition, a));
                    }
                }
                case LISTAGG, STRING_AGG -> args.set(0, masked(rb, in, projects, condition, args.get(0)));
                case PERCENTILE_CONT, PERCENTILE_DISC -> order.replaceAll(c ->
                        c.withFieldIndex(masked(rb, in, projects, condition, c.getFieldIndex())));
                default -> args.replaceAll(a -> masked(rb, in, projects, condition, a));
            }
            unfiltered.add(call.copy(args, -1, call.distinctKeys, RelCollations.of(order)));
        }
        RexTranslator t = new RexTranslator(rb, input.types(), session);
        List<Expr> exprs = new ArrayList<>();
        for (RexNode p : projects) {
            exprs.add(t.translate(p));
        }
        return new ProjectOp.Plan(input, exprs);
    }

    /** Adds {@code CASE WHEN condition THEN $column END} to {@code projects}; returns its index. */
    private static int masked(RexBuilder rb, RelNode in, List<RexNode> projects,
            RexNode condition, int column) {
        RexNode value = rb.makeInputRef(in, column);
        projects.add(rb.makeCall(SqlStdOperatorTable.CASE, condition, value,
                rb.makeNullLiteral(rb.getTypeFactory().createTypeWithNullability(value.getType(), true))));
        return projects.size() - 1;
    }

    /** How many input rows (by estimate) a GROUP BY with many groups needs before its workers exchange rows by key. */
    private static final double MIN_EXCHANGED_ROWS = 1_000_000;

    /** How many rows its pipeline must read per group (by estimate) for a GROUP BY to merge partial aggregates. */
    private static final double MIN_REDUCTION = 64;

    /**
     * The threads a parallel part of this query may use: the session's {@code
     * max_parallel_workers_per_gather} (Postgres' name; the cores less one by default) plus one.
     */
    private int workers() {
        String v = session.settings().get("max_parallel_workers_per_gather");
        if (v == null) {
            return ExecContext.WORKERS;
        }
        try {
            return Math.max(1, Integer.parseInt(v.strip()) + 1);
        } catch (NumberFormatException e) {
            return ExecContext.WORKERS;
        }
    }

    /**
     * Whether {@code plan} can run on {@code workers} workers: there are at least two, and it is a
     * {@link ParallelPipeline} over a table of at least two chunks a worker.
     */
    private boolean parallel(PhysicalOperator plan, int workers) {
        ScanOp.Plan source = workers < 2 ? null : ParallelPipeline.source(plan);
        return source != null && ctx.version(source.table()).chunks().size() >= 2 * workers;
    }

    /**
     * Whether a GROUP BY of one key reads it straight from a scan of a table whose chunks are
     * ordered by that column ({@link ZoneRanges#clustered}).
     */
    private boolean clusteredKey(PhysicalOperator input, int[] keys) {
        PhysicalOperator plan = input instanceof MeteredOp.Plan m ? m.inner() : input;
        return keys.length == 1 && plan instanceof ScanOp.Plan scan && scan.table() != null
                && ZoneRanges.clustered(scan.table(), ctx.version(scan.table()), scan.columns()[keys[0]]);
    }

    /** Whether every aggregate of {@code aggregate} can be computed in parts and the parts merged, whatever their order. */
    private static boolean mergeable(Aggregate aggregate) {
        return orderFree(aggregate) && aggregate.getAggCallList().stream()
                .allMatch(call -> !call.isDistinct() && call.filterArg < 0);
    }

    /** Whether no aggregate of {@code aggregate} depends on the order of its rows (COUNT, SUM, MIN, MAX and AVG). */
    private static boolean orderFree(Aggregate aggregate) {
        for (AggregateCall call : aggregate.getAggCallList()) {
            boolean orderFree = switch (call.getAggregation().getKind()) {
                case COUNT, SUM, SUM0, MIN, MAX, AVG -> true;
                default -> false;
            };
            if (!orderFree || !call.collation.getFieldCollations().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A GROUP BY of one integer-like key that a scan reads from a table whose chunks are ordered by
     * it ({@link #clusteredKey}), with aggregates that merge: each chunk aggregated on its own
     * ({@link ChunkAggOp}), by {@link #workers} workers where the table has two chunks a worker,
     * and the groups at the chunks' edges (the only ones another chunk can hold) merged by one
     * {@link EdgeMergeOp}, which passes the others on as they come. No table of all the groups is
     * built: TPC-H Q18's {@code GROUP BY l_orderkey} holds one chunk's orders at a time, at SF 30
     * as at SF 1, and the second core aggregates half of the chunks. Null where it does not apply.
     */
    private PhysicalOperator chunkAggregate(Aggregate aggregate, PhysicalOperator input) {
        int[] keys = aggregate.getGroupSet().toArray();
        if (!mergeable(aggregate) || !clusteredKey(input, keys) || !ChunkAggOp.supports(input.types().get(keys[0]))) {
            return null;
        }
        List<AggCall> serial = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            serial.add(aggCall(call, input.types()));
        }
        var mq = aggregate.getCluster().getMetadataQuery();
        Double groups = mq.getRowCount(aggregate);
        Double rows = mq.getRowCount(aggregate.getInput());
        double groupsPerRow = groups == null || rows == null || rows < 1 ? 1 : Math.min(1, groups / rows);
        int workers = workers();
        boolean parallel = parallel(input, workers) && ctx.memory().limit() >= MIN_PARALLEL_CHUNK_MEMORY;
        PhysicalOperator chunks = meter(new ChunkAggOp.Plan(parallel ? ParallelPipeline.shared(input) : input, keys[0],
                partialCalls(serial), groupsPerRow));
        PhysicalOperator gathered = parallel ? GatherOp.Plan.copies(chunks, workers) : chunks;
        return merged(gathered, 1, serial, merges -> meter(new EdgeMergeOp.Plan(gathered, merges)));
    }

    /**
     * The least query memory a GROUP BY aggregates chunks on several workers with: below it, what
     * the workers and their gather's queue hold at once (a chunk and its groups each, eight
     * batches of groups) outgrows the limit, and one thread aggregates the chunks in turn.
     */
    private static final long MIN_PARALLEL_CHUNK_MEMORY = 16L << 20;

    /** What each part computes of the aggregates {@code serial}: AVG as a SUM and a COUNT, the others as they are. */
    private static List<AggCall> partialCalls(List<AggCall> serial) {
        List<AggCall> partial = new ArrayList<>();
        for (AggCall c : serial) {
            if (c.kind() == AggKind.AVG) {
                partial.add(new AggCall(AggKind.SUM, c.args(), c.argType(), partialSumType(c.argType()), false, null,
                        List.of()));
                partial.add(new AggCall(AggKind.COUNT, c.args(), c.argType(), SqlType.BIGINT, false, null, List.of()));
            } else {
                partial.add(c);
            }
        }
        return partial;
    }

    /**
     * The aggregates {@code serial} from their partial results ({@code keys} key columns, then the
     * columns of {@link #partialCalls}) merged by the operator {@code merge} makes of the merging
     * aggregates (COUNT by summing, SUM, MIN and MAX as themselves, AVG as a sum and a count),
     * each AVG's sum then divided by its count exactly as the one-worker AVG does.
     */
    private PhysicalOperator merged(PhysicalOperator partials, int keys, List<AggCall> serial,
            Function<List<AggCall>, PhysicalOperator> merge) {
        List<Expr> out = new ArrayList<>(identity(partials.types().subList(0, keys)));
        List<AggCall> merges = new ArrayList<>();
        int column = keys;
        for (AggCall c : serial) {
            int at = keys + merges.size();
            switch (c.kind()) {
                case AVG -> {
                    SqlType sumType = partialSumType(c.argType());
                    merges.add(new AggCall(AggKind.SUM, List.of(column), sumType, sumType, false, null, List.of()));
                    merges.add(new AggCall(AggKind.SUM, List.of(column + 1), SqlType.BIGINT, SqlType.BIGINT, false, null,
                            List.of()));
                    out.add(average(new ColumnExpr(at, sumType), new ColumnExpr(at + 1, SqlType.BIGINT), c.type()));
                    column += 2;
                }
                case COUNT, COUNT_STAR -> {
                    merges.add(new AggCall(AggKind.SUM, List.of(column++), SqlType.BIGINT, SqlType.BIGINT, false, null,
                            List.of()));
                    out.add(new ColumnExpr(at, SqlType.BIGINT));
                }
                default -> {
                    merges.add(new AggCall(c.kind(), List.of(column++), c.type(), c.type(), false, null, List.of()));
                    out.add(new ColumnExpr(at, c.type()));
                }
            }
        }
        PhysicalOperator merged = merge.apply(merges);
        // without an AVG every merge already is the aggregate, of its type, in its place
        return serial.stream().anyMatch(c -> c.kind() == AggKind.AVG) ? new ProjectOp.Plan(merged, out) : merged;
    }

    /**
     * A GROUP BY over a {@link ParallelPipeline} (a table's scan, filters, projections and hash
     * join probes) of {@code input}, run by {@link #workers} workers, each its own state of the
     * pipeline over the chunks it takes. With few groups each worker ends in a partial aggregate
     * and a final aggregate merges the partial results (COUNT by summing, SUM, MIN and MAX as
     * themselves, AVG as a sum and a count divided at the end, exactly as the one-worker AVG does).
     * With many groups, or aggregates that cannot be merged (DISTINCT), over a million rows of
     * a table, the workers exchange their rows by the hash of the group key ({@link ExchangeOp})
     * and each aggregates its share of the groups whole; over a join, the join pipeline runs on
     * the workers and one aggregate reads their rows. Null where none applies: one worker,
     * another input, fewer than two chunks a worker, or an aggregate whose result depends on the
     * order of its rows.
     */
    private PhysicalOperator parallelAggregate(Aggregate aggregate, PhysicalOperator input) {
        int workers = workers();
        if (!parallel(input, workers)) {
            return null;
        }
        if (!orderFree(aggregate)) {
            return null;
        }
        boolean mergeable = mergeable(aggregate);
        // Each worker's partial result holds every group it saw: with many groups, merging them
        // costs more than the parallel part saves (TPC-H Q18's 1.5 M orders over 6 M rows ran 35%
        // slower), so only a GROUP BY that reduces its input by far aggregates in parallel.
        // Without a join the alternative is one thread doing all of the pipeline's work: its
        // table's rows read, filtered and computed, more than the rows that reach the aggregate
        // (TPC-H Q15 reads 6 M rows to aggregate 226 K of them into 10 K suppliers).
        var mq = aggregate.getCluster().getMetadataQuery();
        Double groups = mq.getRowCount(aggregate);
        Double rows = mq.getRowCount(aggregate.getInput());
        double read = rows == null || ParallelPipeline.joins(input) ? 0
                : ctx.version(ParallelPipeline.source(input).table()).rowCount();
        int[] keys = aggregate.getGroupSet().toArray();
        if (groups == null || rows == null || groups > Math.max(rows, read) / MIN_REDUCTION || !mergeable) {
            // Many groups: each worker sends its rows by the hash of the group key to the worker
            // that aggregates that key (all of a group's rows meet there), and the workers'
            // aggregates, each over its share of the groups, need no merge. Measured, it pays for
            // a large table's own rows (TPC-H Q18's 6 M lineitem rows in 1.5 M groups: 0.82x);
            // over a join's output (Q3, Q21) sending the rows cost more than it saved, so there
            // the join pipeline runs on the workers and one aggregate reads their rows.
            List<SqlType> inputTypes = input.types();
            int[] sendBy = Arrays.stream(keys).filter(k -> ExchangeOp.Plan.hashable(inputTypes.get(k))).toArray();
            boolean joins = ParallelPipeline.joins(input);
            if (!joins && clusteredKey(input, keys)) {
                // One thread appends the groups of a key that arrives in ascending order without
                // a hash table (GroupHashTable.indexLazily); exchanged, the rows arrive interleaved
                // and every group costs a random insert: TPC-H Q18's GROUP BY l_orderkey at SF 10
                // took 5.1 s on two workers exchanging and 1.9 s on one thread.
                return null;
            }
            if (joins || rows < MIN_EXCHANGED_ROWS || sendBy.length == 0) {
                return !joins ? null
                        : aggregateOne(aggregate, GatherOp.Plan.copies(ParallelPipeline.shared(input), workers),
                                aggregate.getGroupSet());
            }
            PhysicalOperator exchanged = new ExchangeOp.Plan(ParallelPipeline.shared(input), sendBy, workers);
            return GatherOp.Plan.copies(meter(aggregateOne(aggregate, exchanged, aggregate.getGroupSet(), workers)), workers);
        }
        // One plan of the pipeline and its partial aggregate, instantiated once per worker; the
        // workers' scans take the table's chunks from one dispenser, their probes share the builds.
        input = ParallelPipeline.shared(input);
        List<AggCall> serial = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            serial.add(aggCall(call, input.types()));
        }
        PhysicalOperator agg = new HashAggOp.Plan(input, keys, partialCalls(serial));
        PhysicalOperator gathered = GatherOp.Plan.copies(meter(agg), workers);
        int[] finalKeys = ImmutableBitSet.range(keys.length).toArray();
        return merged(gathered, keys.length, serial, merges -> new HashAggOp.Plan(gathered, finalKeys, merges));
    }

    /**
     * {@code plan} run by {@link #workers} workers and their rows gathered, where it is a {@link
     * ParallelPipeline} over at least two chunks a worker that does more than read (probes a join
     * or filters), and what reads it needs all of its rows before it emits any (a hash join's
     * build side, a sort): TPC-H Q9 builds on lineitem joined with part and partsupp, which one
     * thread computed while the other waited. Else {@code plan} itself.
     */
    private PhysicalOperator gathered(PhysicalOperator plan) {
        int workers = workers();
        if (!parallel(plan, workers) || !ParallelPipeline.computes(plan)) {
            return plan;
        }
        return GatherOp.Plan.copies(ParallelPipeline.shared(plan), workers);
    }

    /**
     * A SEMI or ANTI join built on its left rows, whose right input {@code rightPlan}, where it is
     * a {@link ParallelPipeline} over at least two chunks a worker, every worker probes (TPC-H Q4
     * and Q21 test a few thousand orders against all of lineitem); else probed by one thread from
     * {@code right} ({@code rightPlan}, or its rows gathered from the workers).
     */
    private PhysicalOperator semiJoinBuildLeft(PhysicalOperator left, PhysicalOperator right, PhysicalOperator rightPlan,
            int[] leftKeys, int[] rightKeys, boolean anti, Expr residual) {
        int workers = workers();
        if (!parallel(rightPlan, workers)) {
            return new SemiJoinBuildLeftOp.Plan(left, right, leftKeys, rightKeys, anti, residual);
        }
        return new SemiJoinBuildLeftOp.Plan(left, ParallelPipeline.shared(rightPlan), leftKeys, rightKeys, anti, residual,
                workers);
    }

    /** The type a partial sum for AVG keeps: exact for integers and decimals, DOUBLE for floats. */
    private static SqlType partialSumType(SqlType argType) {
        return switch (argType.kind()) {
            case REAL, DOUBLE -> SqlType.DOUBLE;
            default -> SqlType.decimal(38, argType.isDecimal() ? argType.scale() : 0);
        };
    }

    /** sum / count as the one-worker AVG computes it: rounded half up to the result's scale, or as a double. */
    private static Expr average(Expr sum, Expr count, SqlType type) {
        boolean floating = sum.type().kind() == TypeKind.DOUBLE;
        return new RowExpr("avg", v -> {
            long n = ((Number) v[1]).longValue();
            if (n == 0) {
                return null;
            }
            if (floating) {
                return ((Number) v[0]).doubleValue() / n;
            }
            return ((BigDecimal) v[0]).divide(BigDecimal.valueOf(n), Math.max(type.scale(), 0),
                    RoundingMode.HALF_UP);
        }, List.of(sum, count), type, true);
    }

    /** Reshapes one grouping set's aggregate to the full key list: NULL for the keys it does not group by. */
    private PhysicalOperator fillGroupingSet(Aggregate aggregate, ImmutableBitSet set, PhysicalOperator agg) {
        List<Expr> exprs = new ArrayList<>();
        List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
        int fullKeys = aggregate.getGroupSet().cardinality();
        int at = 0;
        int k = 0;
        for (int key : aggregate.getGroupSet()) {
            SqlType type = Types.of(fields.get(k).getType());
            if (set.get(key)) {
                exprs.add(CastExpr.create(new ColumnExpr(at++, agg.types().get(at - 1)), type));
            } else {
                exprs.add(new LiteralExpr(null, type));
            }
            k++;
        }
        for (int a = 0; a < aggregate.getAggCallList().size(); a++) {
            AggregateCall call = aggregate.getAggCallList().get(a);
            SqlType type = Types.of(fields.get(fullKeys + a).getType());
            if (call.getAggregation().getKind() == SqlKind.GROUPING
                    || call.getAggregation().getKind() == SqlKind.GROUPING_ID) {
                long bits = 0;
                for (int arg : call.getArgList()) {
                    bits = (bits << 1) | (set.get(arg) ? 0 : 1);
                }
                exprs.add(CastExpr.create(new LiteralExpr(bits, SqlType.BIGINT), type));
            } else {
                exprs.add(new ColumnExpr(at, agg.types().get(at)));
            }
            at++;
        }
        return new ProjectOp.Plan(agg, exprs);
    }

    private AggCall aggCall(AggregateCall call, List<SqlType> inputTypes) {
        String name = call.getAggregation().getName().toLowerCase(Locale.ROOT);
        List<Integer> args = call.getArgList();
        SqlType argType = args.isEmpty() ? null : inputTypes.get(args.get(0));
        SqlType type = Types.of(call.getType());
        AggKind kind = switch (call.getAggregation().getKind()) {
            case COUNT -> args.isEmpty() ? AggKind.COUNT_STAR : AggKind.COUNT;
            case SUM, SUM0 -> AggKind.SUM;
            case AVG -> AggKind.AVG;
            case MIN -> AggKind.MIN;
            case MAX -> AggKind.MAX;
            case STDDEV_SAMP -> AggKind.STDDEV_SAMP;
            case STDDEV_POP -> AggKind.STDDEV_POP;
            case VAR_SAMP -> AggKind.VAR_SAMP;
            case VAR_POP -> AggKind.VAR_POP;
            case ANY_VALUE -> AggKind.ANY_VALUE;
            case SINGLE_VALUE -> AggKind.SINGLE_VALUE;
            case GROUPING, GROUPING_ID -> AggKind.ANY_VALUE;
            case LISTAGG, STRING_AGG -> AggKind.STRING_AGG;
            case PERCENTILE_CONT -> AggKind.PERCENTILE_CONT;
            case PERCENTILE_DISC -> AggKind.PERCENTILE_DISC;
            case LITERAL_AGG -> AggKind.LITERAL;
            default -> switch (name) {
                case "bool_and", "every" -> AggKind.BOOL_AND;
                case "bool_or", "some" -> AggKind.BOOL_OR;
                case "stddev" -> AggKind.STDDEV_SAMP;
                case "variance" -> AggKind.VAR_SAMP;
                case "median" -> AggKind.MEDIAN;
                case "approx_count_distinct" -> AggKind.APPROX_COUNT_DISTINCT;
                default -> throw new BlueshiftException(ErrorCode.UNDEFINED_FUNCTION, "aggregate " + name);
            };
        };
        boolean sum0 = call.getAggregation().getKind() == SqlKind.SUM0;
        if (sum0) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "$SUM0");
        }
        List<AggCall.SortKey> order = new ArrayList<>();
        for (RelFieldCollation c : call.collation.getFieldCollations()) {
            order.add(new AggCall.SortKey(c.getFieldIndex(), c.direction.isDescending(), nullsFirst(c)));
        }
        List<Integer> allArgs = new ArrayList<>(args);
        int orderField = order.isEmpty() ? -1 : order.get(0).column();
        if (kind == AggKind.STRING_AGG) {
            // value, delimiter column (a projected constant); the ORDER BY columns are the order keys
            allArgs = List.of(args.get(0), args.size() > 1 ? args.get(1) : -1);
        }
        if ((kind == AggKind.PERCENTILE_CONT || kind == AggKind.PERCENTILE_DISC) && orderField >= 0) {
            // the sorted column, then the fraction (a projected constant)
            allArgs = List.of(orderField, args.isEmpty() ? -1 : args.get(0));
            argType = inputTypes.get(orderField);
        }
        return new AggCall(kind, allArgs, argType, type, call.isDistinct(), aggConstant(call, kind), order);
    }

    private Object aggConstant(AggregateCall call, AggKind kind) {
        if (call.rexList != null && !call.rexList.isEmpty() && call.rexList.get(0) instanceof RexLiteral lit) {
            return RexTranslator.literal(lit, Types.of(lit.getType()));
        }
        return null;
    }

    private PhysicalOperator join(Join join) {
        if (join.getJoinType() == JoinRelType.INNER && !join.analyzeCondition().leftKeys.isEmpty()
                && smallerLeft(join)) {
            return swapped(join);
        }
        return joinAsIs(join);
    }

    /**
     * An inner join with its inputs exchanged, so that the hash table is built from the smaller
     * side, and the output columns put back in the original order.
     */
    private PhysicalOperator swapped(Join join) {
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        int leftCount = join.getLeft().getRowType().getFieldCount();
        int rightCount = join.getRight().getRowType().getFieldCount();
        int[] adjust = new int[leftCount + rightCount];
        for (int i = 0; i < leftCount; i++) {
            adjust[i] = rightCount;
        }
        for (int i = 0; i < rightCount; i++) {
            adjust[leftCount + i] = -leftCount;
        }
        List<RelDataTypeField> fields = new ArrayList<>(join.getRowType().getFieldList());
        RexNode condition = join.getCondition().accept(new RelOptUtil.RexInputConverter(rexBuilder, fields, adjust));
        Join exchanged = join.copy(join.getTraitSet(), condition, join.getRight(), join.getLeft(), join.getJoinType(),
                join.isSemiJoinDone());
        PhysicalOperator op = joinAsIs(exchanged);
        List<Expr> reorder = new ArrayList<>();
        for (int i = 0; i < leftCount; i++) {
            reorder.add(new ColumnExpr(rightCount + i, op.types().get(rightCount + i)));
        }
        for (int i = 0; i < rightCount; i++) {
            reorder.add(new ColumnExpr(i, op.types().get(i)));
        }
        return new ProjectOp.Plan(op, reorder);
    }

    /** The table scan and column a join input's field comes from through projections and filters, or null. */
    private static Object[] origin(RelNode input, int field) {
        while (true) {
            if (input instanceof TableScan scan) {
                return new Object[] {scan, field};
            }
            if (input instanceof Filter f) {
                input = f.getInput();
            } else if (input instanceof Project p && p.getProjects().get(field) instanceof RexInputRef ref) {
                field = ref.getIndex();
                input = p.getInput();
            } else {
                return null;
            }
        }
    }

    /** Whether a plan reads only one table (through projections and filters), so a slice of it is a slice of its input. */
    private static boolean singleScan(RelNode input) {
        while (input instanceof Filter || input instanceof Project) {
            input = input.getInput(0);
        }
        return input instanceof TableScan;
    }

    /**
     * A join of two tables distributed by KEY on the columns it joins on runs slice by slice:
     * matching rows always share a slice, so each slice's join (a hash table a slice's size) is
     * independent, and the slices run on the worker threads. Null where that does not apply.
     */
    private PhysicalOperator colocatedJoin(Join join) {
        if (!sliceScans.isEmpty() || workers() < 2 || join.getJoinType() == JoinRelType.ASOF) {
            return null;
        }
        JoinInfo info = join.analyzeCondition();
        if (info.leftKeys.isEmpty() || !singleScan(join.getLeft()) || !singleScan(join.getRight())) {
            return null;
        }
        for (int i = 0; i < info.leftKeys.size(); i++) {
            Object[] l = origin(join.getLeft(), info.leftKeys.get(i));
            Object[] r = origin(join.getRight(), info.rightKeys.get(i));
            if (l == null || r == null || l[0] == r[0] || !isTable((TableScan) l[0]) || !isTable((TableScan) r[0])) {
                continue;
            }
            TableDef lt = ((TableScan) l[0]).getTable().unwrap(CalciteCatalogAdapter.TableView.class).table();
            TableDef rt = ((TableScan) r[0]).getTable().unwrap(CalciteCatalogAdapter.TableView.class).table();
            int lc = (Integer) l[1];
            int rc = (Integer) r[1];
            if (!distributedOn(lt, lc) || !distributedOn(rt, rc)
                    || !lt.data().slicedBy(ctx.version(lt.data()), lc) || !rt.data().slicedBy(ctx.version(rt.data()), rc)) {
                continue;
            }
            SqlType a = lt.columns().get(lc).type();
            SqlType b = rt.columns().get(rc).type();
            boolean sameHash = a.physical() == PhysicalType.VARCHAR
                    ? b.physical() == PhysicalType.VARCHAR
                    : b.physical() != PhysicalType.VARCHAR && a.scale() == b.scale()
                            && a.kind() != TypeKind.DECIMAL == (b.kind() != TypeKind.DECIMAL);
            if (!sameHash) {
                continue;
            }
            List<PhysicalOperator> slices = new ArrayList<>();
            try {
                for (int s = 0; s < Slices.COUNT; s++) {
                    sliceScans.put((TableScan) l[0], s);
                    sliceScans.put((TableScan) r[0], s);
                    slices.add(joinAsIs(join));
                }
            } finally {
                sliceScans.clear();
            }
            return new GatherOp.Plan(slices);
        }
        return null;
    }

    private static boolean distributedOn(TableDef table, int column) {
        return table.design().distStyle().equals("KEY") && table.columns().get(column).name().equals(table.design().distKey())
                && Slices.hashable(table.columns().get(column).type());
    }

    private PhysicalOperator joinAsIs(Join join) {
        PhysicalOperator colocated = colocatedJoin(join);
        if (colocated != null) {
            return colocated;
        }
        PhysicalOperator semi = distinctKeysAsSemiJoin(join);
        if (semi != null) {
            return semi;
        }
        PhysicalOperator left = plan(join.getLeft());
        PhysicalOperator rightPlan = plan(join.getRight());
        PhysicalOperator right = gathered(rightPlan);
        JoinKind kind = switch (join.getJoinType()) {
            case INNER -> JoinKind.INNER;
            case LEFT -> JoinKind.LEFT;
            case RIGHT -> JoinKind.RIGHT;
            case FULL -> JoinKind.FULL;
            case SEMI -> JoinKind.SEMI;
            case ANTI -> JoinKind.ANTI;
            default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "join type " + join.getJoinType());
        };
        List<SqlType> joinedTypes = new ArrayList<>(left.types());
        joinedTypes.addAll(right.types());
        JoinInfo info = join.analyzeCondition();
        RexTranslator joined = new RexTranslator(join.getCluster().getRexBuilder(), joinedTypes, session);
        Expr residual = info.isEqui() ? null : joined.translate(RexUtil.composeConjunction(
                join.getCluster().getRexBuilder(), info.nonEquiConditions));
        if (info.leftKeys.isEmpty()) {
            Expr condition = join.getCondition().isAlwaysTrue() ? null : joined.translate(join.getCondition());
            return new NestedLoopJoinOp.Plan(left, right, kind, condition);
        }
        int[] leftKeys = info.leftKeys.toIntArray();
        int[] rightKeys = info.rightKeys.toIntArray();
        // Keys must have one type on both sides: cast both to their common type where they differ.
        boolean cast = false;
        List<Expr> leftExprs = identity(left.types());
        List<Expr> rightExprs = identity(right.types());
        for (int i = 0; i < leftKeys.length; i++) {
            SqlType lt = left.types().get(leftKeys[i]);
            SqlType rt = right.types().get(rightKeys[i]);
            SqlType common = Types.common(lt, rt);
            if (common.kind() == TypeKind.BOOLEAN) {
                // booleans have no hash key type; a decorrelated "AND a.flag" sub-query joins on one
                common = SqlType.INTEGER;
            }
            if (!lt.equals(common)) {
                leftExprs.add(CastExpr.create(new ColumnExpr(leftKeys[i], lt), common));
                leftKeys[i] = leftExprs.size() - 1;
                cast = true;
            }
            if (!rt.equals(common)) {
                rightExprs.add(CastExpr.create(new ColumnExpr(rightKeys[i], rt), common));
                rightKeys[i] = rightExprs.size() - 1;
                cast = true;
            }
        }
        if (!cast) {
            if ((kind == JoinKind.SEMI || kind == JoinKind.ANTI) && smallerLeft(join)) {
                return semiJoinBuildLeft(left, right, rightPlan, leftKeys, rightKeys, kind == JoinKind.ANTI, residual);
            }
            return runtimeFiltered(join, info, new HashJoinOp.Plan(left, right, leftKeys, rightKeys, kind, residual));
        }
        // Join over widened inputs, then drop the extra key columns again.
        int leftWidth = left.types().size();
        int rightWidth = right.types().size();
        PhysicalOperator l = leftExprs.size() > leftWidth ? new ProjectOp.Plan(left, leftExprs) : left;
        PhysicalOperator r = rightExprs.size() > rightWidth ? new ProjectOp.Plan(right, rightExprs) : right;
        Expr shiftedResidual = null;
        if (residual != null) {
            List<SqlType> widened = new ArrayList<>(l.types());
            widened.addAll(r.types());
            RexNode shifted = RexUtil.shift(RexUtil.composeConjunction(join.getCluster().getRexBuilder(),
                    info.nonEquiConditions), leftWidth, l.types().size() - leftWidth);
            shiftedResidual = new RexTranslator(join.getCluster().getRexBuilder(), widened, session).translate(shifted);
        }
        PhysicalOperator j = new HashJoinOp.Plan(l, r, leftKeys, rightKeys, kind, shiftedResidual);
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < leftWidth; i++) {
            out.add(new ColumnExpr(i, j.types().get(i)));
        }
        if (!kind.equals(JoinKind.SEMI) && !kind.equals(JoinKind.ANTI)) {
            for (int i = 0; i < rightWidth; i++) {
                int at = l.types().size() + i;
                out.add(new ColumnExpr(at, j.types().get(at)));
            }
        }
        return new ProjectOp.Plan(j, out);
    }

    /**
     * {@code plan} with a {@link RuntimeFilter} of its build keys tested by the filter of its probe
     * side's pipeline before that filter copies its rows, where the join drops the probe rows
     * without a match, the probe keys reach such a filter as columns it reads unchanged (through
     * projections and the probe sides of other joins), and the join keeps at most half of its
     * probe rows by estimate (TPC-H Q7: 798 of the 10 K suppliers; a join with a foreign key's
     * whole table would drop nothing).
     */
    private PhysicalOperator runtimeFiltered(Join join, JoinInfo info, HashJoinOp.Plan plan) {
        if (!HashJoinOp.Plan.filtersProbeSide(plan.kind())) {
            return plan;
        }
        var mq = join.getCluster().getMetadataQuery();
        Double out = mq.getRowCount(join);
        Double in = mq.getRowCount(join.getLeft());
        if (out == null || in == null || out > in * MAX_RUNTIME_FILTERED) {
            return plan;
        }
        List<String> names = join.getRight().getRowType().getFieldNames();
        RuntimeFilter.Key key = new RuntimeFilter.Key(String.join(", ",
                info.rightKeys.stream().map(names::get).toList()));
        boolean overScans = out <= in * MAX_RUNTIME_FILTERED_SCAN;
        PhysicalOperator left = withRuntimeFilter(plan.left(), plan.leftKeys(), key, overScans,
                plan.leftKeys().length > 1);
        return left == null ? plan : plan.filtering(left, key);
    }

    /** The most of its probe rows (by estimate) a join may keep for a runtime filter to pay. */
    private static final double MAX_RUNTIME_FILTERED = 0.5;

    /**
     * The most a join may keep for a runtime filter of its own over a scan without a filter: it
     * tests every row the scan reads and copies those it keeps, where the join's probe alone would
     * hash every row and copy only the matches. Measured (same-run A/B over the TPC-H queries it
     * applied to), that paid only where the rows it drops would otherwise also probe another join
     * first, or where the key has several columns (TPC-H Q2: 0.84); over the scan a join probes
     * directly on one column it cost 4-17% (Q5, Q9, Q21).
     */
    private static final double MAX_RUNTIME_FILTERED_SCAN = 0.1;

    /**
     * {@code plan} with its filter testing the runtime filter {@code key} on its {@code keys} (with
     * {@code overScans} and {@code scanPays}, a filter of its own over a scan that has none: the
     * join may make one, and the key has several columns or the scan's rows probe another join
     * first), or null where none can.
     */
    private static PhysicalOperator withRuntimeFilter(PhysicalOperator plan, int[] keys, RuntimeFilter.Key key,
            boolean overScans, boolean scanPays) {
        switch (plan) {
            case MeteredOp.Plan m -> {
                PhysicalOperator inner = withRuntimeFilter(m.inner(), keys, key, overScans, scanPays);
                return inner == null ? null : new MeteredOp.Plan(inner);
            }
            case ScanOp.Plan scan when overScans && scanPays -> {
                return new FilterOp.Plan(scan, List.of(), null, List.of(new RuntimeFilter.Use(key, keys)));
            }
            case ProjectOp.Plan p -> {
                int[] below = columnsBelow(p, keys);
                if (below == null) {
                    return null;
                }
                PhysicalOperator input = withRuntimeFilter(p.input(), below, key, overScans, scanPays);
                return input == null ? null : new ProjectOp.Plan(input, p.exprs(), p.types());
            }
            case FilterOp.Plan f -> {
                int[] below = new int[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    below[i] = f.columns() == null ? keys[i] : f.columns()[keys[i]];
                }
                return f.with(new RuntimeFilter.Use(key, below));
            }
            case HashJoinOp.Plan j when j.kind() == JoinKind.INNER || j.kind() == JoinKind.LEFT
                    || j.kind() == JoinKind.SEMI || j.kind() == JoinKind.ANTI -> {
                int width = j.left().types().size();
                int[] joined = j.output() == null ? keys : Arrays.stream(keys).map(k -> j.output()[k]).toArray();
                if (Arrays.stream(joined).anyMatch(k -> k >= width)) {
                    return null;
                }
                PhysicalOperator left = withRuntimeFilter(j.left(), joined, key, overScans, true);
                return left == null ? null : j.filtering(left, j.runtimeFilter());
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * {@code A JOIN (SELECT DISTINCT k FROM B) ON A.x = k}, which is what decorrelating EXISTS and
     * IN produces (TPC-H Q4, Q20, Q21), run as a semi-join of A with B: the distinct keys are never
     * aggregated (millions of groups), and the joined key columns are A's own key values. Applies
     * to inner equi-joins whose right input is an Aggregate without aggregate calls joined on all
     * its group columns.
     */
    private PhysicalOperator distinctKeysAsSemiJoin(Join join) {
        if (join.getJoinType() != JoinRelType.INNER
                || !(join.getRight() instanceof Aggregate agg) || !agg.getAggCallList().isEmpty()
                || agg.getGroupSets().size() != 1) {
            return null;
        }
        JoinInfo info = join.analyzeCondition();
        int width = agg.getRowType().getFieldCount();
        if (!info.isEqui() || info.rightKeys.size() != width
                || !ImmutableBitSet.of(info.rightKeys).equals(ImmutableBitSet.range(width))) {
            return null;
        }
        PhysicalOperator left = plan(join.getLeft());
        PhysicalOperator right = plan(agg.getInput());
        int[] leftKeys = info.leftKeys.toIntArray();
        int[] rightKeys = new int[leftKeys.length];
        int[] groups = agg.getGroupSet().toArray();
        for (int i = 0; i < leftKeys.length; i++) {
            rightKeys[i] = groups[info.rightKeys.get(i)];
            if (!left.types().get(leftKeys[i]).equals(right.types().get(rightKeys[i]))) {
                return null;
            }
        }
        var mq = join.getCluster().getMetadataQuery();
        Double leftRows = mq.getRowCount(join.getLeft());
        Double rightRows = mq.getRowCount(agg.getInput());
        boolean buildLeft = leftRows != null && rightRows != null && leftRows < rightRows;
        PhysicalOperator semi = buildLeft
                ? new SemiJoinBuildLeftOp.Plan(left, right, leftKeys, rightKeys, false, null)
                : new HashJoinOp.Plan(left, right, leftKeys, rightKeys, JoinKind.SEMI, null);
        List<Expr> out = identity(left.types());
        for (int r = 0; r < width; r++) {
            int leftKey = leftKeys[info.rightKeys.indexOf(r)];
            out.add(new ColumnExpr(leftKey, left.types().get(leftKey)));
        }
        return new ProjectOp.Plan(semi, out);
    }

    /** Whether Calcite estimates the join's left input to have fewer rows than its right one. */
    private static boolean smallerLeft(Join join) {
        var mq = join.getCluster().getMetadataQuery();
        Double leftRows = mq.getRowCount(join.getLeft());
        Double rightRows = mq.getRowCount(join.getRight());
        return leftRows != null && rightRows != null && leftRows < rightRows;
    }

    private static SortOp.Key sortKey(RelFieldCollation c) {
        return new SortOp.Key(c.getFieldIndex(), c.direction.isDescending(), nullsFirst(c));
    }

    /** Where a sort key puts NULLs: Postgres puts them last ascending and first descending. */
    private static boolean nullsFirst(RelFieldCollation c) {
        return switch (c.nullDirection) {
            case FIRST -> true;
            case LAST -> false;
            case UNSPECIFIED -> c.direction.isDescending();
        };
    }

    private static List<Expr> identity(List<SqlType> types) {
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            out.add(new ColumnExpr(i, types.get(i)));
        }
        return out;
    }

    private PhysicalOperator sort(Sort sort) {
        PhysicalOperator input = plan(sort.getInput());
        PhysicalOperator out = input;
        if (!sort.getCollation().getFieldCollations().isEmpty()) {
            List<SortOp.Key> keys = new ArrayList<>();
            for (RelFieldCollation c : sort.getCollation().getFieldCollations()) {
                keys.add(sortKey(c));
            }
            PhysicalOperator gathered = gathered(input);
            // a parallel pipeline: a sort per worker, their sorted streams merged
            out = gathered instanceof GatherOp.Plan g && g.inputs().size() > 1
                    ? new ParallelSortOp.Plan(g.inputs().stream().map(p -> (PhysicalOperator) new SortOp.Plan(p, keys)).toList(), keys)
                    : new SortOp.Plan(gathered, keys);
        }
        if (sort.offset != null || sort.fetch != null) {
            long offset = sort.offset == null ? 0 : longValue(sort.offset);
            long fetch = sort.fetch == null ? Long.MAX_VALUE : longValue(sort.fetch);
            out = new LimitOp.Plan(out, offset, fetch);
        }
        return out;
    }

    private long longValue(RexNode n) {
        if (n instanceof RexLiteral lit) {
            return lit.getValueAs(BigDecimal.class).longValueExact();
        }
        Object v = ctx.parameter(((RexDynamicParam) n).getIndex());
        if (v instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, "bigint", v);
        }
    }

    /**
     * A table function in FROM: {@code generate_series} over arguments without columns (the
     * parser front keeps only those as the table function), made a batch at a time.
     */
    private PhysicalOperator tableFunction(TableFunctionScan scan) {
        if (!(scan.getCall() instanceof RexCall call) || !call.getOperator().getName().equalsIgnoreCase("generate_series")
                || !scan.getInputs().isEmpty()) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "table function " + scan.getCall());
        }
        for (RexNode operand : call.getOperands()) {
            if (RexUtil.containsCorrelation(operand) || RexUtil.containsInputRef(operand)) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, NOT_DECORRELATED);
            }
        }
        RexTranslator t = new RexTranslator(scan.getCluster().getRexBuilder(), List.of(), session);
        List<Expr> arguments = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            arguments.add(t.translate(operand));
        }
        return new SeriesOp.Plan(Types.of(scan.getRowType().getFieldList().get(0).getType()), arguments);
    }

    private PhysicalOperator values(Values values) {
        List<SqlType> types = new ArrayList<>();
        for (RelDataTypeField f : values.getRowType().getFieldList()) {
            types.add(Types.of(f.getType()));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) {
                row.add(RexTranslator.literal(tuple.get(i), types.get(i)));
            }
            rows.add(row);
        }
        return new ValuesOp.Plan(types, rows);
    }

    private PhysicalOperator union(Union union) {
        List<PhysicalOperator> inputs = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (RelDataTypeField f : union.getRowType().getFieldList()) {
            types.add(Types.of(f.getType()));
        }
        for (RelNode in : branches(union)) {
            PhysicalOperator op = plan(in);
            List<Expr> casts = new ArrayList<>();
            boolean needed = false;
            for (int i = 0; i < types.size(); i++) {
                Expr e = CastExpr.create(new ColumnExpr(i, op.types().get(i)), types.get(i));
                needed |= !(e instanceof ColumnExpr);
                casts.add(e);
            }
            inputs.add(needed ? new ProjectOp.Plan(op, casts) : op);
        }
        PhysicalOperator all = unionAll(inputs);
        if (union.all) {
            return all;
        }
        int[] keys = new int[types.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        return new HashAggOp.Plan(all, keys, List.of());
    }

    /** A union's inputs, with those of each UNION ALL input of the same row type in its place ((a, b), c is a, b, c). */
    private static List<RelNode> branches(Union union) {
        List<RelNode> out = new ArrayList<>();
        for (RelNode in : union.getInputs()) {
            if (in instanceof Union inner && inner.all && inner.getRowType().equals(union.getRowType())) {
                out.addAll(branches(inner));
            } else {
                out.add(in);
            }
        }
        return out;
    }

    /**
     * UNION ALL of {@code branches}: one after another on one thread, or, where at least two
     * branches read tables of two chunks or more (or one is a {@link ParallelPipeline} over two
     * chunks a worker), on the workers together: a gather of the branches, each pipeline branch
     * as one state per worker sharing its table's chunks, that {@link #workers} threads take one
     * after another, so that a large branch runs on every worker and small ones fill in around it.
     * A branch that runs on the workers already (a parallel pipeline's gather, a parallel sort, an
     * exchange, a window's parts, a semi join's probes) keeps the branches on one thread, so that
     * the threads add up to the workers. Rows come in arrival order, not branch after branch.
     */
    private PhysicalOperator unionAll(List<PhysicalOperator> branches) {
        int workers = workers();
        if (workers < 2 || branches.size() < 2 || branches.stream().anyMatch(PhysicalPlanner::runsOnWorkers)) {
            return new UnionAllOp.Plan(branches);
        }
        List<PhysicalOperator> parts = new ArrayList<>();
        int heavy = 0;
        for (PhysicalOperator branch : branches) {
            if (parallel(branch, workers)) {
                parts.addAll(Collections.nCopies(workers, ParallelPipeline.shared(branch)));
                heavy += 2;
            } else {
                parts.add(branch);
                heavy += chunksRead(branch) >= 2 ? 1 : 0;
            }
        }
        return heavy >= 2 ? new GatherOp.Plan(parts, workers) : new UnionAllOp.Plan(branches);
    }

    /** Whether a plan runs part of itself on the workers. */
    private static boolean runsOnWorkers(PhysicalOperator metered) {
        PhysicalOperator plan = metered instanceof MeteredOp.Plan m ? m.inner() : metered;
        return plan instanceof GatherOp.Plan || plan instanceof ParallelSortOp.Plan || plan instanceof ExchangeOp.Plan
                || plan instanceof WindowOp.Plan w && w.workers() > 1
                || plan instanceof SemiJoinBuildLeftOp.Plan s && s.workers() > 1
                || plan.inputs().stream().anyMatch(PhysicalPlanner::runsOnWorkers);
    }

    /** The chunks of the tables a plan's scans read. */
    private long chunksRead(PhysicalOperator plan) {
        PhysicalOperator p = plan instanceof MeteredOp.Plan m ? m.inner() : plan;
        long n = p instanceof ScanOp.Plan scan && scan.table() != null ? ctx.version(scan.table()).chunks().size() : 0;
        for (PhysicalOperator in : plan.inputs()) {
            n += chunksRead(in);
        }
        return n;
    }

    /**
     * INTERSECT ALL and EXCEPT ALL: each input's rows get one marker column per input (1 in its
     * own, NULL in the others), the union of them is grouped by all row columns counting each
     * marker, and {@link io.blueshift.executor.op.SetOpAllOp} repeats every distinct row as often
     * as the counts say. (The distinct forms are rewritten to aggregates by the optimizer.)
     */
    private PhysicalOperator setOpAll(SetOp setOp, SetOpAllOp.Kind kind) {
        List<SqlType> types = new ArrayList<>();
        for (RelDataTypeField f : setOp.getRowType().getFieldList()) {
            types.add(Types.of(f.getType()));
        }
        int width = types.size();
        int n = setOp.getInputs().size();
        List<PhysicalOperator> marked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PhysicalOperator op = plan(setOp.getInputs().get(i));
            List<Expr> exprs = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                exprs.add(CastExpr.create(new ColumnExpr(c, op.types().get(c)), types.get(c)));
            }
            for (int j = 0; j < n; j++) {
                exprs.add(new LiteralExpr(j == i ? 1L : null, SqlType.BIGINT));
            }
            marked.add(new ProjectOp.Plan(op, exprs));
        }
        int[] keys = ImmutableBitSet.range(width).toArray();
        List<AggCall> counts = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            counts.add(new AggCall(AggKind.COUNT, List.of(width + j), SqlType.BIGINT, SqlType.BIGINT, false, null, List.of()));
        }
        PhysicalOperator grouped = new HashAggOp.Plan(new UnionAllOp.Plan(marked), keys, counts);
        PhysicalOperator repeated = new SetOpAllOp.Plan(grouped, kind, n);
        return new ProjectOp.Plan(repeated, identity(types));
    }

    /**
     * Window functions over their input, which a parallel pipeline computes on the workers (its
     * rows gathered). Consecutive OVER clauses with PARTITION BY columns in common are computed by
     * one window operator, whose input can be split by the hash of those columns (parts computed
     * by the workers, or spilled); clauses with none in common, by one operator each, stacked (each
     * appends its columns, so the output is the same).
     */
    private PhysicalOperator window(Window window) {
        PhysicalOperator input = gathered(plan(window.getInput()));
        int inputCount = window.getInput().getRowType().getFieldCount();
        List<WindowSpec> specs = new ArrayList<>();
        List<RelDataTypeField> fields = window.getRowType().getFieldList();
        int outField = inputCount;
        for (Window.Group group : window.groups) {
            List<SortOp.Key> order = new ArrayList<>();
            for (RelFieldCollation c : group.orderKeys.getFieldCollations()) {
                order.add(sortKey(c));
            }
            List<WindowCall> calls = new ArrayList<>();
            for (Window.RexWinAggCall call : group.aggCalls) {
                String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
                List<Integer> args = new ArrayList<>();
                List<Object> constants = new ArrayList<>();
                for (RexNode operand : call.getOperands()) {
                    Object constant = windowConstant(window, operand, inputCount);
                    if (constant != NOT_A_CONSTANT) {
                        constants.add(constant);
                    } else if (operand instanceof RexInputRef ref) {
                        args.add(ref.getIndex());
                    } else {
                        throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "window function argument " + operand);
                    }
                }
                calls.add(new WindowCall(name, args, constants,
                        Types.of(fields.get(outField++).getType()), call.distinct));
            }
            specs.add(new WindowSpec(group.keys.asList(), order, group.isRows,
                    boundOffset(window, group.lowerBound, inputCount), group.lowerBound.isPreceding(),
                    boundOffset(window, group.upperBound, inputCount), group.upperBound.isFollowing(), calls));
        }
        PhysicalOperator out = input;
        int first = 0;
        Set<Integer> common = new HashSet<>(specs.get(0).partition());
        for (int i = 1; i <= specs.size(); i++) {
            if (i < specs.size()) {
                Set<Integer> shared = new HashSet<>(common);
                shared.retainAll(specs.get(i).partition());
                if (!shared.isEmpty()) {
                    common = shared;
                    continue;
                }
            }
            out = new WindowOp.Plan(out, specs.subList(first, i), workers());
            first = i;
            common = i < specs.size() ? new HashSet<>(specs.get(i).partition()) : common;
        }
        return out;
    }

    private static final Object NOT_A_CONSTANT = new Object();

    /** The value of a window function operand that is a constant (a literal or one of the window's constants). */
    private static Object windowConstant(Window window, RexNode operand, int inputCount) {
        if (operand instanceof RexLiteral lit) {
            return RexTranslator.literal(lit, Types.of(lit.getType()));
        }
        if (operand instanceof RexInputRef ref && ref.getIndex() >= inputCount) {
            RexLiteral lit = window.constants.get(ref.getIndex() - inputCount);
            return RexTranslator.literal(lit, Types.of(lit.getType()));
        }
        return NOT_A_CONSTANT;
    }

    private static long boundOffset(Window window, RexWindowBound bound,
            int inputCount) {
        if (bound.isUnbounded()) {
            return WindowSpec.UNBOUNDED;
        }
        if (bound.isCurrentRow()) {
            return 0;
        }
        Object v = windowConstant(window, bound.getOffset(), inputCount);
        if (v instanceof Interval i) {
            return i.days() + i.months() * 30L;
        }
        if (!(v instanceof Number n)) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "window frame offset " + bound);
        }
        return n.longValue();
    }

    private RexTranslator translator(RelNode rel, PhysicalOperator input) {
        return new RexTranslator(rel.getCluster().getRexBuilder(), input.types(), session);
    }
}
