package io.blueshift.perf.tpch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares two query results, or a result with an answer file, cell by cell.
 *
 * <ul>
 *   <li>Exact numbers are equal when they agree to the digits the less precise side shows
 *       ({@code 3774200} equals {@code 3774200.00}; {@code 0.0500} equals {@code 0.05}).</li>
 *   <li>In a column that is floating on either side numbers may differ by a relative
 *       {@link #RELATIVE_TOLERANCE}: engines sum doubles in different orders.</li>
 *   <li>Dates and strings must be equal; trailing blanks (of CHAR values) are ignored.</li>
 *   <li>Rows are compared in order, since every TPC-H query has an ORDER BY. When that fails, both
 *       sides are sorted and compared again: ORDER BY keys can tie, and tied rows may come in any
 *       order. A match found that way is reported as such.</li>
 * </ul>
 */
public final class ResultComparator {
    public static final double RELATIVE_TOLERANCE = 1e-9;
    private static final BigDecimal TOLERANCE = BigDecimal.valueOf(RELATIVE_TOLERANCE);

    private ResultComparator() {
    }

    /** The outcome; {@code message} says where the first difference is, or how the results matched. */
    public record Comparison(boolean matches, String message) {
    }

    public static Comparison compare(String query, QueryResult expected, QueryResult actual) {
        int width = expected.columns().size();
        if (actual.columns().size() != width) {
            return new Comparison(false, query + ": expected " + width + " columns " + names(expected)
                    + " but got " + actual.columns().size() + " " + names(actual));
        }
        boolean[] floating = new boolean[width];
        for (int i = 0; i < width; i++) {
            floating[i] = expected.columns().get(i).floating() || actual.columns().get(i).floating();
        }
        List<List<Object>> want = typedLike(expected.rows(), actual.rows(), width);
        List<List<Object>> got = typedLike(actual.rows(), expected.rows(), width);
        String difference = firstDifference(query, expected, want, got, floating);
        if (difference == null) {
            return new Comparison(true, query + ": equal");
        }
        if (want.size() == got.size()) {
            Comparator<List<Object>> order = ResultComparator::compareRows;
            List<List<Object>> wantSorted = new ArrayList<>(want);
            List<List<Object>> gotSorted = new ArrayList<>(got);
            wantSorted.sort(order);
            gotSorted.sort(order);
            if (firstDifference(query, expected, wantSorted, gotSorted, floating) == null) {
                return new Comparison(true, query + ": equal after sorting both (rows tied on the ORDER BY keys"
                        + " came in another order; " + difference + ")");
            }
        }
        return new Comparison(false, difference);
    }

    private static String firstDifference(String query, QueryResult expected, List<List<Object>> want,
            List<List<Object>> got, boolean[] floating) {
        int rows = Math.min(want.size(), got.size());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < floating.length; c++) {
                Object e = want.get(r).get(c);
                Object a = got.get(r).get(c);
                if (!equal(e, a, floating[c])) {
                    return query + " row " + (r + 1) + " column " + (c + 1) + " ("
                            + expected.columns().get(c).name() + "): expected " + show(e) + " but was " + show(a)
                            + countNote(want, got);
                }
            }
        }
        if (want.size() != got.size()) {
            String extra = want.size() > got.size()
                    ? "; first missing row: " + showRow(want.get(rows))
                    : "; first extra row: " + showRow(got.get(rows));
            return query + ": expected " + want.size() + " rows but was " + got.size() + extra;
        }
        return null;
    }

    private static String countNote(List<List<Object>> want, List<List<Object>> got) {
        return want.size() == got.size() ? "" : " (and expected " + want.size() + " rows but was " + got.size() + ")";
    }

    static boolean equal(Object expected, Object actual, boolean floating) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return numbersEqual(e, a, floating);
        }
        if (expected instanceof String e && actual instanceof String a) {
            return e.stripTrailing().equals(a.stripTrailing());
        }
        return expected.equals(actual);
    }

    private static boolean numbersEqual(Number expected, Number actual, boolean floating) {
        if (isSpecial(expected) || isSpecial(actual)) {
            return Double.compare(expected.doubleValue(), actual.doubleValue()) == 0;
        }
        BigDecimal e = decimal(expected);
        BigDecimal a = decimal(actual);
        if (floating) {
            BigDecimal allowed = e.abs().max(a.abs()).multiply(TOLERANCE);
            return e.subtract(a).abs().compareTo(allowed) <= 0;
        }
        int scale = Math.min(e.scale(), a.scale());
        return e.setScale(scale, RoundingMode.HALF_UP).compareTo(a.setScale(scale, RoundingMode.HALF_UP)) == 0;
    }

    private static boolean isSpecial(Number n) {
        return (n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue());
    }

    private static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> BigDecimal.valueOf(f.doubleValue());
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    /**
     * Reads the text cells of {@code rows} (answer files) as numbers or dates where {@code like} holds
     * numbers or dates in that column, so both sides compare and sort as the same types.
     */
    private static List<List<Object>> typedLike(List<List<Object>> rows, List<List<Object>> like, int width) {
        Class<?>[] kinds = new Class<?>[width];
        for (List<Object> row : like) {
            for (int c = 0; c < width; c++) {
                Object v = row.get(c);
                if (kinds[c] == null && v != null && !(v instanceof String)) {
                    kinds[c] = v instanceof Number ? Number.class : v.getClass();
                }
            }
        }
        List<List<Object>> typed = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> out = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                out.add(row.get(c) instanceof String text && kinds[c] != null ? parse(text, kinds[c]) : row.get(c));
            }
            typed.add(out);
        }
        return typed;
    }

    private static Object parse(String text, Class<?> kind) {
        try {
            if (kind == Number.class) {
                return new BigDecimal(text.strip());
            }
            if (kind == LocalDate.class) {
                return LocalDate.parse(text.strip());
            }
        } catch (RuntimeException notOfThatKind) {
            return text;
        }
        return text;
    }

    private static int compareRows(List<Object> left, List<Object> right) {
        for (int c = 0; c < left.size(); c++) {
            int order = compareValues(left.get(c), right.get(c));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Number l && right instanceof Number r) {
            return isSpecial(l) || isSpecial(r)
                    ? Double.compare(l.doubleValue(), r.doubleValue())
                    : decimal(l).compareTo(decimal(r));
        }
        if (left instanceof String l && right instanceof String r) {
            return l.stripTrailing().compareTo(r.stripTrailing());
        }
        if (left.getClass() == right.getClass() && left instanceof Comparable l) {
            return l.compareTo(right);
        }
        return left.getClass().getName().compareTo(right.getClass().getName());
    }

    private static String show(Object value) {
        return switch (value) {
            case null -> "NULL";
            case BigDecimal d -> d.toPlainString();
            case String s -> "'" + s + "'";
            default -> value.toString();
        };
    }

    private static String showRow(List<Object> row) {
        StringBuilder out = new StringBuilder("[");
        for (Object v : row) {
            out.append(out.length() == 1 ? "" : ", ").append(show(v));
        }
        return out.append(']').toString();
    }

    private static String names(QueryResult result) {
        List<String> names = new ArrayList<>();
        for (QueryResult.Column c : result.columns()) {
            names.add(c.name());
        }
        return names.toString();
    }
}
