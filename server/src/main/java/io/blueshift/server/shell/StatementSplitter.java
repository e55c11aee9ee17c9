package io.blueshift.server.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects input lines until a statement ends with a {@code ;} that stands outside string
 * literals, quoted identifiers, dollar quotes and comments, the way psql decides when to send a
 * query. The state survives between lines, so a quote opened on one line may close on a later one.
 * Statements are returned without their terminating {@code ;} and without surrounding whitespace,
 * so error positions reported by the engine point into exactly the text the user sees.
 */
final class StatementSplitter {
    private enum State { NORMAL, SINGLE_QUOTE, ESCAPE_QUOTE, DOUBLE_QUOTE, LINE_COMMENT, BLOCK_COMMENT, DOLLAR_QUOTE }

    private final StringBuilder pending = new StringBuilder();
    private State state = State.NORMAL;
    /** Nesting depth of block comments; Postgres lets them nest. */
    private int commentDepth;
    /** The tag of the open dollar quote, {@code $tag$} or {@code $$}. */
    private String dollarTag;
    /** Where to resume scanning {@link #pending}; everything before it has been classified. */
    private int scanned;
    /** Whether the pending text holds anything besides whitespace and comments. */
    private boolean codeSeen;
    /** Parentheses opened and not yet closed, for the prompt. */
    private int parenDepth;

    /**
     * Adds one line (without its line terminator) and returns the statements it completes, in
     * order; empty statements ({@code ;;}) are dropped.
     */
    List<String> addLine(String line) {
        if (!pending.isEmpty()) {
            pending.append('\n');
        }
        pending.append(line);
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = scanned;
        while (i < pending.length()) {
            char c = pending.charAt(i);
            char next = i + 1 < pending.length() ? pending.charAt(i + 1) : '\0';
            switch (state) {
                case NORMAL -> {
                    if (c == ';') {
                        if (codeSeen) {
                            statements.add(pending.substring(start, i).strip());
                        }
                        codeSeen = false;
                        parenDepth = 0;
                        start = i + 1;
                    } else if (c == '(') {
                        parenDepth++;
                    } else if (c == ')') {
                        parenDepth = Math.max(0, parenDepth - 1);
                    } else if (c == '\'') {
                        state = isEscapeStringPrefix(i) ? State.ESCAPE_QUOTE : State.SINGLE_QUOTE;
                    } else if (c == '"') {
                        state = State.DOUBLE_QUOTE;
                    } else if (c == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                        i++;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        commentDepth = 1;
                        i++;
                    } else if (c == '$' && startsDollarQuote(i)) {
                        dollarTag = pending.substring(i, pending.indexOf("$", i + 1) + 1);
                        state = State.DOLLAR_QUOTE;
                        i += dollarTag.length() - 1;
                    }
                    if (c != ';' && !Character.isWhitespace(c) && state != State.LINE_COMMENT && state != State.BLOCK_COMMENT) {
                        codeSeen = true;
                    }
                }
                // A doubled quote inside a literal reads as an opening quote right after a
                // closing one, which lands in the same state, so it needs no special case.
                case SINGLE_QUOTE -> state = c == '\'' ? State.NORMAL : State.SINGLE_QUOTE;
                case ESCAPE_QUOTE -> {
                    if (c == '\\') {
                        i++; // E'it\'s': a backslash escapes the next character
                    } else if (c == '\'') {
                        state = State.NORMAL;
                    }
                }
                case DOUBLE_QUOTE -> state = c == '"' ? State.NORMAL : State.DOUBLE_QUOTE;
                case LINE_COMMENT -> state = c == '\n' ? State.NORMAL : State.LINE_COMMENT;
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        commentDepth--;
                        i++;
                        if (commentDepth == 0) {
                            state = State.NORMAL;
                        }
                    } else if (c == '/' && next == '*') {
                        commentDepth++;
                        i++;
                    }
                }
                case DOLLAR_QUOTE -> {
                    if (c == '$' && pending.indexOf(dollarTag, i) == i) {
                        i += dollarTag.length() - 1;
                        state = State.NORMAL;
                    }
                }
            }
            i++;
        }
        if (state == State.LINE_COMMENT) {
            state = State.NORMAL; // the line ended, and so did its comment
        }
        pending.delete(0, start);
        scanned = pending.length();
        if (!codeSeen && state == State.NORMAL) {
            // Comments between statements are dropped, as psql does, so they never run alone.
            pending.setLength(0);
            scanned = 0;
        }
        return statements;
    }

    /** Whether the quote at {@code i} opens a Postgres escape string, {@code E'...'}. */
    private boolean isEscapeStringPrefix(int i) {
        if (i == 0 || Character.toUpperCase(pending.charAt(i - 1)) != 'E') {
            return false;
        }
        return i == 1 || !Character.isLetterOrDigit(pending.charAt(i - 2)) && pending.charAt(i - 2) != '_';
    }

    /**
     * A {@code $} opens a dollar quote when it starts {@code $$} or {@code $tag$} with a tag of
     * identifier characters, and does not continue an identifier or a {@code $1} parameter.
     */
    private boolean startsDollarQuote(int i) {
        if (i > 0 && Character.isLetterOrDigit(pending.charAt(i - 1)) || i > 0 && pending.charAt(i - 1) == '_') {
            return false;
        }
        int j = i + 1;
        while (j < pending.length() && (Character.isLetter(pending.charAt(j)) || pending.charAt(j) == '_'
                || j > i + 1 && Character.isDigit(pending.charAt(j)))) {
            j++;
        }
        return j < pending.length() && pending.charAt(j) == '$';
    }

    /** True while an unfinished statement (or an open quote or comment) waits for more lines. */
    boolean hasPending() {
        return codeSeen || state != State.NORMAL;
    }

    /**
     * The character psql puts in its prompt to say what the next line continues: {@code =} for a
     * new statement, {@code -} for more of one, {@code '} {@code "} {@code $} inside a quote,
     * {@code *} inside a comment and {@code (} inside parentheses.
     */
    char promptMarker() {
        return switch (state) {
            case SINGLE_QUOTE, ESCAPE_QUOTE -> '\'';
            case DOUBLE_QUOTE -> '"';
            case DOLLAR_QUOTE -> '$';
            case BLOCK_COMMENT -> '*';
            case NORMAL, LINE_COMMENT -> !codeSeen ? '=' : parenDepth > 0 ? '(' : '-';
        };
    }

    /** The unfinished text, for running what is left when the input ends without a {@code ;}. */
    String pendingText() {
        return pending.toString().strip();
    }

    /** Forgets the unfinished statement, as Ctrl-C does in psql. */
    void reset() {
        pending.setLength(0);
        scanned = 0;
        state = State.NORMAL;
        codeSeen = false;
        parenDepth = 0;
        commentDepth = 0;
        dollarTag = null;
    }
}
