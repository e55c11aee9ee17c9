package io.blueshift.sql.session;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code statement_timeout} setting and the one daemon thread that fires the timeouts of every
 * session. A timeout only raises the statement's cancel flag, which its operators check once per
 * batch, so the statement stops within a batch's work of the deadline and frees its memory as any
 * failed query does.
 */
public final class StatementTimeout {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, task -> {
        Thread t = new Thread(task, "blueshift-statement-timeout");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private StatementTimeout() {
    }

    /** Runs {@code action} after {@code millis} unless the returned future is cancelled first. */
    public static ScheduledFuture<?> schedule(Runnable action, long millis) {
        return TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * The timeout in milliseconds that a value of {@code statement_timeout} sets, as Postgres reads
     * it: a number of milliseconds, or a number with a unit (us, ms, s, min, h, d); 0 turns it off.
     */
    public static long millis(String value) {
        if (value == null) {
            return 0;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.length() >= 2 && v.charAt(0) == '\'' && v.charAt(v.length() - 1) == '\'') {
            v = v.substring(1, v.length() - 1).strip();
        }
        int end = 0;
        while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.' || (end == 0 && v.charAt(end) == '-'))) {
            end++;
        }
        if (end == 0 || v.isEmpty()) {
            throw invalid(value);
        }
        double number;
        try {
            number = Double.parseDouble(v.substring(0, end));
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
        double scale = switch (v.substring(end).strip()) {
            case "" , "ms" -> 1;
            case "us" -> 0.001;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> throw invalid(value);
        };
        double ms = number * scale;
        if (ms < 0 || ms > Integer.MAX_VALUE) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, ms < 0
                    ? value + " is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)"
                    : value + " is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)");
        }
        return ms > 0 && ms < 1 ? 1 : Math.round(ms);
    }

    private static BlueshiftException invalid(String value) {
        return new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"statement_timeout\": \"" + value + "\"");
    }
}
