package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code pg_sleep(seconds)}, {@code pg_sleep_for(interval)} and {@code pg_sleep_until(timestamptz)}:
 * waits, once per row, and gives Postgres' void (an empty string; NULL for a NULL argument, which
 * does not wait). The wait polls the query's cancel flag every {@link #POLL_NANOS}, so a cancel,
 * a statement timeout or a client that went away stops it within that much.
 */
public record SleepExpr(String name, Expr arg, SqlType type) implements Expr {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long NANOS_PER_DAY = TimeUnit.DAYS.toNanos(1);

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        try (FieldVector values = arg.eval(in, ctx)) {
            FieldVector out = Vectors.allocate(ctx.memory(), type, n);
            try {
                for (int row = 0; row < n; row++) {
                    Object v = Values.get(values, arg.type(), row);
                    if (v != null) {
                        sleep(nanos(v), ctx);
                    }
                    Values.set(out, type, row, v == null ? null : Conversions.convert("", type));
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
    }

    /** How long a row's argument says to wait, in nanoseconds (0 for a time already past). */
    private long nanos(Object v) {
        return switch (name) {
            case "pg_sleep_for" -> {
                Interval i = (Interval) Conversions.convert(v, SqlType.INTERVAL);
                // as Postgres turns an interval into seconds: a month is 30 days
                double total = (i.months() * 30.0 + i.days()) * NANOS_PER_DAY + i.micros() * 1000.0;
                yield total <= 0 ? 0 : total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
            }
            case "pg_sleep_until" -> {
                OffsetDateTime until = (OffsetDateTime) Conversions.convert(v, SqlType.TIMESTAMPTZ);
                Instant now = Instant.now();
                Instant end = until.toInstant();
                yield end.isAfter(now) ? saturatedNanos(end.getEpochSecond() - now.getEpochSecond(), end.getNano() - now.getNano()) : 0;
            }
            default -> {
                double seconds = ((Number) Conversions.convert(v, SqlType.DOUBLE)).doubleValue();
                if (Double.isNaN(seconds)) {
                    throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "pg_sleep: the time to sleep is NaN");
                }
                yield seconds <= 0 ? 0 : seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) (seconds * 1e9);
            }
        };
    }

    private static long saturatedNanos(long seconds, int nanos) {
        return seconds >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : seconds * 1_000_000_000L + nanos;
    }

    /** Waits {@code nanos}, checking the cancel flag between short naps. */
    private static void sleep(long nanos, ExecContext ctx) {
        long start = System.nanoTime();
        long left = nanos;
        while (left > 0) {
            ctx.checkCancelled();
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.cancel();
            }
            left = nanos - (System.nanoTime() - start);
        }
        ctx.checkCancelled();
    }

    @Override
    public Object constantValue() {
        return NOT_CONSTANT;
    }

    @Override
    public String sql(List<String> columns) {
        return SqlText.call(name, List.of(arg), columns);
    }

    @Override
    public String toString() {
        return name + List.of(arg);
    }
}
