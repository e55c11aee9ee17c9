package io.blueshift.sql.plan;

import java.util.List;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Function names match without regard to case, as in Postgres: identifiers are case-sensitive
 * (and fold to lower case), but Calcite's libraries register functions in upper case, so a
 * case-sensitive lookup of {@code split_part} would find nothing.
 */
public final class CaseInsensitiveOperators implements SqlOperatorTable {
    private static final SqlNameMatcher MATCHER = SqlNameMatchers.withCaseSensitive(false);
    private final SqlOperatorTable delegate;

    private CaseInsensitiveOperators(SqlOperatorTable delegate) {
        this.delegate = delegate;
    }

    public static SqlOperatorTable of(SqlOperatorTable delegate) {
        return new CaseInsensitiveOperators(delegate);
    }

    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
            List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        delegate.lookupOperatorOverloads(opName, category, syntax, operatorList, MATCHER);
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        return delegate.getOperatorList();
    }
}
