package io.blueshift.sql.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redshift syntax Calcite's parser lacks, rewritten to equivalents of the same length so error
 * positions stay right: {@code APPROXIMATE COUNT(DISTINCT x)} is computed exactly (an exact count
 * is a valid approximation).
 */
public final class RedshiftSyntax {
    private static final Pattern APPROXIMATE = Pattern.compile("(?i)\\bapproximate(\\s+count\\s*\\()");

    private RedshiftSyntax() {
    }

    public static String normalize(String sql) {
        if (sql.toLowerCase(java.util.Locale.ROOT).indexOf("approximate") < 0) {
            return sql;
        }
        Matcher m = APPROXIMATE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, " ".repeat("approximate".length()) + Matcher.quoteReplacement(m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
