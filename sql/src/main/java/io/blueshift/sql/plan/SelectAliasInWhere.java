package io.blueshift.sql.plan;

import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Redshift lets WHERE name a select-list alias when no column of the FROM clause (or of an
 * enclosing query) has that name: {@code SELECT price * 2 AS p2 FROM t WHERE p2 > 10} filters on
 * {@code price * 2}. Postgres refuses it (42703); Redshift's users and the SQL its tools generate
 * rely on it. Before WHERE is validated, each such name is replaced by a copy of the aliased
 * expression. Sub-queries in WHERE keep their own names, as they have their own select lists.
 */
final class SelectAliasInWhere {
    private SelectAliasInWhere() {
    }

    static void substitute(SqlSelect select, SqlValidatorScope whereScope, SqlNameMatcher matcher) {
        SqlNode where = select.getWhere();
        if (where == null || select.getSelectList() == null) {
            return;
        }
        Map<String, SqlNode> aliases = new HashMap<>();
        for (SqlNode item : select.getSelectList()) {
            if (item.getKind() == SqlKind.AS && ((SqlCall) item).operand(1) instanceof SqlIdentifier alias) {
                aliases.putIfAbsent(alias.getSimple(), ((SqlCall) item).operand(0));
            }
        }
        if (aliases.isEmpty()) {
            return;
        }
        select.setWhere(where.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                SqlNode aliased = id.isSimple() ? aliases.get(id.getSimple()) : null;
                if (aliased == null || !whereScope.findQualifyingTableNames(id.getSimple(), id, matcher).isEmpty()) {
                    return id;
                }
                return aliased.clone(id.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlCall call) {
                return call.getKind().belongsTo(SqlKind.QUERY) ? call : super.visit(call);
            }
        }));
    }
}
