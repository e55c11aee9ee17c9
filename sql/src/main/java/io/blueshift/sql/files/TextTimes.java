package io.blueshift.sql.files;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.ddl.CopyOptions;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Dates and timestamps as COPY reads them: ISO text fast (YYYY-MM-DD, YYYY-MM-DD HH:MI:SS[.ffffff]),
 * or Redshift's DATEFORMAT / TIMEFORMAT: a pattern of YYYY, MM, DD, HH24, HH12, MI, SS, MON, AM,
 * or {@code 'auto'} (ISO, then the common month-first, day-first and named-month forms), or for
 * TIMEFORMAT {@code 'epochsecs'} / {@code 'epochmillisecs'}.
 */
final class TextTimes {
    private static final List<DateTimeFormatter> AUTO_DATES = List.of(pattern("yyyy-MM-dd"), pattern("MM/dd/yyyy"),
            pattern("yyyy/MM/dd"), pattern("dd-MMM-yyyy"), pattern("MMM dd yyyy"), pattern("yyyyMMdd"), pattern("dd.MM.yyyy"),
            pattern("MMMM d, yyyy"));
    private static final List<DateTimeFormatter> AUTO_TIMES = List.of(pattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS][.S]"),
            pattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][.SSS][.S]"), pattern("MM/dd/yyyy HH:mm:ss"), pattern("yyyy-MM-dd HH:mm"),
            pattern("dd-MMM-yyyy HH:mm:ss"), pattern("yyyy-MM-dd"));

    private final List<DateTimeFormatter> dates;
    private final List<DateTimeFormatter> times;
    private final String epoch;

    TextTimes(String dateFormat, String timeFormat) {
        this.dates = dateFormat == null || dateFormat.equalsIgnoreCase("auto") ? AUTO_DATES : List.of(redshift(dateFormat));
        this.epoch = timeFormat == null ? null : switch (timeFormat.toLowerCase(Locale.ROOT)) {
            case "epochsecs", "epochmillisecs" -> timeFormat.toLowerCase(Locale.ROOT);
            default -> null;
        };
        this.times = timeFormat == null || timeFormat.equalsIgnoreCase("auto") || epoch != null ? AUTO_TIMES : List.of(redshift(timeFormat));
    }

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.ROOT);
    }

    /** A Redshift datetime format as a java.time pattern. */
    static DateTimeFormatter redshift(String format) {
        return CopyOptions.datetimeFormat(format);
    }

    /** Days since 1970-01-01. */
    int date(byte[] b, int s, int e) {
        if (e - s == 10 && b[s + 4] == '-' && b[s + 7] == '-' && dates == AUTO_DATES) {
            int y = digits(b, s, 4);
            int m = digits(b, s + 5, 2);
            int d = digits(b, s + 8, 2);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                try {
                    return (int) LocalDate.of(y, m, d).toEpochDay();
                } catch (DateTimeException ex) {
                    throw new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "date/time field value");
                }
            }
        }
        String text = new String(b, s, e - s, StandardCharsets.UTF_8).strip();
        for (DateTimeFormatter f : dates) {
            try {
                return (int) LocalDate.parse(text, f).toEpochDay();
            } catch (DateTimeParseException ignored) {
                // the next form
            }
        }
        throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "date", text);
    }

    /** Microseconds since 1970-01-01 00:00:00. */
    long timestamp(byte[] b, int s, int e) {
        String text = new String(b, s, e - s, StandardCharsets.UTF_8).strip();
        if (epoch != null) {
            try {
                long n = Long.parseLong(text);
                return epoch.equals("epochsecs") ? Math.multiplyExact(n, 1_000_000L) : Math.multiplyExact(n, 1000L);
            } catch (NumberFormatException | ArithmeticException ex) {
                throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "timestamp", text);
            }
        }
        if (times == AUTO_TIMES && text.length() >= 19 && text.charAt(4) == '-' && text.charAt(10) == ' ') {
            try {
                LocalDateTime t = LocalDateTime.parse(text.replace(' ', 'T'));
                return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
            } catch (DateTimeParseException ignored) {
                // the general forms below
            }
        }
        for (DateTimeFormatter f : times) {
            try {
                var parsed = f.parse(text);
                LocalDate date = LocalDate.from(parsed);
                long micros = parsed.isSupported(ChronoField.NANO_OF_DAY) ? parsed.getLong(ChronoField.NANO_OF_DAY) / 1000 : 0;
                return date.toEpochDay() * 86_400_000_000L + micros;
            } catch (DateTimeException ignored) {
                // the next form
            }
        }
        throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "timestamp", text);
    }

    private static int digits(byte[] b, int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
