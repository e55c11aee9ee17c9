package io.blueshift.sql.session;

import java.util.Locale;

/** The leading keyword of statement text, which picks the command that carries a statement out. */
public final class Words {
    private Words() {
    }

    /** The letters and underscores {@code text} starts with, lower-cased ("" when it starts otherwise). */
    public static String first(String text) {
        int i = 0;
        while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return text.substring(0, i).toLowerCase(Locale.ROOT);
    }
}
