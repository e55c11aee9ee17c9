package io.blueshift.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A parsed {@code jdbc:blueshift:} URL: the database location ({@code mem:}, {@code mem:name} or a
 * directory, relative or absolute) and the {@code ?key=value&...} properties after it; the
 * properties passed to {@code connect} win over the URL's, as in pgJDBC.
 */
record BlueshiftUrl(String location, Properties properties) {
    static final String PREFIX = "jdbc:blueshift:";

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    static BlueshiftUrl parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("not a Blueshift URL: " + url, "08001");
        }
        String rest = url.substring(PREFIX.length());
        Properties props = new Properties();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                props.setProperty(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, q);
        }
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                props.setProperty(key, info.getProperty(key));
            }
        }
        if (rest.isEmpty()) {
            throw new SQLException("the URL names no database: use " + PREFIX + "mem: or " + PREFIX + "<directory>",
                    "08001");
        }
        return new BlueshiftUrl(rest, props);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
