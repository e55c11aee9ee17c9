package io.blueshift.executor.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.compare.CompareOp;
import io.blueshift.kernels.string.LikePattern;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions as EXPLAIN writes them: SQL over the input's column names, parenthesized only where needed. */
class ExprSqlTest {
    private static final List<String> NAMES = List.of("price", "discount", "name", "day", "qty");
    private static final SqlType MONEY = SqlType.decimal(15, 2);
    private static final Expr PRICE = new ColumnExpr(0, MONEY);
    private static final Expr DISCOUNT = new ColumnExpr(1, MONEY);
    private static final Expr NAME = new ColumnExpr(2, SqlType.TEXT);
    private static final Expr DAY = new ColumnExpr(3, SqlType.DATE);
    private static final Expr QTY = new ColumnExpr(4, SqlType.INTEGER);

    @Test
    void arithmeticIsInfixWithParenthesesOnlyAroundOperatorOperands() {
        Expr one = new LiteralExpr(BigDecimal.ONE, MONEY);
        Expr net = new ArithExpr(ArithOp.MULTIPLY, PRICE, new ArithExpr(ArithOp.SUBTRACT, one, DISCOUNT, MONEY), MONEY);
        assertEquals("price * (1 - discount)", net.sql(NAMES));
        assertEquals("(price * (1 - discount)) > 10.50",
                new CompareExpr(CompareOp.GT, net, new LiteralExpr(new BigDecimal("10.50"), MONEY)).sql(NAMES));
        assertEquals("(qty % 7) <> 0", new CompareExpr(CompareOp.NE,
                new ArithExpr(ArithOp.MODULO, QTY, new LiteralExpr(7, SqlType.INTEGER), SqlType.INTEGER),
                new LiteralExpr(0, SqlType.INTEGER)).sql(NAMES));
    }

    @Test
    void literalsAreSqlLiterals() {
        assertEquals("DATE '1998-09-02'", new LiteralExpr(LocalDate.of(1998, 9, 2), SqlType.DATE).sql(NAMES));
        assertEquals("TIMESTAMP '2024-01-02 03:04:05.5'",
                new LiteralExpr(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000), SqlType.TIMESTAMP).sql(NAMES));
        assertEquals("INTERVAL '1 year 2 mons 3 days'", new LiteralExpr(new Interval(14, 3, 0), SqlType.INTERVAL).sql(NAMES));
        assertEquals("'O''Brien'", new LiteralExpr("O'Brien", SqlType.TEXT).sql(NAMES));
        assertEquals("NULL", new LiteralExpr(null, SqlType.TEXT).sql(NAMES));
        assertEquals("TRUE", new LiteralExpr(true, SqlType.BOOLEAN).sql(NAMES));
    }

    @Test
    void logicNullChecksLikeCaseAndCasts() {
        Expr early = new CompareExpr(CompareOp.LT, DAY, new LiteralExpr(LocalDate.of(1995, 1, 1), SqlType.DATE));
        Expr like = new LikeExpr(NAME, LikePattern.compile("%green%", '\\', false), true, "%green%");
        Expr nullName = new LogicExpr(LogicExpr.Op.IS_NULL, List.of(NAME));
        assertEquals("(day < DATE '1995-01-01') AND ((name NOT LIKE '%green%') OR (name IS NULL))",
                new LogicExpr(LogicExpr.Op.AND, List.of(early, new LogicExpr(LogicExpr.Op.OR, List.of(like, nullName))))
                        .sql(NAMES));
        assertEquals("NOT (name IS NULL)", new LogicExpr(LogicExpr.Op.NOT, List.of(nullName)).sql(NAMES));
        assertEquals("CASE WHEN day < DATE '1995-01-01' THEN 'early' ELSE name END",
                new CaseExpr(List.of(early), List.of(new LiteralExpr("early", SqlType.TEXT)), NAME, SqlType.TEXT).sql(NAMES));
        assertEquals("qty::bigint", CastExpr.create(QTY, SqlType.BIGINT).sql(NAMES));
        assertEquals("(price * discount)::float8",
                CastExpr.create(new ArithExpr(ArithOp.MULTIPLY, PRICE, DISCOUNT, SqlType.decimal(18, 4)), SqlType.DOUBLE)
                        .sql(NAMES));
    }

    @Test
    void anOrOfEqualitiesWithConstantsIsAnInList() {
        Expr a = new CompareExpr(CompareOp.EQ, NAME, new LiteralExpr("a", SqlType.TEXT));
        Expr b = new CompareExpr(CompareOp.EQ, NAME, new LiteralExpr("b", SqlType.TEXT));
        Expr other = new CompareExpr(CompareOp.EQ, QTY, new LiteralExpr(1, SqlType.INTEGER));
        assertEquals("name IN ('a', 'b')", new LogicExpr(LogicExpr.Op.OR, List.of(a, b)).sql(NAMES));
        assertEquals("(name = 'a') OR (qty = 1)", new LogicExpr(LogicExpr.Op.OR, List.of(a, other)).sql(NAMES));
    }

    @Test
    void functionsByTheirSqlNamesAndOperatorsInfix() {
        RowExpr.Fn none = v -> null;
        assertEquals("substring(name, 1, 2)", new RowExpr("substring", none, List.of(NAME,
                new LiteralExpr(1, SqlType.INTEGER), new LiteralExpr(2, SqlType.INTEGER)), SqlType.TEXT, true).sql(NAMES));
        assertEquals("name || 'x'", new RowExpr("||", none, List.of(NAME, new LiteralExpr("x", SqlType.TEXT)),
                SqlType.TEXT, true).sql(NAMES));
        assertEquals("name ~* '^a'", new RowExpr("posix regex case insensitive", none,
                List.of(NAME, new LiteralExpr("^a", SqlType.TEXT)), SqlType.BOOLEAN, true).sql(NAMES));
        assertEquals("$2", new ParameterExpr(1, SqlType.INTEGER).sql(NAMES));
    }
}
