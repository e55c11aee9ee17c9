package io.blueshift.sql.parser;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;

/**
 * How deeply a statement may nest, checked before each stage that recurses over it, so that a
 * statement too deep for the engine fails with 54001 "stack depth limit exceeded" (Postgres'
 * error and hint) instead of overflowing a thread's stack. The limits sit at the depths
 * PostgreSQL 15 answers with its default 2 MB {@code max_stack_depth} (measured: 5,000 nested
 * parentheses, 3,000 {@code +} terms, 1,000 nested sub-queries, 1,500 nested CASEs, 3,000 NOTs;
 * 10,000 parentheses, 5,000 {@code +} terms and 3,000 sub-queries fail there), and the session
 * plans such statements on a thread whose stack holds them ({@code session.DeepStack}).
 * <ul>
 *   <li>{@link #checkText}: parentheses in the text, before the parser recurses into them;</li>
 *   <li>{@link #checkParsed}: the parse tree, before validation and conversion;</li>
 *   <li>{@link #checkPlan}: the plan and its expressions, before optimization and the physical planner.</li>
 * </ul>
 * Each walks its input with an explicit stack: the check itself never recurses.
 */
public final class NestingLimit {
    /** Parentheses open at once: Postgres answers 5,000 and fails at 10,000. */
    public static final int MAX_PARENTHESES = 5_000;
    /** Levels of the parse tree: a {@code +} term, a NOT, a CASE or a sub-query each add one to three. */
    public static final int MAX_PARSE_DEPTH = 4_000;
    /** Levels of a plan with its expressions, which conversion deepens (a sub-query becomes a join and a filter). */
    public static final int MAX_PLAN_DEPTH = 12_000;

    /** The digits of the widest numeric (Redshift's DECIMAL(38)). */
    private static final int MAX_NUMERIC_DIGITS = 38;

    private NestingLimit() {
    }

    /** 54001 with Postgres' hint. */
    public static BlueshiftException tooDeep(String what) {
        return new BlueshiftException(ErrorCode.STATEMENT_TOO_DEEP, what)
                .withHint("Nest the statement less deeply; Blueshift accepts about as deep as PostgreSQL with its default"
                        + " max_stack_depth (" + MAX_PARENTHESES + " parentheses, " + MAX_PARSE_DEPTH
                        + " levels of expressions and sub-queries).");
    }

