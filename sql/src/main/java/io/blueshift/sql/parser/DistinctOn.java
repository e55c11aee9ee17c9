package io.blueshift.sql.parser;

import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.SqlPositionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Postgres' {@code SELECT DISTINCT ON (e1, ...) items ... ORDER BY o1, ...}, which Calcite's parser
 * does not know, in two steps. Before parsing, {@link #mark} turns {@code DISTINCT ON (e1, ...)}
 * into a first select item {@code distinct_on(e1, ...),} (same length, so error positions stay
 * right). After parsing, {@link #rewrite} removes that item and keeps the first row of each
 * {@code (e1, ...)} group in ORDER BY order:
 * <pre>
 *   SELECT items FROM ... QUALIFY row_number() OVER (PARTITION BY e1, ... ORDER BY o1, ...) = 1
 *   ORDER BY o1, ...
 * </pre>
 * ORDER BY items that are output column numbers or output column names are replaced by the select
 * item they name inside the window, and as in Postgres the DISTINCT ON expressions must match the
 * leading ORDER BY expressions (42P10).
 */
public final class DistinctOn {
    static final String MARKER = "distinct_on";

    private DistinctOn() {
    }

    /** Rewrites every {@code DISTINCT ON (...)} outside literals, identifiers and comments into the marker item. */
    public static String mark(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (!lower.contains("distinct")) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skip = SqlScanner.skip(sql, i);
            if (skip >= 0) {
                out.append(sql, i, skip);
                i = skip;
            } else if (lower.startsWith("distinct", i) && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                int open = openParenOfOn(lower, i + "distinct".length());
                int close = open < 0 ? -1 : closingParen(sql, open);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                String replaced = MARKER + sql.substring(open, close + 1) + ",";
                int original = close + 1 - i;
                out.append(replaced);
                out.append(" ".repeat(Math.max(0, original - replaced.length())));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the {@code (} in {@code DISTINCT ON (}, with {@code at} just after DISTINCT, or -1. */
    private static int openParenOfOn(String lower, int at) {
        int i = skipSpace(lower, at);
        if (i == at || !lower.startsWith("on", i)) {
            return -1;
        }
        i = skipSpace(lower, i + 2);
        return i < lower.length() && lower.charAt(i) == '(' ? i : -1;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int closingParen(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            int skip = SqlScanner.skip(sql, i);
            if (skip >= 0) {
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Rewrites every marked select of a parsed statement, in place. */
    public static void rewrite(SqlNode statement, String sql) {
        if (!sql.toLowerCase(Locale.ROOT).contains("distinct")) {
            return;
        }
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlSelect select) {
                    rewrite(select, orderBy.orderList, sql);
                } else if (call instanceof SqlSelect select) {
                    rewrite(select, select.getOrderList(), sql);
                }
                return super.visit(call);
            }
        });
    }

    private static int position(String sql, SqlParserPos pos) {
        return ErrorTranslator.position(sql, pos.getLineNum(), pos.getColumnNum());
    }

    private static void rewrite(SqlSelect select, SqlNodeList orderList, String sql) {
        SqlNodeList items = select.getSelectList();
        if (items == null || items.isEmpty() || !(items.get(0) instanceof SqlBasicCall marker)
                || !marker.getOperator().getName().equalsIgnoreCase(MARKER)) {
            return;
        }
        SqlParserPos pos = marker.getParserPosition();
        List<SqlNode> rest = new ArrayList<>(items.subList(1, items.size()));
        select.setSelectList(new SqlNodeList(rest, items.getParserPosition()));
        if (select.getQualify() != null) {
            throw new SqlPositionException(ErrorCode.FEATURE_NOT_SUPPORTED, position(sql, pos), null,
                    "DISTINCT ON together with QUALIFY is not supported");
        }
        List<SqlNode> partition = new ArrayList<>();
        for (SqlNode e : marker.getOperandList()) {
            partition.add(copy(resolve(e, rest, sql)));
        }
        List<SqlNode> order = new ArrayList<>();
        if (orderList != null) {
            for (SqlNode o : orderList) {
                order.add(copy(resolveOrderItem(o, rest, sql)));
            }
        }
        checkLeadingOrder(partition, order, orderList, sql);
        SqlWindow window = SqlWindow.create(null, null, new SqlNodeList(partition, pos), new SqlNodeList(order, pos),
                SqlLiteral.createBoolean(false, pos), null, null, null, pos);
        SqlNode rowNumber = SqlStdOperatorTable.OVER.createCall(pos,
                SqlStdOperatorTable.ROW_NUMBER.createCall(pos), window);
        select.setQualify(SqlStdOperatorTable.EQUALS.createCall(pos, rowNumber,
                SqlLiteral.createExactNumeric("1", pos)));
    }

    /** Postgres: "SELECT DISTINCT ON expressions must match initial ORDER BY expressions". */
    private static void checkLeadingOrder(List<SqlNode> partition, List<SqlNode> order, SqlNodeList orderList,
            String sql) {
        int leading = Math.min(partition.size(), order.size());
        for (int i = 0; i < leading; i++) {
            String key = text(unwrapDirection(order.get(i)));
            boolean found = false;
            for (SqlNode p : partition) {
                found |= text(p).equals(key);
            }
            if (!found) {
                throw new SqlPositionException(ErrorCode.INVALID_COLUMN_REFERENCE,
                        position(sql, orderList.get(i).getParserPosition()), null,
                        "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
            }
        }
    }

    /** An expression's text, with a qualified column name reduced to its column. */
    private static String text(SqlNode e) {
        if (e instanceof SqlIdentifier id && !id.isStar()) {
            return id.names.get(id.names.size() - 1);
        }
        return e.toString();
    }

    private static SqlNode unwrapDirection(SqlNode e) {
        while (e.getKind() == SqlKind.DESCENDING || e.getKind() == SqlKind.NULLS_FIRST
                || e.getKind() == SqlKind.NULLS_LAST) {
            e = ((SqlCall) e).operand(0);
        }
        return e;
    }

    /** An ORDER BY item with its column number or output name replaced by the select item's expression. */
    private static SqlNode resolveOrderItem(SqlNode o, List<SqlNode> items, String sql) {
        if (o instanceof SqlCall call && (o.getKind() == SqlKind.DESCENDING || o.getKind() == SqlKind.NULLS_FIRST
                || o.getKind() == SqlKind.NULLS_LAST)) {
            return call.getOperator().createCall(call.getParserPosition(), resolveOrderItem(call.operand(0), items, sql));
        }
        return resolve(o, items, sql);
    }

    private static SqlNode resolve(SqlNode e, List<SqlNode> items, String sql) {
        if (e instanceof SqlNumericLiteral n && n.isInteger()) {
            int ordinal = n.intValue(true);
            if (ordinal < 1 || ordinal > items.size()) {
                throw new SqlPositionException(ErrorCode.INVALID_COLUMN_REFERENCE,
                        position(sql, e.getParserPosition()), null,
                        "ORDER BY position " + ordinal + " is not in select list");
            }
            return expression(items.get(ordinal - 1));
        }
        if (e instanceof SqlIdentifier id && id.isSimple()) {
            for (SqlNode item : items) {
                if (item.getKind() == SqlKind.AS && ((SqlCall) item).operand(1) instanceof SqlIdentifier alias
                        && alias.getSimple().equals(id.getSimple())) {
                    return expression(item);
                }
            }
        }
        return e;
    }

    private static SqlNode expression(SqlNode item) {
        return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
    }

    /** A copy of an expression tree, so that the window does not share nodes with the select list. */
    private static SqlNode copy(SqlNode e) {
        if (e instanceof SqlBasicCall call) {
            List<SqlNode> operands = new ArrayList<>();
            for (SqlNode o : call.getOperandList()) {
                operands.add(o == null ? null : copy(o));
            }
            return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(),
                    operands.toArray(new SqlNode[0]));
        }
        if (e instanceof SqlNodeList list) {
            List<SqlNode> copies = new ArrayList<>();
            for (SqlNode o : list) {
                copies.add(o == null ? null : copy(o));
            }
            return new SqlNodeList(copies, list.getParserPosition());
        }
        return e.clone(e.getParserPosition());
    }
}
