package io.blueshift.sql.function;

import io.blueshift.sql.catalog.PgSession;
import io.blueshift.columnar.Interval;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.ValueLimits;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.Intervals;
import io.blueshift.executor.expr.LiteralExpr;
import io.blueshift.executor.expr.RowExpr;
import io.blueshift.executor.expr.SleepExpr;
import io.blueshift.executor.expr.StatementTimeExpr;
import io.blueshift.executor.expr.SubstringExpr;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.arith.ArithOp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlKind;

/**
 * The scalar functions without kernels of their own, each a value-by-value {@link RowExpr}: strings,
 * math, dates and times. Names are Calcite's operator names in lower case.
 */
public final class Functions {
    private Functions() {
    }

    /**
     * {@code a << n} and {@code a >> n} as Postgres computes them on int2, int4 and int8: in the
     * operand's width (an int4 shifted past bit 31 wraps) with the count taken modulo the width,
     * as the C shift the server compiles to does on x86-64.
     */
    private static Object shift(Object[] v, boolean left) {
        if (v[0] instanceof Long a) {
            int n = ((Number) v[1]).intValue();
            return left ? a << n : a >> n;
        }
        int a = ((Number) v[0]).intValue();
        int n = ((Number) v[1]).intValue();
        int shifted = left ? a << n : a >> n;
        return v[0] instanceof Short ? (Object) (short) shifted : (Object) shifted;
    }

