package io.blueshift.server.shell;

import org.jline.utils.WCWidth;

/** Terminal column widths of text, so that tables with wide (CJK) characters stay aligned. */
final class TextWidth {
    private TextWidth() {
    }

    static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += Math.max(0, WCWidth.wcwidth(codePoint));
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /** The widest line of a value that may hold line breaks. */
    static int ofLines(String text) {
        int widest = 0;
        for (String line : text.split("\n", -1)) {
            widest = Math.max(widest, of(line));
        }
        return widest;
    }

    static void pad(StringBuilder out, int count, char c) {
        out.repeat(c, Math.max(0, count));
    }
}
