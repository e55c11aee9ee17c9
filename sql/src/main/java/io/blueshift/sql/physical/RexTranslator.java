package io.blueshift.sql.physical;

import io.blueshift.sql.catalog.PgSession;
import io.blueshift.executor.expr.WideDecimalExpr;
import io.blueshift.sql.function.Arithmetic;
import io.blueshift.sql.function.Functions;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.executor.expr.ArithExpr;
import io.blueshift.executor.expr.CaseExpr;
import io.blueshift.executor.expr.CastExpr;
import io.blueshift.executor.expr.ColumnExpr;
import io.blueshift.executor.expr.CompareExpr;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.LikeExpr;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.executor.expr.LogicExpr;
import io.blueshift.executor.expr.ParameterExpr;
import io.blueshift.executor.expr.RowExpr;
import io.blueshift.executor.expr.SqlText;
import io.blueshift.executor.expr.StringInExpr;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.arith.ArithOp;
import io.blueshift.kernels.compare.CompareOp;
import io.blueshift.kernels.string.LikePattern;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Turns Calcite row expressions into executor expressions over an input's columns: comparisons,
 * arithmetic, logic, LIKE and CASE onto their kernels (operands cast to a common type first), the
 * rest of the functions through {@link Functions} on the value-by-value path.
 */
final class RexTranslator {
    private final RexBuilder rexBuilder;
    private final List<SqlType> inputTypes;
    private final PgSession session;

    RexTranslator(RexBuilder rexBuilder, List<SqlType> inputTypes, PgSession session) {
        this.rexBuilder = rexBuilder;
        this.inputTypes = inputTypes;
        this.session = session;
    }

