package io.blueshift.sql.files;

import io.blueshift.sql.ddl.CopyOptions;
import java.util.List;

/**
 * Rows as delimited text or CSV, for UNLOAD's files and the wire's COPY TO STDOUT: a value is
 * appended to a line with the delimiter before it, NULL as the NULL text, and quoted (CSV) or
 * escaped (text) where it would otherwise read back as something else.
 *
 * <p>The two callers differ only in text escapes and in when CSV quotes, which {@link Style}
 * names: Postgres' COPY escapes every backslash, control character it has a letter for (newline,
 * carriage return, tab, backspace, form feed, vertical tab) and delimiter in text and quotes a CSV value equal to the NULL text; Redshift's UNLOAD escapes a text value only
 * when it holds the delimiter or a newline (as its ESCAPE reads them back), quotes an empty CSV
 * value only when NULL is written empty, and quotes everything with ADDQUOTES.
 */
public final class DelimitedWriter {
    /** Whose rules decide escapes and quotes. */
    public enum Style { POSTGRES, REDSHIFT }

    private final boolean csv;
    private final char delimiter;
    private final char quote;
    private final char escape;
    private final String nullText;
    private final boolean quoteAll;
    private final Style style;

    public DelimitedWriter(boolean csv, char delimiter, char quote, char escape, String nullText, boolean quoteAll, Style style) {
        this.csv = csv;
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
        this.nullText = nullText;
        this.quoteAll = quoteAll;
        this.style = style;
    }

    /** COPY TO STDOUT's writer: Postgres' rules with the statement's options. */
    public static DelimitedWriter of(CopyOptions o) {
        return new DelimitedWriter(o.csv(), (char) o.delimiter(), (char) o.quote(), (char) o.escape(), o.nullText(), false,
                Style.POSTGRES);
    }

    /** The header line: the names as values, then the line end. */
    public void header(StringBuilder line, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            value(line, i, names.get(i));
        }
        line.append('\n');
    }

    /** Appends the value of column {@code column} of a line (its delimiter first unless it is the first); null is NULL. */
    public void value(StringBuilder line, int column, String value) {
        if (column > 0) {
            line.append(delimiter);
        }
        if (value == null) {
            line.append(nullText);
        } else if (csv) {
            csv(line, value);
        } else if (style == Style.POSTGRES) {
            postgresText(line, value);
        } else {
            redshiftText(line, value);
        }
    }

    private void csv(StringBuilder line, String value) {
        boolean special = quoteAll || value.indexOf(delimiter) >= 0 || value.indexOf(quote) >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (style == Style.POSTGRES ? value.equals(nullText) : value.isEmpty() && nullText.isEmpty());
        if (!special) {
            line.append(value);
            return;
        }
        line.append(quote);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == quote || ch == escape) {
                line.append(escape);
            }
            line.append(ch);
        }
        line.append(quote);
    }

    private void postgresText(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                case 0x0B -> line.append("\\v");
                default -> {
                    if (ch == delimiter) {
                        line.append('\\');
                    }
                    line.append(ch);
                }
            }
        }
    }

    private void redshiftText(StringBuilder line, String value) {
        if (value.indexOf(delimiter) < 0 && value.indexOf('\n') < 0) {
            line.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == delimiter || ch == '\n') {
                line.append('\\');
            }
            line.append(ch);
        }
    }
}
