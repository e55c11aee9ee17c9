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
import java.util.Locale;

/**
 * Names unnamed result columns as Postgres does, where Calcite would say {@code EXPR$n}: a
 * function call is named after the function ({@code sum(l_quantity)} is {@code sum}), anything
 * else that is not a column is {@code ?column?}. Only the outermost select list is renamed (for
 * a set operation, its first branch), since only it names the result.
 */
public final class PostgresColumnNames {
    /** Postgres's name for a result column it cannot name otherwise. */
    public static final String UNNAMED = "?column?";

    private PostgresColumnNames() {
    }

    /** Adds {@code AS name} to the unnamed items of the outermost select list of {@code query}. */
    public static void apply(SqlNode query) {
        switch (query) {
            case SqlOrderBy orderBy -> apply(orderBy.query);
            case SqlWith with -> apply(with.body);
            case SqlSelect select -> nameItems(select.getSelectList());
            case SqlBasicCall call when call.getKind() == SqlKind.UNION || call.getKind() == SqlKind.INTERSECT
                    || call.getKind() == SqlKind.EXCEPT -> apply(call.operand(0));
            default -> {
                // VALUES and other query forms keep Calcite's names.
            }
        }
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
        if (item instanceof SqlCall call && call.getOperator() instanceof SqlFunction function
                && call.getKind() != SqlKind.CAST) {
            return function.getName().toLowerCase(Locale.ROOT);
        }
        return UNNAMED;
    }
}
