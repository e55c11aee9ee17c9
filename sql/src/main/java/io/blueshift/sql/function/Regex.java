package io.blueshift.sql.function;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular-expression functions (POSIX-style patterns as Java regexes): regexp_replace replaces
 * the first match, or all with the 'g' flag, as in Postgres; 'i' ignores case. Patterns are
 * compiled once and cached.
 */
final class Regex {
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Regex() {
    }

    private static Pattern pattern(String regex, String flags) {
        int f = flags != null && flags.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return CACHE.computeIfAbsent(f + "/" + regex, k -> {
            try {
                return Pattern.compile(regex, f);
            } catch (PatternSyntaxException e) {
                throw new BlueshiftException(ErrorCode.INVALID_REGULAR_EXPRESSION,
                        "invalid regular expression: " + e.getDescription());
            }
        });
    }

    /** Whether a POSIX regular expression ({@code ~}, {@code ~*}) matches somewhere in the string. */
    static boolean find(String s, String regex, String flags) {
        return pattern(regex, flags).matcher(s).find();
    }

    static Object replace(Object[] v) {
        String flags = v.length > 3 && v[3] != null ? v[3].toString() : "";
        Matcher m = pattern(v[1].toString(), flags).matcher(v[0].toString());
        String replacement = v.length > 2 ? v[2].toString().replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1") : "";
        return flags.contains("g") ? m.replaceAll(replacement) : m.replaceFirst(replacement);
    }

    static Object substr(Object[] v) {
        Matcher m = pattern(v[1].toString(), v.length > 4 && v[4] != null ? v[4].toString() : "").matcher(v[0].toString());
        int position = v.length > 2 ? ((Number) v[2]).intValue() : 1;
        int occurrence = v.length > 3 ? ((Number) v[3]).intValue() : 1;
        int found = 0;
        int from = Math.max(0, position - 1);
        while (from <= v[0].toString().length() && m.find(from)) {
            if (++found == occurrence) {
                return m.group();
            }
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return null;
    }

    static Object count(Object[] v) {
        Matcher m = pattern(v[1].toString(), v.length > 3 && v[3] != null ? v[3].toString() : "").matcher(v[0].toString());
        int position = v.length > 2 ? ((Number) v[2]).intValue() : 1;
        long count = 0;
        int from = Math.max(0, position - 1);
        while (from <= v[0].toString().length() && m.find(from)) {
            count++;
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return count;
    }

    static Object instr(Object[] v) {
        Matcher m = pattern(v[1].toString(), "").matcher(v[0].toString());
        return m.find() ? (long) m.start() + 1 : 0L;
    }
}
