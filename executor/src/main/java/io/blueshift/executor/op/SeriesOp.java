package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.columnar.Values;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.Intervals;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code generate_series(start, stop [, step])} as Postgres computes it: integers (INTEGER or
 * BIGINT), numerics and timestamps stepped by an interval, made a batch of
 * {@link ExecContext#BATCH_ROWS} rows at a time, so a series of any length holds one batch. The
 * arguments are expressions without columns (constants, parameters, {@code now()}), evaluated
 * once when the first batch is asked for. A NULL argument gives no rows; a step of zero is 22023;
 * a series stops before a value that would overflow its type, as in Postgres.
 */
public final class SeriesOp implements Operator {
    private final ExecContext ctx;
    private final SqlType type;
    private final List<Expr> arguments;
    private boolean started;
    private boolean done;
    private long rows;

    /** Integers: the next value and the step. */
    private long next;
    private long step;
    private long stop;
    /** Numerics. */
    private BigDecimal decimalNext;
    private BigDecimal decimalStep;
    private BigDecimal decimalStop;
    /**
     * Timestamps: {@link #next}, {@link #stop} and {@link #step} in microseconds where the step is a
     * fixed span; with months in the step, the next value as an object, the step as an interval
     * and its direction in {@link #step}.
     */
    private Interval interval;
    private Object timeNext;

    public SeriesOp(ExecContext ctx, SqlType type, List<Expr> arguments) {
        this.ctx = ctx;
        this.type = type;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public List<SqlType> types() {
        return List.of(type);
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        if (!started) {
            started = true;
            start();
        }
        if (done) {
            return null;
        }
        FieldVector v = Vectors.allocate(ctx.memory(), type, ExecContext.BATCH_ROWS);
        try {
            int n = switch (type.kind()) {
                case INTEGER, BIGINT -> steps(v, type.kind() == TypeKind.BIGINT);
                case DECIMAL -> decimals(v);
                case TIMESTAMP, TIMESTAMPTZ -> timestamps(v);
                default -> throw new IllegalStateException("generate_series of " + type + " (a planner bug)");
            };
            if (n == 0) {
                v.close();
                return null;
            }
            v.setValueCount(n);
            rows += n;
            return Batches.of(List.of(type), List.of(v), n);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** Evaluates the arguments and checks the step. */
    private void start() {
        Object[] values = new Object[3];
        try (Batch one = Batches.empty(1)) {
            for (int i = 0; i < arguments.size(); i++) {
                Expr e = arguments.get(i);
                try (FieldVector v = e.eval(one, ctx)) {
                    values[i] = Values.get(v, e.type(), 0);
                }
            }
        }
        if (values[0] == null || values[1] == null || arguments.size() == 3 && values[2] == null) {
            done = true;
            return;
        }
        switch (type.kind()) {
            case INTEGER, BIGINT -> {
                next = ((Number) values[0]).longValue();
                stop = ((Number) values[1]).longValue();
                step = arguments.size() == 3 ? ((Number) values[2]).longValue() : 1;
                if (step == 0) {
                    throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
                }
                done = step > 0 ? next > stop : next < stop;
            }
            case DECIMAL -> {
                decimalNext = Values.toDecimal(values[0], type);
                decimalStop = Values.toDecimal(values[1], type);
                decimalStep = arguments.size() == 3 ? new BigDecimal(values[2].toString()) : BigDecimal.ONE;
                if (decimalStep.signum() == 0) {
                    throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
                }
                done = decimalStep.signum() > 0 ? decimalNext.compareTo(decimalStop) > 0 : decimalNext.compareTo(decimalStop) < 0;
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                interval = (Interval) values[2];
                int sign = sign(interval);
                if (sign == 0) {
                    throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
                }
                timeNext = Conversions.convert(values[0], type);
                stop = micros(Conversions.convert(values[1], type));
                next = micros(timeNext);
                step = sign;
                if (interval.months() == 0) {
                    // days are 24 hours in a timestamp without a time zone (and in UTC): a fixed step
                    long fixed = Math.addExact(Math.multiplyExact(interval.days(), 86_400_000_000L), interval.micros());
                    if (Long.signum(fixed) == sign) {
                        step = fixed;
                        interval = null;
                    }
                }
                done = sign > 0 ? next > stop : next < stop;
            }
            default -> throw new IllegalStateException("generate_series of " + type + " (a planner bug)");
        }
    }

    /**
     * The direction of an interval as Postgres compares intervals with zero: a month counts 30
     * days and a day 24 hours.
     */
    private static int sign(Interval i) {
        BigDecimal span = BigDecimal.valueOf(i.months()).multiply(BigDecimal.valueOf(30L * 86_400_000_000L))
                .add(BigDecimal.valueOf(i.days()).multiply(BigDecimal.valueOf(86_400_000_000L)))
                .add(BigDecimal.valueOf(i.micros()));
        return span.signum();
    }

    /** A timestamp as stored: microseconds since 1970-01-01 (UTC for timestamptz). */
    private static long micros(Object timestamp) {
        try {
            return timestamp instanceof OffsetDateTime t ? ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant())
                    : ChronoUnit.MICROS.between(EPOCH, (LocalDateTime) timestamp);
        } catch (ArithmeticException e) {
            throw new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "timestamp");
        }
    }

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    /**
     * Values {@code next}, {@code next + step}, ... as longs ({@code wide}) or ints, until the
     * stop or the end of the type: integer series, and timestamp series whose step has no months.
     */
    private int steps(FieldVector v, boolean wide) {
        MemorySegment out = QueryMemory.segment(v.getDataBuffer());
        long value = next;
        int n = 0;
        while (n < ExecContext.BATCH_ROWS) {
            if (wide) {
                out.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, n, value);
            } else {
                out.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, n, (int) value);
            }
            n++;
            long after = value + step;
            // past the stop, or past the end of the type (the sum overflowed: its sign is wrong)
            if (((value ^ after) & (step ^ after)) < 0 || (step > 0 ? after > stop : after < stop)) {
                done = true;
                break;
            }
            value = after;
        }
        next = value;
        Vectors.setValid(QueryMemory.segment(v.getValidityBuffer()), n);
        return n;
    }

    private int decimals(FieldVector v) {
        int n = 0;
        while (n < ExecContext.BATCH_ROWS) {
            Values.set(v, type, n++, decimalNext);
            decimalNext = decimalNext.add(decimalStep);
            if (decimalStep.signum() > 0 ? decimalNext.compareTo(decimalStop) > 0 : decimalNext.compareTo(decimalStop) < 0) {
                done = true;
                break;
            }
        }
        return n;
    }

    private int timestamps(FieldVector v) {
        if (interval == null) {
            return steps(v, true);
        }
        int n = 0;
        // a step with months: each value is the one before plus the step, as Postgres adds them
        while (n < ExecContext.BATCH_ROWS) {
            Values.set(v, type, n++, timeNext);
            timeNext = timeNext instanceof OffsetDateTime t ? Intervals.add(t, interval) : Intervals.add((LocalDateTime) timeNext, interval);
            long at = micros(timeNext);
            if (step > 0 ? at > stop : at < stop) {
                done = true;
                break;
            }
        }
        return n;
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("GenerateSeries ").append(type).append(" (");
        for (int i = 0; i < arguments.size(); i++) {
            Object value = arguments.get(i).constantValue();
            text.append(i == 0 ? "" : ", ").append(value == Expr.NOT_CONSTANT ? "?" : Conversions.toText(value));
        }
        return text.append(')').append(started ? " rows=" + rows : "").toString();
    }

    @Override
    public void close() {
    }

    /** The plan: the type of the values and the argument expressions (start, stop and maybe step). */
    public record Plan(SqlType type, List<Expr> arguments) implements PhysicalOperator.Leaf {
        public Plan {
            arguments = List.copyOf(arguments);
        }

        @Override
        public List<SqlType> types() {
            return List.of(type);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new SeriesOp(worker.ctx(), type, arguments);
        }
    }
}
