package io.blueshift.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * Calcite's libraries without the functions Blueshift declares again ({@link BlueshiftOperators}),
 * so a name finds only Blueshift's. Swapping the operator of a parsed call is not enough: the
 * validator looks a function's name up again when it types the call (Calcite's
 * {@code SqlFunction.deriveType}) and puts the operator it finds in its place, which is how an
 * earlier text-typed {@code string_agg} was lost again under ORDER BY.
 */
final class ReplacedOperators implements SqlOperatorTable {
    private final SqlOperatorTable delegate;
    private final Set<String> replaced;

    private ReplacedOperators(SqlOperatorTable delegate, Set<String> replaced) {
        this.delegate = delegate;
        this.replaced = replaced;
    }

    /** {@code delegate} without its functions named as one of {@code replacements}. */
    static SqlOperatorTable without(SqlOperatorTable delegate, List<? extends SqlOperator> replacements) {
        List<String> names = new ArrayList<>();
        for (SqlOperator op : replacements) {
            names.add(op.getName().toUpperCase(Locale.ROOT));
        }
        return new ReplacedOperators(delegate, Set.copyOf(names));
    }

    private boolean kept(SqlOperator op) {
        return !replaced.contains(op.getName().toUpperCase(Locale.ROOT));
    }

    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
            List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        List<SqlOperator> found = new ArrayList<>();
        delegate.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
        for (SqlOperator op : found) {
            if (kept(op)) {
                operatorList.add(op);
            }
        }
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        List<SqlOperator> all = new ArrayList<>();
        for (SqlOperator op : delegate.getOperatorList()) {
            if (kept(op)) {
                all.add(op);
            }
        }
        return all;
    }
}
