package io.blueshift.sql.function;

import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.Intervals;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.arith.ArithOp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Arithmetic on the value-by-value path: wide decimals (exact, then rounded to the result's scale
 * and checked against its precision), dates, timestamps and intervals, as Postgres computes them.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    public static Object apply(ArithOp op, Object a, Object b, SqlType type) {
        if (a instanceof Interval || b instanceof Interval || a instanceof LocalDate || a instanceof LocalDateTime
                || a instanceof LocalTime
                || a instanceof OffsetDateTime || b instanceof LocalDate || b instanceof LocalDateTime) {
            return datetime(op, a, b, type);
        }
        if (type.isDecimal()) {
            BigDecimal x = (BigDecimal) Conversions.convert(a, SqlType.decimal(38, scaleOf(a)));
            BigDecimal y = (BigDecimal) Conversions.convert(b, SqlType.decimal(38, scaleOf(b)));
            BigDecimal r = switch (op) {
                case ADD -> x.add(y);
                case SUBTRACT -> x.subtract(y);
                case MULTIPLY -> x.multiply(y);
                case DIVIDE -> {
                    zero(y.signum() == 0);
                    yield x.divide(y, type.scale(), RoundingMode.HALF_UP);
                }
                case MODULO -> {
                    zero(y.signum() == 0);
                    yield x.remainder(y);
                }
            };
            r = r.setScale(type.scale(), RoundingMode.HALF_UP);
            if (r.precision() - r.scale() > type.precision() - type.scale()) {
                throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric");
            }
            return r;
        }
        if (type.kind() == TypeKind.DOUBLE || type.kind() == TypeKind.REAL) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> {
                    zero(y == 0);
                    yield x / y;
                }
                case MODULO -> {
                    zero(y == 0);
                    yield x % y;
                }
            };
        }
        long x = ((Number) a).longValue();
        long y = ((Number) b).longValue();
        try {
            return switch (op) {
                case ADD -> Math.addExact(x, y);
                case SUBTRACT -> Math.subtractExact(x, y);
                case MULTIPLY -> Math.multiplyExact(x, y);
                case DIVIDE -> {
                    zero(y == 0);
                    yield x / y;
                }
                case MODULO -> {
                    zero(y == 0);
                    yield x % y;
                }
            };
        } catch (ArithmeticException e) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, type.toString());
        }
    }

    private static int scaleOf(Object v) {
        return v instanceof BigDecimal d ? Math.max(0, d.scale()) : 0;
    }

    private static void zero(boolean isZero) {
        if (isZero) {
            throw new BlueshiftException(ErrorCode.DIVISION_BY_ZERO);
        }
    }

    private static Object datetime(ArithOp op, Object a, Object b, SqlType type) {
        if (a instanceof Interval i && b instanceof Interval j) {
            return switch (op) {
                case ADD -> Intervals.add(i, j);
                case SUBTRACT -> Intervals.add(i, Intervals.negate(j));
                default -> throw unsupported(op, a, b);
            };
        }
        if (a instanceof LocalTime t && b instanceof Interval i
                && (op == ArithOp.ADD || op == ArithOp.SUBTRACT)) {
            // A time of day wraps around midnight; the interval's days and months do not move it.
            long micros = op == ArithOp.ADD ? i.micros() : -i.micros();
            return t.plusNanos(Math.floorMod(micros, 86_400_000_000L) * 1000);
        }
        if (b instanceof Interval i && (op == ArithOp.ADD || op == ArithOp.SUBTRACT)) {
            Interval k = op == ArithOp.ADD ? i : Intervals.negate(i);
            Object r = switch (a) {
                case LocalDate d -> Intervals.add(d, k);
                case LocalDateTime t -> Intervals.add(t, k);
                case OffsetDateTime t -> Intervals.add(t, k);
                default -> throw unsupported(op, a, b);
            };
            return Conversions.convert(r, type);
        }
        if (a instanceof Interval i && op == ArithOp.ADD) {
            return datetime(op, b, a, type);
        }
        if (a instanceof Number && b instanceof Interval && op == ArithOp.MULTIPLY) {
            return datetime(op, b, a, type);
        }
        if (a instanceof Interval i && (op == ArithOp.MULTIPLY || op == ArithOp.DIVIDE) && b instanceof Number n) {
            double f = op == ArithOp.MULTIPLY ? n.doubleValue() : 1 / n.doubleValue();
            return new Interval((int) (i.months() * f), (int) (i.days() * f), (long) (i.micros() * f));
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y && op == ArithOp.SUBTRACT) {
            return Conversions.convert(ChronoUnit.DAYS.between(y, x), type);
        }
        if ((a instanceof LocalDate || b instanceof LocalDate) && (a instanceof Number || b instanceof Number)) {
            LocalDate x = (LocalDate) (a instanceof LocalDate ? a : b);
            long days = ((Number) (a instanceof Number ? a : b)).longValue();
            LocalDate r = null;
            try {
                r = op == ArithOp.ADD ? x.plusDays(days) : x.minusDays(days);
            } catch (DateTimeException | ArithmeticException beyondJavaRange) {
                // reported below
            }
            // Postgres' dates run from 4713 BC to 5874897 AD.
            if (r == null || r.getYear() > 5874897 || r.getYear() < -4713) {
                throw new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "date");
            }
            return r;
        }
        if (op == ArithOp.SUBTRACT && (a instanceof LocalDateTime || a instanceof LocalDate)
                && (b instanceof LocalDateTime || b instanceof LocalDate)) {
            LocalDateTime x = (LocalDateTime) Conversions.convert(a, SqlType.TIMESTAMP);
            LocalDateTime y = (LocalDateTime) Conversions.convert(b, SqlType.TIMESTAMP);
            return Conversions.convert(Intervals.between(y, x), type);
        }
        throw unsupported(op, a, b);
    }

    private static BlueshiftException unsupported(ArithOp op, Object a, Object b) {
        return new BlueshiftException(ErrorCode.UNDEFINED_FUNCTION, "operator does not exist: "
                + a.getClass().getSimpleName() + " " + op + " " + b.getClass().getSimpleName());
    }
}
