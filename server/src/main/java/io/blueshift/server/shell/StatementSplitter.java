package io.blueshift.server.shell;

import io.blueshift.sql.parser.SqlScanner;
import io.blueshift.sql.parser.SqlScanner.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects input lines until a statement ends with a {@code ;} that stands outside string
 * literals, quoted identifiers, dollar quotes and comments (as {@link SqlScanner} reads them), the
 * way psql decides when to send a query. A literal or comment left open at the end of a line goes
 * on over the next ones. Statements are returned without their terminating {@code ;} and without
 * surrounding whitespace, so error positions reported by the engine point into exactly the text
 * the user sees.
 */
final class StatementSplitter {
    private final StringBuilder pending = new StringBuilder();
    /** Where to resume scanning {@link #pending} when nothing is open; everything before it is classified. */
    private int scanned;
    /** Where the literal, name or comment left open starts in {@link #pending}, or -1. */
    private int openStart = -1;
    /** The kind of the region left open; {@link Region#CODE} when none is. */
    private Region open = Region.CODE;
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
        int i = scanned;
        if (openStart >= 0) {
            if (!mayClose(line)) {
                return statements; // a long dollar quote or comment is not rescanned line by line
            }
            i = openStart;
            openStart = -1;
            open = Region.CODE;
        }
        int start = 0;
        int n = pending.length();
        while (i < n) {
            Region region = SqlScanner.regionAt(pending, i);
            if (region != Region.CODE) {
                int end = SqlScanner.end(pending, i, region);
                codeSeen |= region != Region.LINE_COMMENT && region != Region.BLOCK_COMMENT;
                if (end < 0) {
                    openStart = i;
                    open = region;
                    break;
                }
                i = end;
                continue;
            }
            char c = pending.charAt(i);
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
            } else if (!Character.isWhitespace(c)) {
                codeSeen = true;
            }
            i++;
        }
        pending.delete(0, start);
        scanned = pending.length();
        if (openStart >= 0) {
            openStart -= start;
        } else if (!codeSeen) {
            // Comments between statements are dropped, as psql does, so they never run alone.
            pending.setLength(0);
            scanned = 0;
        }
        return statements;
    }

    /** Whether {@code line} could close the region left open: it holds the character that ends it. */
    private boolean mayClose(String line) {
        return switch (open) {
            case STRING, ESCAPE_STRING, UNICODE_STRING -> line.indexOf('\'') >= 0;
            case QUOTED_NAME -> line.indexOf('"') >= 0;
            case BLOCK_COMMENT -> line.contains("*/");
            case DOLLAR_QUOTE -> line.indexOf('$') >= 0;
            case CODE, LINE_COMMENT -> true;
        };
    }

    /** True while an unfinished statement (or an open quote or comment) waits for more lines. */
    boolean hasPending() {
        return codeSeen || openStart >= 0;
    }

    /**
     * The character psql puts in its prompt to say what the next line continues: {@code =} for a
     * new statement, {@code -} for more of one, {@code '} {@code "} {@code $} inside a quote,
     * {@code *} inside a comment and {@code (} inside parentheses.
     */
    char promptMarker() {
        return switch (open) {
            case STRING, ESCAPE_STRING, UNICODE_STRING -> '\'';
            case QUOTED_NAME -> '"';
            case DOLLAR_QUOTE -> '$';
            case BLOCK_COMMENT -> '*';
            case CODE, LINE_COMMENT -> !codeSeen ? '=' : parenDepth > 0 ? '(' : '-';
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
        openStart = -1;
        open = Region.CODE;
        codeSeen = false;
        parenDepth = 0;
    }
}
