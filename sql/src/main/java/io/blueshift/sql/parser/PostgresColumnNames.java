package io.blueshift.sql.parser;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.util.Util;

/**
 * Names unnamed result columns as Postgres does, where Calcite would say {@code EXPR$n}: a
 * function call is named after the function ({@code sum(l_quantity)} is {@code sum}), anything
 * else that is not a column is {@code ?column?}. Only the outermost select list is renamed (for
 * a set operation, its first branch), since only it names the result.
 *
 * <p>Calcite orders a set operation as {@code SELECT * FROM (a UNION b) ORDER BY ...}, where two
 * result columns of one name are ambiguous even to {@code ORDER BY 1} (psql's {@code \d} asks for
 * {@code pubname, NULL, NULL ... UNION ... ORDER BY 1}). Such columns get distinct names for
 * planning, and {@link #apply} returns the names the client sees.
 */
public final class PostgresColumnNames {
    /** Postgres's name for a result column it cannot name otherwise. */
    public static final String UNNAMED = "?column?";

    private PostgresColumnNames() {
    }

    /**
     * Adds {@code AS name} to the unnamed items of the outermost select list of {@code query}.
     * Returns the result column names when planning uses others (repeated names in the first
     * branch of a set operation), else null.
     */
    public static List<String> apply(SqlNode query) {
        return apply(query, false);
    }

    private static List<String> apply(SqlNode query, boolean setOperation) {
        switch (query) {
            case SqlOrderBy orderBy -> {
                return apply(orderBy.query, setOperation);
            }
            case SqlWith with -> {
                return apply(with.body, setOperation);
            }
            case SqlSelect select -> {
                nameItems(select.getSelectList());
                return setOperation ? distinctNames(select.getSelectList()) : null;
            }
            case SqlBasicCall call when call.getKind() == SqlKind.UNION || call.getKind() == SqlKind.INTERSECT
                    || call.getKind() == SqlKind.EXCEPT -> {
                return apply(call.operand(0), true);
            }
            default -> {
                // VALUES and other query forms keep Calcite's names.
                return null;
            }
        }
    }

    /**
     * Renames the second and later items of a repeated name to {@code name#position} and returns
     * the names as written, or null when no name repeats or a {@code *} hides the names.
     */
    private static List<String> distinctNames(SqlNodeList items) {
        List<String> names = new ArrayList<>(items.size());
        for (SqlNode item : items) {
            String name = itemName(item);
            if (name == null) {
                return null;
            }
            names.add(name);
        }
        if (new HashSet<>(names).size() == names.size()) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (seen.add(names.get(i))) {
                continue;
            }
            SqlNode item = items.get(i);
            SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            SqlIdentifier alias = new SqlIdentifier(names.get(i) + "#" + (i + 1), item.getParserPosition());
            items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), value, alias));
        }
        return names;
    }

    /** The name an item of a select list gives its column, or null for {@code *}. */
    private static String itemName(SqlNode item) {
        if (item instanceof SqlIdentifier id) {
            return id.isStar() ? null : Util.last(id.names);
        }
        if (item.getKind() == SqlKind.AS && ((SqlCall) item).operand(1) instanceof SqlIdentifier alias) {
            return alias.getSimple();
        }
        return null;
    }

    private static void nameItems(SqlNodeList items) {
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
                continue;
            }
            SqlIdentifier alias = new SqlIdentifier(nameOf(item), item.getParserPosition());
            items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item, alias));
        }
    }

    private static String nameOf(SqlNode item) {
        if (item.getKind() == SqlKind.OVER) { // a window function: named for its function, as in Postgres
            return nameOf(((SqlCall) item).operand(0));
        }
        if (item instanceof SqlCall call && call.getOperator() instanceof SqlFunction function
                && call.getKind() != SqlKind.CAST) {
            return function.getName().toLowerCase(Locale.ROOT);
        }
        return UNNAMED;
    }
}