    Expr translate(RexNode node) {
        if (node.getKind() == SqlKind.SEARCH) {
            node = RexUtil.expandSearch(rexBuilder, null, node);
        }
        return switch (node) {
            case RexInputRef ref -> new ColumnExpr(ref.getIndex(), inputTypes.get(ref.getIndex()));
            case RexLiteral lit -> new LiteralExpr(literal(lit, Types.of(lit.getType())), Types.of(lit.getType()));
            case RexDynamicParam p -> new ParameterExpr(p.getIndex(), Types.of(p.getType()));
            // Windows of the query run as window operators; one left in an expression is what
            // Calcite's decorrelator makes of a LIMIT in a sub-query correlated two levels out,
            // which it does not join right
            case RexOver over -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    PhysicalPlanner.NOT_DECORRELATED);
            case RexCall call -> call(call);
            default -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "expression " + node);
        };
    }

    List<Expr> translate(List<RexNode> nodes) {
        List<Expr> out = new ArrayList<>(nodes.size());
        for (RexNode n : nodes) {
            out.add(translate(n));
        }
        return out;
    }

    private Expr call(RexCall call) {
        SqlType type = Types.of(call.getType());
        List<RexNode> ops = call.getOperands();
        return switch (call.getKind()) {
            case EQUALS -> compare(CompareOp.EQ, ops);
            case NOT_EQUALS -> compare(CompareOp.NE, ops);
            case LESS_THAN -> compare(CompareOp.LT, ops);
            case LESS_THAN_OR_EQUAL -> compare(CompareOp.LE, ops);
            case GREATER_THAN -> compare(CompareOp.GT, ops);
            case GREATER_THAN_OR_EQUAL -> compare(CompareOp.GE, ops);
            case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> distinctFrom(call);
            case AND -> new LogicExpr(LogicExpr.Op.AND, translate(ops));
            case OR -> {
                Expr in = inList(ops);
                yield in != null ? in : new LogicExpr(LogicExpr.Op.OR, translate(ops));
            }
            case NOT -> not(ops.get(0));
            case IS_NULL -> new LogicExpr(LogicExpr.Op.IS_NULL, translate(ops));
            case IS_NOT_NULL -> new LogicExpr(LogicExpr.Op.IS_NOT_NULL, translate(ops));
            case IS_TRUE -> new LogicExpr(LogicExpr.Op.IS_TRUE, translate(ops));
            case IS_NOT_TRUE -> new LogicExpr(LogicExpr.Op.IS_NOT_TRUE, translate(ops));
            case IS_FALSE -> new LogicExpr(LogicExpr.Op.IS_FALSE, translate(ops));
            case IS_NOT_FALSE -> new LogicExpr(LogicExpr.Op.IS_NOT_FALSE, translate(ops));
            case PLUS -> arith(ArithOp.ADD, call, type);
            case MINUS -> arith(ArithOp.SUBTRACT, call, type);
            case TIMES -> arith(ArithOp.MULTIPLY, call, type);
            case DIVIDE -> arith(ArithOp.DIVIDE, call, type);
            case MOD -> arith(ArithOp.MODULO, call, type);
            case MINUS_PREFIX -> arith(ArithOp.SUBTRACT, List.of(new LiteralExpr(0, type), translate(ops.get(0))), type);
            case PLUS_PREFIX -> translate(ops.get(0));
            case CAST, SAFE_CAST -> CastExpr.create(translate(ops.get(0)), type);
            case CASE -> caseWhen(ops, type);
            case COALESCE -> coalesce(ops, type);
            case NULLIF -> nullif(ops, type);
            case LIKE -> like(call, false);
            default -> function(call, type);
        };
    }

    private Expr not(RexNode operand) {
        if (operand.getKind() == SqlKind.LIKE) {
            return like((RexCall) operand, true);
        }
        return new LogicExpr(LogicExpr.Op.NOT, List.of(translate(operand)));
    }

    private Expr compare(CompareOp op, List<RexNode> ops) {
        Expr dates = dateWithTimestamp(op, ops.get(0), ops.get(1));
        if (dates == null) {
            dates = dateWithTimestamp(op.swapped(), ops.get(1), ops.get(0));
        }
        if (dates != null) {
            return dates;
        }
        Expr a = translate(ops.get(0));
        Expr b = translate(ops.get(1));
        SqlType common = Types.common(a.type(), b.type());
        a = CastExpr.create(a, common);
        b = CastExpr.create(b, common);
        if (a.constantValue() != Expr.NOT_CONSTANT && b.constantValue() == Expr.NOT_CONSTANT) {
            return new CompareExpr(op.swapped(), b, a);
        }
        return new CompareExpr(op, a, b);
    }

    /**
     * {@code date_column op TIMESTAMP 'constant'} (as {@code date ± interval}, a timestamp in
     * Postgres, makes TPC-H's date filters) compared as dates, so the column is not cast row by
     * row: {@code d < TIMESTAMP 'D 12:00'} is {@code d <= DATE 'D'}, {@code d >= TIMESTAMP 'D
     * 12:00'} is {@code d > DATE 'D'}. Null where the operands are not a date and a timestamp
     * constant, or for (in)equality with a time of day other than midnight.
     */
    private Expr dateWithTimestamp(CompareOp op, RexNode column, RexNode constant) {
        if (column.getKind() == SqlKind.CAST && column.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
            column = ((RexCall) column).getOperands().get(0);
        }
        if (column.getType().getSqlTypeName() != SqlTypeName.DATE || !(constant instanceof RexLiteral lit)
                || lit.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP || lit.isNull()) {
            return null;
        }
        LocalDateTime at = (LocalDateTime) Conversions.convert(
                literal(lit, Types.of(lit.getType())), SqlType.TIMESTAMP);
        boolean midnight = at.toLocalTime().equals(LocalTime.MIDNIGHT);
        CompareOp dateOp = switch (op) {
            case EQ, NE -> midnight ? op : null;
            case LT -> midnight ? CompareOp.LT : CompareOp.LE;
            case LE -> CompareOp.LE;
            case GT -> CompareOp.GT;
            case GE -> midnight ? CompareOp.GE : CompareOp.GT;
        };
        if (dateOp == null) {
            return null;
        }
        return new CompareExpr(dateOp, translate(column), new LiteralExpr(at.toLocalDate(), SqlType.DATE));
    }

    private Expr distinctFrom(RexCall call) {
        boolean distinct = call.getKind() == SqlKind.IS_DISTINCT_FROM;
        List<Expr> args = translate(call.getOperands());
        return new RowExpr(distinct ? "is_distinct_from" : "is_not_distinct_from", v -> {
            boolean same = v[0] == null ? v[1] == null
                    : v[1] != null && CompareExpr.compareObjects(Conversions.convert(v[0], args.get(1).type()), v[1]) == 0;
            return distinct != same;
        }, args, SqlType.BOOLEAN, false,
                a -> a.get(0) + (distinct ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ") + a.get(1));
    }

    /**
     * {@code e = c1 OR e = c2 OR ...} (also what an IN list or a SEARCH of points expands to) as
     * one evaluation of {@code e} and a hash-set lookup per row, where {@code e} is more than a
     * column or the list is long: TPC-H Q22 computed {@code substring(c_phone, 1, 2)} seven times
     * per row. Null when the disjuncts do not all compare one expression with a non-NULL constant.
     */
    private Expr inList(List<RexNode> disjuncts) {
        RexNode subject = null;
        List<RexLiteral> constants = new ArrayList<>();
        for (RexNode d : disjuncts) {
            if (d.getKind() != SqlKind.EQUALS) {
                return null;
            }
            List<RexNode> sides = ((RexCall) d).getOperands();
            int constantSide = sides.get(1) instanceof RexLiteral ? 1 : sides.get(0) instanceof RexLiteral ? 0 : -1;
            if (constantSide < 0 || ((RexLiteral) sides.get(constantSide)).isNull()) {
                return null;
            }
            RexNode other = sides.get(1 - constantSide);
            if (subject == null) {
                subject = other;
            } else if (!subject.equals(other)) {
                return null;
            }
            constants.add((RexLiteral) sides.get(constantSide));
        }
        if (subject == null || (subject instanceof RexInputRef && constants.size() < 8)) {
            return null;
        }
        Expr value = translate(subject);
        // the distinct constants as the value's type, in the order written
        Set<Object> set = new LinkedHashSet<>();
        for (RexLiteral c : constants) {
            set.add(Conversions.convert(literal(c, Types.of(c.getType())), value.type()));
        }
        TypeKind kind = value.type().kind();
        if ((kind == TypeKind.VARCHAR || kind == TypeKind.TEXT) && set.size() <= StringInExpr.MAX_CONSTANTS) {
            return new StringInExpr(value, set.stream().map(String.class::cast).toList());
        }
        List<String> texts = new ArrayList<>();
        for (Object v : set) {
            texts.add(SqlText.literal(v, value.type()));
        }
        String list = String.join(", ", texts);
        return new RowExpr("in", v -> set.contains(v[0]), List.of(value), SqlType.BOOLEAN, true,
                a -> a.get(0) + " IN (" + list + ")");
    }

    private Expr arith(ArithOp op, RexCall call, SqlType type) {
        return arith(op, translate(call.getOperands()), type);
    }

    private Expr arith(ArithOp op, List<Expr> args, SqlType type) {
        Expr a = args.get(0);
        Expr b = args.get(1);
        if (op == ArithOp.MODULO && integerWidth(a.type()) > integerWidth(type) && integerWidth(b.type()) > 0
                && integerWidth(type) > 0) {
            // Calcite types x % y as y; x may be wider (bigint % int): computed in x's type, the
            // remainder, smaller than y in magnitude, then fits y's
            return CastExpr.create(arith(op, args, a.type()), type);
        }
        if (type.isNumeric() && a.type().isNumeric() && b.type().isNumeric()) {
            if (!type.isDecimal()) {
                a = CastExpr.create(a, type);
                b = CastExpr.create(b, type);
            } else {
                a = CastExpr.create(a, a.type().isDecimal() ? a.type() : SqlType.decimal(18, 0));
                b = CastExpr.create(b, b.type().isDecimal() ? b.type() : SqlType.decimal(18, 0));
            }
            if (ArithExpr.supports(op, a.type(), b.type(), type)) {
                return new ArithExpr(op, a, b, type);
            }
            if (WideDecimalExpr.supports(op, a.type(), b.type(), type)) {
                return new WideDecimalExpr(op, a, b, type);
            }
        }
        return new RowExpr(op.name().toLowerCase(Locale.ROOT), v -> Arithmetic.apply(op, v[0], v[1], type),
                List.of(a, b), type, true, t -> t.get(0) + " " + SqlText.symbol(op) + " " + t.get(1));
    }

    /** 1, 2 and 3 for SMALLINT, INTEGER and BIGINT; 0 for other types. */
    private static int integerWidth(SqlType type) {
        return switch (type.kind()) {
            case SMALLINT -> 1;
            case INTEGER -> 2;
            case BIGINT -> 3;
            default -> 0;
        };
    }

    private Expr caseWhen(List<RexNode> ops, SqlType type) {
        List<Expr> conditions = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        for (int i = 0; i + 1 < ops.size(); i += 2) {
            conditions.add(translate(ops.get(i)));
            values.add(CastExpr.create(translate(ops.get(i + 1)), type));
        }
        Expr otherwise = ops.size() % 2 == 1 ? CastExpr.create(translate(ops.get(ops.size() - 1)), type) : null;
        return new CaseExpr(conditions, values, otherwise, type);
    }

    private Expr coalesce(List<RexNode> ops, SqlType type) {
        List<Expr> conditions = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        for (int i = 0; i < ops.size() - 1; i++) {
            Expr v = translate(ops.get(i));
            conditions.add(new LogicExpr(LogicExpr.Op.IS_NOT_NULL, List.of(v)));
            values.add(CastExpr.create(v, type));
        }
        return new CaseExpr(conditions, values, CastExpr.create(translate(ops.get(ops.size() - 1)), type), type);
    }

    private Expr nullif(List<RexNode> ops, SqlType type) {
        Expr a = translate(ops.get(0));
        return new CaseExpr(List.of(compare(CompareOp.EQ, ops)), List.of(new LiteralExpr(null, type)),
                CastExpr.create(a, type), type);
    }

    /** [NOT] LIKE / ILIKE; {@code outerNot} when a NOT wraps it. */
    private Expr like(RexCall call, boolean outerNot) {
        SqlLikeOperator operator = (SqlLikeOperator) call.getOperator();
        boolean negated = operator.isNegated() != outerNot;
        boolean caseInsensitive = !operator.isCaseSensitive();
        Expr input = translate(call.getOperands().get(0));
        Expr pattern = translate(call.getOperands().get(1));
        Object p = pattern.constantValue();
        if (input.type().isString() && p != Expr.NOT_CONSTANT && p != null && call.getOperands().size() == 2) {
            LikePattern compiled = LikePattern.compile(p.toString(), '\\', caseInsensitive);
            return new LikeExpr(input, compiled, negated, p.toString());
        }
        List<Expr> args = translate(call.getOperands());
        return new RowExpr("like", v -> {
            int escape = v.length > 2 && v[2] != null ? v[2].toString().charAt(0) : '\\';
            LikePattern compiled = LikePattern.compile(v[1].toString(), escape, caseInsensitive);
            byte[] bytes = v[0].toString().getBytes(StandardCharsets.UTF_8);
            boolean m = compiled.matches(MemorySegment.ofArray(bytes), 0, bytes.length);
            return m != negated;
        }, args, SqlType.BOOLEAN, true, t -> t.get(0) + (negated ? " NOT " : " ") + (caseInsensitive ? "ILIKE " : "LIKE ")
                + t.get(1) + (t.size() > 2 ? " ESCAPE " + t.get(2) : ""));
    }

    private Expr function(RexCall call, SqlType type) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        List<Expr> args = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            if (operand instanceof RexLiteral lit && lit.getTypeName() == SqlTypeName.SYMBOL) {
                args.add(new LiteralExpr(lit.getValue().toString(), SqlType.TEXT));
            } else {
                args.add(translate(operand));
            }
        }
        return Functions.create(name, call.getKind(), args, type, session);
    }

    /** A literal's value as the Java object of its Blueshift type. */
    static Object literal(RexLiteral lit, SqlType type) {
        if (lit.isNull()) {
            return null;
        }
        SqlTypeName tn = lit.getTypeName();
        try {
            if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(tn)) {
                return new Interval(lit.getValueAs(BigDecimal.class).intValueExact(), 0, 0);
            }
            if (SqlTypeName.DAY_INTERVAL_TYPES.contains(tn)) {
                // a fraction of a millisecond (cast(0.000001 as interval)) rounds to the nearest one
                long millis = lit.getValueAs(BigDecimal.class).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                long days = millis / 86_400_000L;
                return new Interval(0, Math.toIntExact(days), Math.multiplyExact(millis - days * 86_400_000L, 1000L));
            }
        } catch (ArithmeticException e) {
            throw new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "interval");
        }
        Object v = switch (tn) {
            case BOOLEAN -> lit.getValueAs(Boolean.class);
            case CHAR, VARCHAR -> lit.getValueAs(String.class);
            case DATE -> LocalDate.parse(lit.getValueAs(DateString.class).toString());
            case TIME, TIME_WITH_LOCAL_TIME_ZONE -> LocalTime.parse(lit.getValueAs(TimeString.class).toString());
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> lit.getValueAs(TimestampString.class).toString();
            case SYMBOL -> lit.getValue();
            case DOUBLE, REAL, FLOAT -> lit.getValueAs(Double.class);
            default -> lit.getValueAs(BigDecimal.class);
        };
        if (v instanceof TimeUnitRange || tn == SqlTypeName.SYMBOL) {
            return v;
        }
        return Conversions.convert(v, type);
    }

    static boolean isTextKind(TypeKind k) {
        return k == TypeKind.CHAR || k == TypeKind.VARCHAR || k == TypeKind.TEXT;
    }
}
