package io.blueshift.sql.function;

import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Postgres' template patterns for to_char, to_date and to_timestamp (YYYY, MM, DD, HH24, MI, SS,
 * Mon, Month, Dy, Day, AM, FM, ...) and Redshift's DATEADD and DATEDIFF.
 */
final class DateFormats {
    private static final String[] TOKENS = {"YYYY", "HH24", "HH12", "MONTH", "Month", "month", "DDD", "YY", "MM",
        "DD", "HH", "MI", "SS", "MS", "US", "MON", "Mon", "mon", "DAY", "Day", "day", "DY", "Dy", "dy", "AM", "PM",
        "am", "pm", "Q", "WW", "D"};

    private DateFormats() {
    }

    static String format(Object value, String pattern) {
        if (value instanceof Number || value instanceof BigDecimal) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "to_char of numbers");
        }
        LocalDateTime t = value instanceof OffsetDateTime o ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                : (LocalDateTime) Conversions.convert(value, SqlType.TIMESTAMP);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            boolean fm = pattern.startsWith("FM", i);
            if (fm) {
                i += 2;
            }
            if (pattern.charAt(i) == '"') {
                int close = pattern.indexOf('"', i + 1);
                out.append(pattern, i + 1, close < 0 ? pattern.length() : close);
                i = close < 0 ? pattern.length() : close + 1;
                continue;
            }
            String token = token(pattern, i);
            if (token == null) {
                out.append(pattern.charAt(i++));
                continue;
            }
            out.append(field(t, token, fm));
            i += token.length();
        }
        return out.toString();
    }

    private static String token(String pattern, int at) {
        for (String t : TOKENS) {
            if (pattern.startsWith(t, at)) {
                return t;
            }
        }
        return null;
    }

    private static String field(LocalDateTime t, String token, boolean fm) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (token) {
            case "YYYY" -> pad(t.getYear(), 4, fm);
            case "YY" -> pad(t.getYear() % 100, 2, fm);
            case "MM" -> pad(t.getMonthValue(), 2, fm);
            case "DD" -> pad(t.getDayOfMonth(), 2, fm);
            case "DDD" -> pad(t.getDayOfYear(), 3, fm);
            case "HH24" -> pad(t.getHour(), 2, fm);
            case "HH12", "HH" -> pad(hour12, 2, fm);
            case "MI" -> pad(t.getMinute(), 2, fm);
            case "SS" -> pad(t.getSecond(), 2, fm);
            case "MS" -> pad(t.getNano() / 1_000_000, 3, fm);
            case "US" -> pad(t.getNano() / 1000, 6, fm);
            case "Q" -> String.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "WW" -> pad((t.getDayOfYear() - 1) / 7 + 1, 2, fm);
            case "D" -> String.valueOf(t.getDayOfWeek().getValue() % 7 + 1);
            case "AM", "PM" -> t.getHour() < 12 ? "AM" : "PM";
            case "am", "pm" -> t.getHour() < 12 ? "am" : "pm";
            case "MON", "Mon", "mon" -> cased(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), token);
            case "MONTH", "Month", "month" -> name(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), token, fm);
            case "DY", "Dy", "dy" -> cased(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), token);
            case "DAY", "Day", "day" -> name(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), token, fm);
            default -> token;
        };
    }

    private static String pad(int v, int width, boolean fm) {
        String s = Integer.toString(v);
        return fm ? s : "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String cased(String s, String token) {
        if (Character.isLowerCase(token.charAt(0))) {
            return s.toLowerCase(Locale.ROOT);
        }
        return Character.isUpperCase(token.charAt(1)) ? s.toUpperCase(Locale.ROOT) : s;
    }

    /** Month and day names are blank-padded to 9 characters unless FM is given, as in Postgres. */
    private static String name(String s, String token, boolean fm) {
        String c = cased(s, token);
        return fm ? c : String.format(Locale.ROOT, "%-9s", c);
    }

    /** to_date / to_timestamp: reads {@code text} by the template. */
    static LocalDateTime parse(String text, String pattern) {
        int year = 1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        boolean pm = false;
        boolean twelve = false;
        int i = 0;
        int p = 0;
        try {
            while (p < pattern.length() && i <= text.length()) {
                if (pattern.startsWith("FM", p)) {
                    p += 2;
                    continue;
                }
                String token = token(pattern, p);
                if (token == null) {
                    p++;
                    if (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
                        i++;
                    }
                    continue;
                }
                p += token.length();
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                switch (token) {
                    case "MON", "Mon", "mon", "MONTH", "Month", "month" -> {
                        int end = i;
                        while (end < text.length() && Character.isLetter(text.charAt(end))) {
                            end++;
                        }
                        String name = text.substring(i, end).toLowerCase(Locale.ROOT);
                        month = monthNumber(name, text);
                        i = end;
                    }
                    case "DY", "Dy", "dy", "DAY", "Day", "day" -> {
                        while (i < text.length() && Character.isLetter(text.charAt(i))) {
                            i++;
                        }
                    }
                    case "AM", "PM", "am", "pm" -> {
                        pm = text.regionMatches(true, i, "PM", 0, 2);
                        i += 2;
                    }
                    default -> {
                        int width = switch (token) {
                            case "YYYY" -> 4;
                            case "DDD", "MS" -> 3;
                            case "US" -> 6;
                            case "Q", "D" -> 1;
                            default -> 2;
                        };
                        int end = i;
                        while (end < text.length() && end - i < width && Character.isDigit(text.charAt(end))) {
                            end++;
                        }
                        int v = Integer.parseInt(text.substring(i, end));
                        i = end;
                        switch (token) {
                            case "YYYY" -> year = v;
                            case "YY" -> year = 2000 + v;
                            case "MM" -> month = v;
                            case "DD" -> day = v;
                            case "HH24" -> hour = v;
                            case "HH12", "HH" -> {
                                hour = v;
                                twelve = true;
                            }
                            case "MI" -> minute = v;
                            case "SS" -> second = v;
                            case "MS" -> micros = v * 1000L;
                            case "US" -> micros = v;
                            default -> {
                            }
                        }
                    }
                }
            }
            if (twelve) {
                hour = hour % 12 + (pm ? 12 : 0);
            }
            return LocalDateTime.of(year, month, day, hour, minute, second).plus(micros, ChronoUnit.MICROS);
        } catch (RuntimeException e) {
            if (e instanceof BlueshiftException b) {
                throw b;
            }
            throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "timestamp", text);
        }
    }

    private static int monthNumber(String name, String text) {
        for (Month m : Month.values()) {
            String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && full.startsWith(name)) {
                return m.getValue();
            }
        }
        throw new BlueshiftException(ErrorCode.INVALID_DATETIME_FORMAT, "date", text);
    }

    /** DATEADD(part, n, value): a date stays a date for day-or-larger parts, else a timestamp. */
    static Object dateAdd(String part, long n, Object value) {
        LocalDateTime t = (LocalDateTime) Conversions.convert(value, SqlType.TIMESTAMP);
        try {
            return plus(t, part, n);
        } catch (DateTimeException | ArithmeticException e) {
            throw new BlueshiftException(ErrorCode.DATETIME_FIELD_OVERFLOW, "timestamp");
        }
    }

    private static LocalDateTime plus(LocalDateTime t, String part, long n) {
        return switch (unit(part)) {
            case "year" -> t.plusYears(n);
            case "quarter" -> t.plusMonths(3 * n);
            case "month" -> t.plusMonths(n);
            case "week" -> t.plusWeeks(n);
            case "day" -> t.plusDays(n);
            case "hour" -> t.plusHours(n);
            case "minute" -> t.plusMinutes(n);
            case "second" -> t.plusSeconds(n);
            case "millisecond" -> t.plus(n, ChronoUnit.MILLIS);
            default -> t.plus(n, ChronoUnit.MICROS);
        };
    }

    /** DATEDIFF(part, a, b): the number of part boundaries crossed from a to b, as Redshift counts. */
    static Object dateDiff(String part, Object a, Object b) {
        LocalDateTime x = (LocalDateTime) Conversions.convert(a, SqlType.TIMESTAMP);
        LocalDateTime y = (LocalDateTime) Conversions.convert(b, SqlType.TIMESTAMP);
        return switch (unit(part)) {
            case "year" -> (long) y.getYear() - x.getYear();
            case "quarter" -> (long) (y.getYear() * 4 + (y.getMonthValue() - 1) / 3) - (x.getYear() * 4 + (x.getMonthValue() - 1) / 3);
            case "month" -> (long) (y.getYear() * 12 + y.getMonthValue()) - (x.getYear() * 12 + x.getMonthValue());
            case "week" -> ChronoUnit.WEEKS.between(x.toLocalDate().with(DayOfWeek.MONDAY),
                    y.toLocalDate().with(DayOfWeek.MONDAY));
            case "day" -> ChronoUnit.DAYS.between(x.toLocalDate(), y.toLocalDate());
            case "hour" -> ChronoUnit.HOURS.between(x.truncatedTo(ChronoUnit.HOURS), y.truncatedTo(ChronoUnit.HOURS));
            case "minute" -> ChronoUnit.MINUTES.between(x.truncatedTo(ChronoUnit.MINUTES), y.truncatedTo(ChronoUnit.MINUTES));
            case "second" -> ChronoUnit.SECONDS.between(x.truncatedTo(ChronoUnit.SECONDS), y.truncatedTo(ChronoUnit.SECONDS));
            case "millisecond" -> ChronoUnit.MILLIS.between(x, y);
            default -> ChronoUnit.MICROS.between(x, y);
        };
    }

    private static String unit(String part) {
        String p = part.toLowerCase(Locale.ROOT).replace("'", "");
        return switch (p) {
            case "y", "yr", "yrs", "year", "years" -> "year";
            case "qtr", "qtrs", "quarter", "quarters" -> "quarter";
            case "mon", "mons", "month", "months" -> "month";
            case "w", "week", "weeks" -> "week";
            case "d", "day", "days" -> "day";
            case "h", "hr", "hrs", "hour", "hours" -> "hour";
            case "m", "min", "mins", "minute", "minutes" -> "minute";
            case "s", "sec", "secs", "second", "seconds" -> "second";
            case "ms", "millisecond", "milliseconds" -> "millisecond";
            case "microsecond", "microseconds", "us" -> "microsecond";
            default -> throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "unit \"" + part + "\" not recognized");
        };
    }
}
