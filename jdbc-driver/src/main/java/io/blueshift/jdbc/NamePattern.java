package io.blueshift.jdbc;

import java.util.regex.Pattern;

/**
 * A {@link java.sql.DatabaseMetaData} name pattern: {@code %} matches any run of characters,
 * {@code _} one character, {@code \} escapes the next one; null matches every name. Names are
 * compared as stored (unquoted identifiers are already lower case), as in pgJDBC.
 */
final class NamePattern {
    private final Pattern regex;

    private NamePattern(Pattern regex) {
        this.regex = regex;
    }

    static NamePattern of(String pattern) {
        if (pattern == null) {
            return new NamePattern(null);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                sb.append(".*");
            } else if (c == '_') {
                sb.append('.');
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new NamePattern(Pattern.compile(sb.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex == null || regex.matcher(name).matches();
    }
}
