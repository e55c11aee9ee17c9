package io.blueshift.executor.agg;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.SqlText;
import io.blueshift.executor.op.Explain;
import java.util.List;
import java.util.Locale;

/**
 * One aggregate of a GROUP BY: the function, its argument columns (input column indexes; none for
 * COUNT(*)), the result type, and for ordered aggregates (string_agg, listagg, percentiles) the
 * sort of the values and a constant argument (the delimiter, the fraction).
 */
public record AggCall(AggKind kind, List<Integer> args, SqlType argType, SqlType type, boolean distinct,
                      Object constant, List<SortKey> order) {
    /** One key of an aggregate's ORDER BY: an input column, its direction and where its NULLs go. */
    public record SortKey(int column, boolean descending, boolean nullsFirst) {
    }

    public AggCall {
        args = List.copyOf(args);
        order = List.copyOf(order);
    }

    /** {@code "  Aggregates: "} and the calls as SQL for an aggregate's line in EXPLAIN, or "" for none. */
    static String sql(List<AggCall> calls, List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < calls.size(); i++) {
            sb.append(i == 0 ? "  Aggregates: " : ", ").append(calls.get(i).sql(columns));
        }
        return sb.toString();
    }

    /** The call as SQL for EXPLAIN ({@code sum(l_quantity)}, {@code count(*)}), input column i named {@code columns.get(i)}. */
    public String sql(List<String> columns) {
        StringBuilder args = new StringBuilder(distinct ? "DISTINCT " : "");
        for (int i = 0; i < this.args.size(); i++) {
            args.append(i == 0 ? "" : ", ").append(columns.get(this.args.get(i)));
        }
        StringBuilder orderBy = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            SortKey k = order.get(i);
            String column = columns.get(k.column());
            orderBy.append(i == 0 ? "ORDER BY " : ", ").append(Explain.sortKey(column, k.descending(), k.nullsFirst()));
        }
        return switch (kind) {
            case COUNT_STAR -> "count(*)";
            case APPROX_COUNT_DISTINCT -> "approximate count(DISTINCT " + args.substring(distinct ? 9 : 0) + ")";
            case LITERAL -> SqlText.literal(constant, type);
            case PERCENTILE_CONT, PERCENTILE_DISC -> kind.name().toLowerCase(Locale.ROOT) + "("
                    + (constant == null ? "" : SqlText.literal(constant, SqlType.DOUBLE)) + ") WITHIN GROUP ("
                    + (orderBy.isEmpty() ? "ORDER BY " + args : orderBy) + ")";
            case STRING_AGG -> "string_agg(" + args + (constant == null ? "" : ", " + SqlText.quoted(constant.toString()))
                    + (orderBy.isEmpty() ? "" : " " + orderBy) + ")";
            case COUNT, SUM, AVG, MIN, MAX, STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP, BOOL_AND, BOOL_OR, MEDIAN,
                 ANY_VALUE, SINGLE_VALUE -> kind.name().toLowerCase(Locale.ROOT) + "(" + args
                    + (orderBy.isEmpty() ? "" : " " + orderBy) + ")";
        };
    }

    /** Whether the aggregate's (first) ORDER BY key sorts descending. */
    public boolean descending() {
        return !order.isEmpty() && order.get(0).descending();
    }
}