    /** Postgres' chr in a UTF8 database: the character of a code point, never NUL or half a surrogate pair. */
    private static String chr(long code) {
        if (code == 0) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code < 0) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "character number must be positive");
        }
        if (code > Character.MAX_CODE_POINT) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + code);
        }
        if (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "requested character not valid for encoding: " + code);
        }
        return Character.toString((int) code);
    }

    /** The function {@code name} of {@code args}; the catalog functions read {@code session}'s catalog and user. */
    public static Expr create(String name, SqlKind kind, List<Expr> args, SqlType type, PgSession session) {
        RowExpr.Fn catalogFn = PgFunctions.create(name, args.size(), session);
        if (catalogFn != null) {
            return new RowExpr(name, catalogFn, args, type, PgFunctions.strict(name));
        }
        if (name.contains("posix regex")) {
            // ~, ~*, !~ and !~* (Calcite names the negated ones "NEGATED POSIX REGEX ...")
            boolean negated = name.startsWith("negated");
            String flags = name.contains("insensitive") ? "i" : "";
            return new RowExpr(name, v -> Regex.find(v[0].toString(), v[1].toString(), flags) != negated, args, type, true);
        }
        if (args.size() == 1 && (name.equals("pg_sleep") || name.equals("pg_sleep_for") || name.equals("pg_sleep_until"))) {
            return new SleepExpr(name, args.getFirst(), type);
        }
        if (args.isEmpty() && statementTime(name)) {
            return new StatementTimeExpr(name, type);
        }
        Expr cut = substring(name, args, type);
        if (cut != null) {
            return cut;
        }
        RowExpr.Fn fn = switch (name) {
            case "upper" -> v -> caseMapped(v[0].toString(), true);
            case "lower" -> v -> caseMapped(v[0].toString(), false);
            case "char_length", "character_length", "length", "len" -> v -> (long) v[0].toString()
                    .codePointCount(0, v[0].toString().length());
            case "octet_length" -> v -> (long) v[0].toString().getBytes(StandardCharsets.UTF_8).length;
            case "substring", "substr" -> v -> substring(v);
            case "||", "concat" -> v -> concat(v);
            case "position", "strpos" -> v -> name.equals("strpos") ? position(v[1], v[0]) : position(v[0], v[1]);
            case "trim" -> v -> trim(v[0].toString(), v[1].toString(), v[2].toString());
            case "btrim" -> v -> trim("BOTH", v.length > 1 ? v[1].toString() : " ", v[0].toString());
            case "ltrim" -> v -> trim("LEADING", v.length > 1 ? v[1].toString() : " ", v[0].toString());
            case "rtrim" -> v -> trim("TRAILING", v.length > 1 ? v[1].toString() : " ", v[0].toString());
            // Postgres leaves the string alone when the searched-for string is empty.
            case "replace" -> v -> replace(v[0].toString(), v[1].toString(), v[2].toString());
            case "left" -> v -> leftRight(v[0].toString(), ((Number) v[1]).intValue(), true);
            case "right" -> v -> leftRight(v[0].toString(), ((Number) v[1]).intValue(), false);
            case "lpad", "rpad" -> v -> pad(v, name.equals("lpad"));
            case "split_part" -> v -> splitPart(v[0].toString(), v[1].toString(), ((Number) v[2]).intValue());
            case "reverse" -> v -> new StringBuilder(v[0].toString()).reverse().toString();
            case "repeat" -> v -> repeat(v[0].toString(), ((Number) v[1]).longValue());
            case "initcap" -> v -> initcap(v[0].toString());
            case "overlay" -> v -> overlay(v);
            case "translate3", "translate" -> v -> translate(v[0].toString(), v[1].toString(), v[2].toString());
            case "abs" -> v -> v[0] instanceof BigDecimal d ? d.abs() : v[0] instanceof Double d ? Math.abs(d)
                    : (Object) Math.abs(((Number) v[0]).longValue());
            case "sqrt" -> v -> {
                if (num(v[0]) < 0) {
                    throw new BlueshiftException(ErrorCode.INVALID_ARGUMENT_FOR_POWER, "cannot take square root of a negative number");
                }
                return Math.sqrt(num(v[0]));
            };
            case "power", "pow" -> v -> power(num(v[0]), num(v[1]));
            case "exp" -> v -> finite(Math.exp(num(v[0])));
            case "ln" -> v -> logarithm(Math.E, num(v[0]));
            case "log10" -> v -> logarithm(10, num(v[0]));
            case "sign" -> v -> Math.signum(num(v[0]));
            case "mod" -> v -> Arithmetic.apply(ArithOp.MODULO, v[0], v[1], type);
            case "round" -> v -> round(v, type, RoundingMode.HALF_UP);
            case "trunc", "truncate" -> v -> round(v, type, RoundingMode.DOWN);
            case "floor", "ceil", "ceiling" -> floorCeil(name, args);
            case "extract", "date_part" -> v -> extract(v[0].toString(), v[1]);
            case "pi" -> v -> Math.PI;
            case "greatest", "least" -> v -> extreme(v, name.equals("greatest"));
            case "pg_interval" -> v -> Intervals.parse(v[0].toString());
            case "chr" -> v -> chr(((Number) v[0]).longValue());
            case "ascii" -> v -> v[0].toString().isEmpty() ? 0L : (long) v[0].toString().codePointAt(0);
            case "log" -> v -> v.length == 1 ? logarithm(10, num(v[0])) : logarithm(num(v[0]), num(v[1]));
            case "cbrt" -> v -> Math.cbrt(num(v[0]));
            case "degrees" -> v -> Math.toDegrees(num(v[0]));
            case "radians" -> v -> Math.toRadians(num(v[0]));
            case "sin" -> v -> Math.sin(num(v[0]));
            case "cos" -> v -> Math.cos(num(v[0]));
            case "tan" -> v -> Math.tan(num(v[0]));
            case "atan" -> v -> Math.atan(num(v[0]));
            case "atan2" -> v -> Math.atan2(num(v[0]), num(v[1]));
            case "md5" -> v -> md5(v[0].toString());
            case "regexp_replace" -> v -> Regex.replace(v);
            case "regexp_substr", "regexp_extract" -> v -> Regex.substr(v);
            case "regexp_count" -> v -> Regex.count(v);
            case "regexp_instr" -> v -> Regex.instr(v);
            case "to_char" -> v -> DateFormats.format(v[0], v[1].toString());
            case "to_date" -> v -> DateFormats.parse(v[0].toString(), v[1].toString()).toLocalDate();
            case "to_timestamp" -> v -> v.length == 1
                    ? Instant.ofEpochMilli((long) (num(v[0]) * 1000)).atOffset(ZoneOffset.UTC)
                    : DateFormats.parse(v[0].toString(), v[1].toString()).atOffset(ZoneOffset.UTC);
            case "date_trunc" -> v -> dateTrunc(v[0].toString(), v[1], false);
            case "dateadd", "date_add" -> v -> DateFormats.dateAdd(v[0].toString(), ((Number) v[1]).longValue(), v[2]);
            case "datediff", "date_diff" -> v -> DateFormats.dateDiff(v[0].toString(), v[1], v[2]);
            case "add_months" -> v -> DateFormats.dateAdd("month", ((Number) v[1]).longValue(), v[0]);
            case "last_day" -> v -> ((LocalDate) Conversions.convert(v[0], SqlType.DATE)).withDayOfMonth(1).plusMonths(1).minusDays(1);
            case "random" -> v -> Math.random();
            case "&" -> v -> ((Number) v[0]).longValue() & ((Number) v[1]).longValue();
            case "|" -> v -> ((Number) v[0]).longValue() | ((Number) v[1]).longValue();
            case "<<" -> v -> shift(v, true);
            case "pg_shift_right" -> v -> shift(v, false);
            default -> throw new BlueshiftException(ErrorCode.UNDEFINED_FUNCTION, "function " + name + " is not supported yet");
        };
        boolean strict = !(name.equals("concat") || name.equals("greatest") || name.equals("least") || name.equals("current_date") || name.startsWith("current_")
                || name.equals("now") || name.equals("getdate") || name.equals("random") || name.equals("pi"));
        if (fn == null) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_FUNCTION, "function " + name);
        }
        return new RowExpr(name, fn, args, type, strict);
    }

    private static Object extreme(Object[] v, boolean greatest) {
        Object best = null;
        for (Object o : v) {
            if (o != null && (best == null || (CompareExprs.compare(o, best) > 0) == greatest && CompareExprs.compare(o, best) != 0)) {
                best = o;
            }
        }
        return best;
    }

    private static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw new BlueshiftException(ErrorCode.INVALID_ARGUMENT_FOR_POWER, "zero raised to a negative power is undefined");
        }
        if (x < 0 && y != Math.rint(y)) {
            throw new BlueshiftException(ErrorCode.INVALID_ARGUMENT_FOR_POWER,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        return finite(Math.pow(x, y));
    }

    private static double finite(double d) {
        if (Double.isInfinite(d)) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow; double precision");
        }
        return d;
    }

    private static double logarithm(double base, double x) {
        if (x <= 0 || base <= 0) {
            throw new BlueshiftException(x == 0 ? ErrorCode.INVALID_ARGUMENT_FOR_LOG : ErrorCode.INVALID_ARGUMENT_FOR_LOG,
                    x == 0 ? "cannot take logarithm of zero" : "cannot take logarithm of a negative number");
        }
        return Math.log(x) / Math.log(base);
    }

    private static String md5(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double num(Object v) {
        return ((Number) v).doubleValue();
    }

    /** substring of a text column by constant integers, on its bytes ({@link SubstringExpr}); else null. */
    private static Expr substring(String name, List<Expr> args, SqlType type) {
        if (!(name.equals("substring") || name.equals("substr")) || args.size() < 2 || args.size() > 3
                || !args.get(0).type().isString()) {
            return null;
        }
        Object start = args.get(1).constantValue();
        Object length = args.size() == 3 ? args.get(2).constantValue() : null;
        if (!integer(start) || args.size() == 3 && !integer(length)) {
            return null;
        }
        return new SubstringExpr(args.get(0), ((Number) start).longValue(),
                length == null ? null : ((Number) length).longValue(), type);
    }

    private static boolean integer(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short;
    }

    private static Object substring(Object[] v) {
        String s = v[0].toString();
        int[] cps = s.codePoints().toArray();
        long start = ((Number) v[1]).longValue();
        long end = v.length > 2 && v[2] != null ? start + ((Number) v[2]).longValue() : Long.MAX_VALUE;
        if (v.length > 2 && v[2] != null && ((Number) v[2]).longValue() < 0) {
            throw new BlueshiftException(ErrorCode.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        long from = Math.max(start, 1);
        long to = Math.min(end, cps.length + 1L);
        if (to <= from) {
            return "";
        }
        return new String(cps, (int) from - 1, (int) (to - from));
    }

    private static Object concat(Object[] v) {
        String[] texts = new String[v.length];
        long bytes = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                texts[i] = Conversions.toText(v[i]);
                bytes += ValueLimits.utf8Length(texts[i]);
            }
        }
        ValueLimits.checkLength(bytes);
        StringBuilder sb = new StringBuilder();
        for (String t : texts) {
            if (t != null) {
                sb.append(t);
            }
        }
        return sb.toString();
    }

    /** repeat(s, n): the length is checked before the string is built, as Postgres does. */
    private static Object repeat(String s, long count) {
        if (count <= 0 || s.isEmpty()) {
            return "";
        }
        long bytes = ValueLimits.utf8Length(s);
        if (count > ValueLimits.MAX_VALUE_BYTES / bytes) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
        return s.repeat((int) count);
    }

    /** replace(s, from, to): Postgres leaves the string alone when {@code from} is empty. */
    private static Object replace(String s, String from, String to) {
        if (from.isEmpty()) {
            return s;
        }
        long growth = ValueLimits.utf8Length(to) - ValueLimits.utf8Length(from);
        if (growth > 0) {
            long matches = 0;
            for (int i = s.indexOf(from); i >= 0; i = s.indexOf(from, i + from.length())) {
                matches++;
            }
            ValueLimits.checkLength(ValueLimits.utf8Length(s) + matches * growth);
        }
        return s.replace(from, to);
    }

    private static Object position(Object needle, Object haystack) {
        String h = haystack.toString();
        int i = h.indexOf(needle.toString());
        return i < 0 ? 0L : (long) h.codePointCount(0, i) + 1;
    }

    private static Object trim(String flag, String chars, String s) {
        int start = 0;
        int end = s.length();
        if (!flag.equals("TRAILING")) {
            while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
                start++;
            }
        }
        if (!flag.equals("LEADING")) {
            while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    private static Object leftRight(String s, int n, boolean left) {
        int len = s.codePointCount(0, s.length());
        int count = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
        if (left) {
            return s.substring(0, s.offsetByCodePoints(0, count));
        }
        return s.substring(s.offsetByCodePoints(0, len - count));
    }

    private static Object pad(Object[] v, boolean left) {
        String s = v[0].toString();
        long length = ((Number) v[1]).longValue();
        // Postgres checks the length in characters at the encoding's widest (4 bytes in UTF-8)
        if (length > ValueLimits.MAX_VALUE_BYTES / 4) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
        int n = (int) length;
        String fill = v.length > 2 ? v[2].toString() : " ";
        int len = s.codePointCount(0, s.length());
        if (n <= len) {
            return s.substring(0, s.offsetByCodePoints(0, Math.max(n, 0)));
        }
        if (fill.isEmpty()) {
            return s;
        }
        // one code point at a time: counting the code points of the padding after each append was
        // quadratic, minutes for a padding of a few million characters
        int[] fillPoints = fill.codePoints().toArray();
        int need = n - len;
        StringBuilder p = new StringBuilder(need);
        for (int k = 0; k < need; k++) {
            p.appendCodePoint(fillPoints[k % fillPoints.length]);
        }
        String padding = p.toString();
        return left ? padding + s : s + padding;
    }

    private static Object splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        String[] parts = delimiter.isEmpty() ? new String[] {s} : s.split(Pattern.quote(delimiter), -1);
        int i = field > 0 ? field - 1 : parts.length + field;
        return i >= 0 && i < parts.length ? parts[i] : "";
    }

    /**
     * Upper or lower case one character at a time, as Postgres maps each character of a UTF8
     * database with the C library's towupper/towlower: {@code upper('ß')} stays 'ß' and the
     * result has as many characters as the argument ({@code String.toUpperCase} makes 'SS' and
     * applies the final-sigma rule, which Postgres does not). Independent of the JVM's locale.
     */
    private static String caseMapped(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            sb.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            i += Character.charCount(c);
        }
        return sb.toString();
    }

    /**
     * Postgres' {@code translate(s, from, to)}: each character of {@code s} found in {@code from}
     * becomes the character at the same place in {@code to}, or is dropped where {@code to} is
     * shorter; the first occurrence in {@code from} counts.
     */
    private static String translate(String s, String from, String to) {
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int at = -1;
            for (int k = 0; k < f.length && at < 0; k++) {
                if (f[k] == c) {
                    at = k;
                }
            }
            if (at < 0) {
                sb.appendCodePoint(c);
            } else if (at < t.length) {
                sb.appendCodePoint(t[at]);
            }
        }
        return sb.toString();
    }

    /**
     * {@code overlay(s PLACING r FROM start [FOR count])}: {@code s} with {@code count} characters
     * (the length of {@code r} by default) from {@code start} replaced by {@code r}, as Postgres
     * computes it from substrings.
     */
    private static String overlay(Object[] v) {
        String s = v[0].toString();
        String r = v[1].toString();
        int[] cps = s.codePoints().toArray();
        long start = ((Number) v[2]).longValue();
        long count = v.length > 3 ? ((Number) v[3]).longValue() : r.codePointCount(0, r.length());
        if (start < 1 || count < 0) {
            throw new BlueshiftException(ErrorCode.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        int head = (int) Math.min(cps.length, start - 1);
        int tail = (int) Math.min(cps.length, start - 1 + count);
        return new String(cps, 0, head) + r + new String(cps, tail, cps.length - tail);
    }

    private static Object initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            sb.appendCodePoint(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetterOrDigit(c);
            i += Character.charCount(c);
        }
        return sb.toString();
    }

    private static Object round(Object[] v, SqlType type, RoundingMode mode) {
        int digits = v.length > 1 ? ((Number) v[1]).intValue() : 0;
        if (v[0] instanceof Double || v[0] instanceof Float) {
            double x = ((Number) v[0]).doubleValue();
            if (!Double.isFinite(x)) {
                return x; // round('NaN'::float8) and round of an infinity are themselves, as in Postgres
            }
            if (digits == 0) {
                // Postgres rounds double precision half to even (rint); trunc drops the fraction
                return mode == RoundingMode.DOWN ? (x < 0 ? Math.ceil(x) : Math.floor(x)) : Math.rint(x);
            }
            BigDecimal d = BigDecimal.valueOf(x).setScale(digits, mode);
            return d.doubleValue();
        }
        return ((BigDecimal) Conversions.convert(v[0], SqlType.decimal(38, Math.max(0, digits + 1) > 37 ? 37 : 20)))
                .setScale(digits, mode);
    }

    private static RowExpr.Fn floorCeil(String name, List<Expr> args) {
        boolean floor = name.equals("floor");
        if (args.size() == 2) {
            return v -> dateTrunc(v[1].toString(), v[0], !floor);
        }
        return v -> {
            if (v[0] instanceof BigDecimal d) {
                return d.setScale(0, floor ? RoundingMode.FLOOR : RoundingMode.CEILING);
            }
            if (v[0] instanceof Double || v[0] instanceof Float) {
                return floor ? Math.floor(num(v[0])) : Math.ceil(num(v[0]));
            }
            return v[0];
        };
    }

    /** date_trunc: the value cut to the start of its unit (or, for CEIL, rounded up to the next one). */
    static Object dateTrunc(String unit, Object value, boolean ceil) {
        LocalDateTime t = (LocalDateTime) Conversions.convert(value, SqlType.TIMESTAMP);
        LocalDateTime r = switch (unit.toLowerCase(Locale.ROOT)) {
            case "microsecond", "microseconds" -> t;
            case "millisecond", "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second", "seconds" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute", "minutes" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour", "hours" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day", "days" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week", "weeks" -> t.truncatedTo(ChronoUnit.DAYS).minusDays(t.getDayOfWeek().getValue() - 1);
            case "month", "months" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter", "quarters" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
            case "year", "years" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case "decade" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(t.getYear() / 10 * 10);
            default -> throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "unit \"" + unit + "\" not recognized");
        };
        if (value instanceof LocalDate) {
            return r.toLocalDate();
        }
        return r;
    }

    /** EXTRACT / date_part of a date, time, timestamp or interval. */
    static Object extract(String unit, Object value) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (value instanceof Interval i) {
            return switch (u) {
                case "year", "years" -> (long) i.months() / 12;
                case "month", "months" -> (long) i.months() % 12;
                case "day", "days" -> (long) i.days();
                case "hour", "hours" -> i.micros() / 3_600_000_000L;
                case "minute", "minutes" -> i.micros() / 60_000_000L % 60;
                case "epoch" -> i.months() * 30L * 86400 + i.days() * 86400L + i.micros() / 1_000_000;
                default -> i.micros() / 1_000_000 % 60;
            };
        }
        if (value instanceof LocalTime t) {
            value = LocalDate.EPOCH.atTime(t);
        }
        LocalDateTime t = (LocalDateTime) Conversions.convert(value, SqlType.TIMESTAMP);
        return switch (u) {
            case "year", "years" -> (long) t.getYear();
            case "month", "months" -> (long) t.getMonthValue();
            case "day", "days" -> (long) t.getDayOfMonth();
            case "hour", "hours" -> (long) t.getHour();
            case "minute", "minutes" -> (long) t.getMinute();
            case "second", "seconds" -> t.getSecond() + t.getNano() / 1e9;
            case "quarter" -> (long) (t.getMonthValue() - 1) / 3 + 1;
            case "week" -> (long) t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "dow" -> (long) t.getDayOfWeek().getValue() % 7;
            case "isodow" -> (long) t.getDayOfWeek().getValue();
            case "doy" -> (long) t.getDayOfYear();
            case "epoch" -> t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
            case "decade" -> (long) t.getYear() / 10;
            case "century" -> (long) (t.getYear() + 99) / 100;
            case "millennium" -> (long) (t.getYear() + 999) / 1000;
            case "microsecond", "microseconds" -> (long) t.getSecond() * 1_000_000 + t.getNano() / 1000;
            case "millisecond", "milliseconds" -> t.getSecond() * 1000 + t.getNano() / 1e6;
            default -> throw new BlueshiftException(ErrorCode.INVALID_PARAMETER_VALUE, "unit \"" + unit + "\" not recognized");
        };
    }

    static Expr constant(Object value, SqlType type) {
        return new LiteralExpr(value, type);
    }

    /** The functions that return the statement's start (fixed per statement, as in Postgres). */
    private static boolean statementTime(String name) {
        return switch (name) {
            case "current_date", "current_timestamp", "now", "getdate", "localtimestamp", "sysdate" -> true;
            default -> false;
        };
    }
}
