package io.blueshift.executor.op;

import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.SqlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text of EXPLAIN: one operator a line, its inputs indented below, in the manner of
 * PostgreSQL's plans. Columns are named, not numbered: every operator derives the names of its
 * output columns from its inputs' ({@link Operator#columnNames}, a scan's are its table's), and
 * prints its expressions against them. A scan's columns carry their table ({@code
 * lineitem.l_orderkey}); an operator shows that table only where columns of two tables that it
 * reads have the same name. Only EXPLAIN builds this, after planning, so execution pays nothing
 * for it.
 */
public final class Explain {
    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*\\.[A-Za-z_][A-Za-z0-9_$]*");

    private final Map<Operator, List<String>> names = new IdentityHashMap<>();

    private Explain() {
    }

    /** The plan under {@code root} as EXPLAIN prints it, a line per operator, ending in a newline. */
    public static String text(Operator root) {
        StringBuilder sb = new StringBuilder();
        new Explain().print(root, 0, sb);
        return sb.toString();
    }

    private void print(Operator op, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(depth == 0 ? "" : "-> ").append(op.explain(this)).append('\n');
        for (Operator in : op.inputs()) {
            print(in, depth + 1, sb);
        }
    }

    /** The names of {@code op}'s output columns, a scanned column's qualified by its table. */
    public List<String> names(Operator op) {
        List<String> n = names.get(op);
        if (n == null) {
            n = List.copyOf(op.columnNames(this));
            names.put(op, n);
        }
        return n;
    }

    /** The names of {@code op}'s columns as its parent's expressions show them ({@link #shown(List)}). */
    public List<String> shown(Operator op) {
        return shown(names(op));
    }

    /** The names of a join's columns (the left input's, then the right's) as its condition shows them. */
    public List<String> shown(Operator left, Operator right) {
        List<String> all = new ArrayList<>(names(left));
        all.addAll(names(right));
        return shown(all);
    }

    /**
     * {@code names} without their table, except where columns of two tables have the same name
     * ({@code orders.id = customer.id}). Columns of one table read twice (a join of a table with
     * itself) show no table, as the table would not tell them apart.
     */
    public static List<String> shown(List<String> names) {
        Map<String, String> qualified = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (String n : names) {
            String other = qualified.putIfAbsent(bare(n), n);
            if (other != null && !other.equals(n)) {
                ambiguous.add(bare(n));
            }
        }
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String b = bare(n);
            out.add(ambiguous.contains(b) ? n : b);
        }
        return out;
    }

    private static String bare(String name) {
        return QUALIFIED.matcher(name).matches() ? name.substring(name.indexOf('.') + 1) : name;
    }

    /** Names for columns nothing names: column1, column2, ... (as Postgres names a VALUES list's). */
    public static List<String> positional(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add("column" + i);
        }
        return out;
    }

    /** The output names of operators that compute {@code exprs} from columns named {@code input}. */
    static List<String> computed(List<Expr> exprs, List<String> input) {
        List<String> shown = shown(input);
        List<String> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(e instanceof ColumnExpr c ? input.get(c.index()) : e.sql(shown));
        }
        return out;
    }

    /** Expressions as SQL, joined by {@code separator} ({@code ", "}, or {@code " AND "} with each operand parenthesized). */
    static String sql(List<Expr> exprs, List<String> columns, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < exprs.size(); i++) {
            String text = exprs.get(i).sql(columns);
            sb.append(i == 0 ? "" : separator).append(separator.equals(", ") || exprs.size() == 1 ? text
                    : SqlText.parenthesized(text));
        }
        return sb.toString();
    }

    /**
     * A join's line: its title, then {@code Cond:} the key equalities and {@code Filter:} the
     * residual condition, over the left input's columns then the right's.
     */
    static String join(String title, int[] leftKeys, int[] rightKeys, Expr condition, Explain explain,
            Operator left, Operator right) {
        List<String> both = explain.shown(left, right);
        int leftWidth = explain.names(left).size();
        StringBuilder sb = new StringBuilder(title);
        for (int i = 0; i < leftKeys.length; i++) {
            sb.append(i == 0 ? "  Cond: (" : " AND (").append(both.get(leftKeys[i])).append(" = ")
                    .append(both.get(leftWidth + rightKeys[i])).append(')');
        }
        if (condition != null) {
            sb.append(leftKeys.length == 0 ? "  Cond: " : "  Filter: ").append(condition.sql(both));
        }
        return sb.toString();
    }

    /** The names of a join's output: the left input's, then the right's unless only the left's columns come out. */
    static List<String> joined(Explain explain, Operator left, Operator right, int width) {
        List<String> all = new ArrayList<>(explain.names(left));
        all.addAll(explain.names(right));
        return all.subList(0, Math.min(width, all.size()));
    }

    /** A sort key as SQL: the column, then DESC and where NULLs go when not Postgres' default for the direction. */
    public static String sortKey(String column, boolean descending, boolean nullsFirst) {
        if (descending) {
            return column + (nullsFirst ? " DESC NULLS FIRST" : " DESC NULLS LAST");
        }
        return column + (nullsFirst ? " NULLS FIRST" : "");
    }
}
