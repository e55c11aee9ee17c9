package io.blueshift.sql;

import io.blueshift.sql.catalog.TypeMapping;
import io.blueshift.sql.plan.SqlFrontEnd;
import io.blueshift.sql.commands.InsertExecutor;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.PreparedStatementHandle;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.ddl.DdlParser;
import io.blueshift.sql.plan.PlannedQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * A prepared statement. Queries are planned at prepare time to learn their columns and the types
 * of their parameters; each execution plans again with the values bound. An INSERT of constant
 * VALUES runs a whole JDBC batch as one append.
 */
final class Prepared implements PreparedStatementHandle {
    private final Session session;
    private final String sql;
    private final List<ResultColumn> columns = new ArrayList<>();
    private final List<SqlType> parameterTypes = new ArrayList<>();
    private final SqlInsert insert;

    Prepared(Session session, String sql) {
        this.session = session;
        this.sql = sql;
        String text = sql.strip();
        SqlInsert parsedInsert = null;
        if (DdlParser.parse(text) == null && startsWithQueryOrInsert(text)) {
            SqlFrontEnd frontEnd = session.frontEnd();
            SqlNode parsed = frontEnd.parse(text);
            if (parsed.getKind() == SqlKind.INSERT) {
                parsedInsert = (SqlInsert) parsed;
                InsertExecutor.Target target = InsertExecutor.target(session, parsedInsert);
                List<List<SqlNode>> rows = InsertExecutor.constantRows(parsedInsert.getSource());
                if (rows != null) {
                    for (List<SqlNode> row : rows) {
                        for (int i = 0; i < row.size(); i++) {
                            if (row.get(i) instanceof SqlDynamicParam && i < target.columns().size()) {
                                parameterTypes.add(target.table().columns().get(target.columns().get(i)).type());
                            }
                        }
                    }
                }
            } else if (parsed.getKind().belongsTo(SqlKind.QUERY)) {
                PlannedQuery plan = session.plan(text, () -> frontEnd.plan(text, parsed));
                columns.addAll(plan.resultColumns());
                for (RelDataType t : plan.parameterTypes()) {
                    parameterTypes.add(TypeMapping.toSqlType(t));
                }
            }
        }
        this.insert = parsedInsert;
    }

    private static boolean startsWithQueryOrInsert(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("select") || lower.startsWith("with") || lower.startsWith("values")
                || lower.startsWith("insert") || lower.startsWith("(");
    }

    @Override
    public List<SqlType> parameterTypes() {
        return List.copyOf(parameterTypes);
    }

    @Override
    public List<ResultColumn> columns() {
        return List.copyOf(columns);
    }

    @Override
    public Result execute(List<Object> parameters) {
        return session.execute(sql, parameters);
    }

    @Override
    public long[] executeBatch(List<List<Object>> parameterRows) {
        long[] counts = new long[parameterRows.size()];
        for (List<Object> row : parameterRows) {
            Session.checkParameters(row);
        }
        if (insert != null) {
            List<List<SqlNode>> rows = InsertExecutor.constantRows(insert.getSource());
            if (rows != null) {
                InsertExecutor.Target target = InsertExecutor.target(session, insert);
                InsertExecutor.appendRows(session, target, rows, parameterRows);
                session.committed("INSERT");
                Arrays.fill(counts, rows.size());
                return counts;
            }
        }
        for (int i = 0; i < counts.length; i++) {
            try (Result r = session.execute(sql, parameterRows.get(i))) {
                if (r.isQuery()) {
                    throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "a query in a batch");
                }
                counts[i] = r.updateCount();
            }
        }
        return counts;
    }

    @Override
    public void close() {
    }
}
