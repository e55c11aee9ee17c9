package io.blueshift.executor.expr;

import io.blueshift.columnar.Interval;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Interval text input and the arithmetic of intervals with dates and timestamps, as Postgres does it. */
public final class Intervals {
    private static final Pattern PART = Pattern.compile(
            "([+-]?\\d+(?:\\.\\d+)?)\\s*(years?|y|mons?|months?|weeks?|w|days?|d|hours?|h|minutes?|mins?|m|seconds?|secs?|s|milliseconds?|ms|microseconds?|us)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOCK = Pattern.compile("([+-])?(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6}))?)?");

    private Intervals() {
    }

    /** Parses Postgres interval input such as {@code '1 year 2 mons 3 days 04:05:06'} or {@code '90 day'}. */
    public static Interval parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int months = 0;
        int days = 0;
        long micros = 0;
        Matcher clock = CLOCK.matcher(s);
        if (clock.find()) {
            long sign = "-".equals(clock.group(1)) ? -1 : 1;
            long secs = Long.parseLong(clock.group(2)) * 3600 + Long.parseLong(clock.group(3)) * 60
                    + (clock.group(4) == null ? 0 : Long.parseLong(clock.group(4)));
            long frac = clock.group(5) == null ? 0 : Long.parseLong((clock.group(5) + "00000").substring(0, 6));
            micros += sign * (secs * 1_000_000 + frac);
            s = s.substring(0, clock.start()) + s.substring(clock.end());
        }
        Matcher m = PART.matcher(s);
        int matched = 0;
        while (m.find()) {
            matched += m.end() - m.start();
            double v = Double.parseDouble(m.group(1));
            String unit = m.group(2);
            if (unit.startsWith("y")) {
                months += (int) Math.round(v * 12);
            } else if (unit.startsWith("mon")) {
                months += (int) v;
            } else if (unit.startsWith("w")) {
                days += (int) (v * 7);
            } else if (unit.startsWith("d")) {
                days += (int) v;
            } else if (unit.startsWith("h")) {
                micros += Math.round(v * 3_600_000_000L);
            } else if (unit.equals("m") || unit.startsWith("min")) {
                micros += Math.round(v * 60_000_000L);
            } else if (unit.startsWith("ms") || unit.startsWith("milli")) {
                micros += Math.round(v * 1000);
            } else if (unit.startsWith("us") || unit.startsWith("micro")) {
                micros += Math.round(v);
            } else {
                micros += Math.round(v * 1_000_000);
            }
        }
        String rest = PART.matcher(s).replaceAll("").replace("ago", "").trim();
        if (!rest.isEmpty() || (matched == 0 && !clock.reset().find() && micros == 0 && !s.isBlank() && !text.contains(":"))) {
            if (!rest.isEmpty()) {
                throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "interval", text);
            }
        }
        Interval out = new Interval(months, days, micros);
        return text.toLowerCase(Locale.ROOT).contains("ago") ? negate(out) : out;
    }

    public static Interval negate(Interval i) {
        return new Interval(-i.months(), -i.days(), -i.micros());
    }

    public static Interval add(Interval a, Interval b) {
        return new Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                Math.addExact(a.micros(), b.micros()));
    }

    public static LocalDateTime add(LocalDateTime t, Interval i) {
        return t.plusMonths(i.months()).plusDays(i.days()).plus(i.micros(), ChronoUnit.MICROS);
    }

    public static OffsetDateTime add(OffsetDateTime t, Interval i) {
        return t.plusMonths(i.months()).plusDays(i.days()).plus(i.micros(), ChronoUnit.MICROS);
    }

    /** date + interval is a timestamp in Postgres; kept a date when the interval has no time part. */
    public static Object add(LocalDate d, Interval i) {
        if (i.micros() == 0) {
            return d.plusMonths(i.months()).plusDays(i.days());
        }
        return add(d.atStartOfDay(), i);
    }

    /** The interval between two timestamps, in days and microseconds (as Postgres' timestamp - timestamp). */
    public static Interval between(LocalDateTime from, LocalDateTime to) {
        long micros = ChronoUnit.MICROS.between(from, to);
        long days = micros / 86_400_000_000L;
        return new Interval(0, (int) days, micros - days * 86_400_000_000L);
    }
}