    /**
     * Fails when the text opens more than {@link #MAX_PARENTHESES} parentheses at once, or chains
     * more than {@link #MAX_PARSE_DEPTH} operators in one expression (outside literals and
     * comments). The second check keeps a 100,000-term {@code 1+1+...} from the parser, which
     * orders one flat chain of operators in quadratic time (19 s before it failed); a comma and
     * the words that start another part of a statement (WHEN, THEN, SELECT, WHERE ...) end a chain.
     */
    public static void checkText(String sql) {
        int n = sql.length();
        // per open parenthesis, the operators chained in it so far; only text this long can reach a limit
        int[] chained = n > MAX_PARSE_DEPTH ? new int[Math.min(MAX_PARENTHESES, n) + 2] : null;
        int depth = 0;
        int i = 0;
        while (i < n) {
            int skip = SqlScanner.skip(sql, i);
            if (skip >= 0) {
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            int next = i + 1;
            if (c == '(') {
                if (++depth > MAX_PARENTHESES) {
                    throw tooDeep("more than " + MAX_PARENTHESES + " nested parentheses");
                }
                if (chained != null) {
                    chained[depth] = 0;
                }
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (chained != null) {
                if (c == ',' || c == ';') {
                    chained[depth] = 0;
                } else if (SqlScanner.isWordStart(c)) {
                    next = SqlScanner.wordEnd(sql, i);
                    if (isWord(sql, i, next, "and") || isWord(sql, i, next, "or")) {
                        chain(chained, depth);
                    } else if (endsChain(sql, i, next)) {
                        chained[depth] = 0;
                    }
                } else if (Character.isDigit(c)) {
                    next = SqlScanner.wordEnd(sql, i);
                } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                    while (next < n && OPERATOR_CHARS.indexOf(sql.charAt(next)) >= 0) {
                        next++;
                    }
                    chain(chained, depth);
                }
            }
            i = next;
        }
    }

    private static final String OPERATOR_CHARS = "+-*/%^<>=!~|&#@";

    private static void chain(int[] chained, int depth) {
        if (++chained[depth] > MAX_PARSE_DEPTH) {
            throw tooDeep("more than " + MAX_PARSE_DEPTH + " operators chained in one expression");
        }
    }

    private static boolean isWord(String sql, int start, int end, String word) {
        return end - start == word.length() && sql.regionMatches(true, start, word, 0, word.length());
    }

    private static boolean endsChain(String sql, int start, int end) {
        for (String word : CHAIN_ENDS) {
            if (isWord(sql, start, end, word)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] CHAIN_ENDS = {"when", "then", "else", "select", "from", "where", "having", "on",
            "set", "values", "by", "union", "intersect", "except", "returning", "using"};

    /**
     * Fails when the parse tree is deeper than {@link #MAX_PARSE_DEPTH}; on the same walk, a
     * numeric literal of more than {@link #MAX_NUMERIC_DIGITS} digits is 22003 "value overflows
     * numeric format" (Calcite's converter would fail on it with an internal error).
     */
    public static void checkParsed(SqlNode root) {
        ArrayDeque<SqlNode> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            SqlNode node = nodes.pop();
            int depth = depths.pop();
            if (depth > MAX_PARSE_DEPTH) {
                throw tooDeep("expressions or sub-queries nested more than " + MAX_PARSE_DEPTH + " levels deep");
            }
            if (node instanceof SqlNumericLiteral number && number.isExact() && number.getPrec() != null
                    && number.getPrec() > MAX_NUMERIC_DIGITS) {
                throw BlueshiftException.withMessage(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            }
            List<SqlNode> children = node instanceof SqlNodeList list ? list.getList()
                    : node instanceof SqlCall call ? call.getOperandList() : List.of();
            for (SqlNode child : children) {
                if (child != null) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
    }

    /**
     * The depth of the plan, counting the expressions of each node and the plans of its
     * sub-queries; fails when it is deeper than {@link #MAX_PLAN_DEPTH}.
     */
    public static int checkPlan(RelNode root) {
        int deepest = 0;
        ArrayDeque<Object> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        List<RexNode> expressions = new ArrayList<>();
        while (!nodes.isEmpty()) {
            Object node = nodes.pop();
            int depth = depths.pop();
            if (depth > MAX_PLAN_DEPTH) {
                throw tooDeep("the plan nests more than " + MAX_PLAN_DEPTH + " levels deep");
            }
            deepest = Math.max(deepest, depth);
            if (node instanceof RelNode rel) {
                for (RelNode input : rel.getInputs()) {
                    nodes.push(input);
                    depths.push(depth + 1);
                }
                expressions.clear();
                rel.accept(new RexCollector(expressions));
                for (RexNode e : expressions) {
                    nodes.push(e);
                    depths.push(depth + 1);
                }
            } else if (node instanceof RexSubQuery sub) {
                nodes.push(sub.rel);
                depths.push(depth + 1);
                for (RexNode operand : sub.getOperands()) {
                    nodes.push(operand);
                    depths.push(depth + 1);
                }
            } else if (node instanceof RexCall call) {
                for (RexNode operand : call.getOperands()) {
                    nodes.push(operand);
                    depths.push(depth + 1);
                }
            }
        }
        return deepest;
    }

    /**
     * Collects a node's own expressions, without descending into them (the walk above does,
     * without recursion); it returns every expression as it was, so the node is not changed.
     */
    private static final class RexCollector extends RexShuttle {
        private final List<RexNode> out;

        RexCollector(List<RexNode> out) {
            this.out = out;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            out.add(call);
            return call;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            out.add(over);
            return over;
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            out.add(subQuery);
            return subQuery;
        }
    }
}
