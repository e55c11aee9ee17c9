package io.blueshift.sql.parser;

import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.string.TextCheck;
import io.blueshift.sql.api.SqlPositionException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one reader of SQL text's lexical regions, shared by every splitter and every rewrite made
 * before parsing: where a string literal, quoted name, comment or dollar quote starts and ends, so
 * that nothing inside one is taken for code. It follows Postgres' scanner ({@code scan.l}) with
 * {@code standard_conforming_strings} on:
 * <ul>
 *   <li>{@code '...'} with {@code ''} for a quote; a backslash is a plain character;</li>
 *   <li>{@code E'...'} where a backslash escapes the next character ({@code \'}, {@code \\},
 *       {@code \n}, ...), and {@code ''} is a quote too;</li>
 *   <li>{@code U&'...'} (its escapes never hide a quote, so it ends as a plain literal does);</li>
 *   <li>{@code "quoted names"} (and {@code U&"..."}) with {@code ""} for a double quote;</li>
 *   <li>{@code --} comments to the end of the line and {@code /* *}{@code /} comments, which nest;</li>
 *   <li>{@code $$...$$} and {@code $tag$...$tag$} dollar quotes; {@code $1} is a parameter, and a
 *       {@code $} inside a name ({@code a$b}) neither.</li>
 * </ul>
 * A region left open at the end of the text is unterminated: the shell reads that as a statement
 * going on over the next line, the engine and the wire as error 42601.
 *
 * <p>{@link #regionAt}, {@link #skip}, {@link #end} and {@link #unterminated} walk the text without
 * allocating; a consumer that walks it itself calls {@link #skip} at each position and treats the
 * text as code wherever it answers -1. {@link #split} and {@link #firstKeyword} serve the
 * splitters and the routing of statements by their leading words.
 */
public final class SqlScanner {
    /** The kind of text that starts at a position. */
    public enum Region {
        CODE, STRING, ESCAPE_STRING, UNICODE_STRING, QUOTED_NAME, LINE_COMMENT, BLOCK_COMMENT, DOLLAR_QUOTE
    }

    /** One statement of a text split at its top-level semicolons, and where it starts in the text. */
    public record Statement(String text, int offset) {
    }

    private SqlScanner() {
    }

    /** Which region starts at {@code i}; {@link Region#CODE} when it is an ordinary character. */
    public static Region regionAt(CharSequence sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
        switch (c) {
            case '\'' -> {
                return Region.STRING;
            }
            case '"' -> {
                return Region.QUOTED_NAME;
            }
            case '-' -> {
                return next == '-' ? Region.LINE_COMMENT : Region.CODE;
            }
            case '/' -> {
                return next == '*' ? Region.BLOCK_COMMENT : Region.CODE;
            }
            case 'E', 'e' -> {
                return next == '\'' && !continuesWord(sql, i) ? Region.ESCAPE_STRING : Region.CODE;
            }
            case 'U', 'u' -> {
                if (next == '&' && i + 2 < n && !continuesWord(sql, i)) {
                    char quote = sql.charAt(i + 2);
                    return quote == '\'' ? Region.UNICODE_STRING : quote == '"' ? Region.QUOTED_NAME : Region.CODE;
                }
                return Region.CODE;
            }
            case '$' -> {
                return !continuesWord(sql, i) && dollarTagEnd(sql, i) > 0 ? Region.DOLLAR_QUOTE : Region.CODE;
            }
            default -> {
                return Region.CODE;
            }
        }
    }

    /**
     * The end (exclusive) of the literal, quoted name, comment or dollar quote that starts at
     * {@code i}, the end of the text when it is unterminated, or -1 when {@code i} holds code.
     */
    public static int skip(CharSequence sql, int i) {
        Region region = regionAt(sql, i);
        if (region == Region.CODE) {
            return -1;
        }
        int end = end(sql, i, region);
        return end < 0 ? sql.length() : end;
    }

    /**
     * The end (exclusive) of the region {@code region} starting at {@code i}, or -1 when the text
     * ends before it closes.
     */
    public static int end(CharSequence sql, int i, Region region) {
        int n = sql.length();
        switch (region) {
            case CODE -> {
                return i + 1;
            }
            case STRING -> {
                return quoteEnd(sql, i + 1, '\'', false);
            }
            case ESCAPE_STRING -> {
                return quoteEnd(sql, i + 2, '\'', true);
            }
            case UNICODE_STRING -> {
                return quoteEnd(sql, i + 3, '\'', false);
            }
            case QUOTED_NAME -> {
                return sql.charAt(i) == '"' ? quoteEnd(sql, i + 1, '"', false) : quoteEnd(sql, i + 3, '"', false);
            }
            case LINE_COMMENT -> {
                int j = i + 2;
                while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
                    j++;
                }
                return j;
            }
            case BLOCK_COMMENT -> {
                int depth = 1;
                int j = i + 2;
                while (j < n) {
                    char c = sql.charAt(j);
                    if (c == '/' && j + 1 < n && sql.charAt(j + 1) == '*') {
                        depth++;
                        j += 2;
                    } else if (c == '*' && j + 1 < n && sql.charAt(j + 1) == '/') {
                        j += 2;
                        if (--depth == 0) {
                            return j;
                        }
                    } else {
                        j++;
                    }
                }
                return -1;
            }
            case DOLLAR_QUOTE -> {
                int tagLength = dollarTagEnd(sql, i) - i;
                for (int j = i + tagLength; j + tagLength <= n; j++) {
                    if (sql.charAt(j) == '$' && regionMatches(sql, j, i, tagLength)) {
                        return j + tagLength;
                    }
                }
                return -1;
            }
        }
        throw new AssertionError(region);
    }

    /**
     * The start of the first literal, quoted name, comment or dollar quote that the text leaves
     * open, or -1 when every one closes.
     */
    public static int unterminated(CharSequence sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            Region region = regionAt(sql, i);
            if (region == Region.CODE) {
                i++;
                continue;
            }
            int end = end(sql, i, region);
            if (end < 0) {
                return i;
            }
            i = end;
        }
        return -1;
    }

    /**
     * Fails with 42601, at the position Postgres reports, when a literal, quoted name, block
     * comment or dollar quote is left open.
     */
    public static void checkTerminated(String sql) {
        int at = unterminated(sql);
        if (at < 0) {
            return;
        }
        String what = switch (regionAt(sql, at)) {
            case STRING, ESCAPE_STRING, UNICODE_STRING -> "unterminated quoted string";
            case QUOTED_NAME -> "unterminated quoted identifier";
            case BLOCK_COMMENT -> "unterminated /* comment";
            case DOLLAR_QUOTE -> "unterminated dollar-quoted string";
            case CODE, LINE_COMMENT -> throw new AssertionError("closed region reported open at " + at);
        };
        throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, at + 1, null,
                what + " at or near \"" + sql.substring(at) + "\"");
    }

    /**
     * The statements of {@code sql} split at its semicolons outside literals, names, comments and
     * dollar quotes, without their {@code ;} and surrounding whitespace; statements holding only
     * comments are left out, as psql and Postgres drop them.
     */
    public static List<Statement> split(String sql) {
        List<Statement> out = new ArrayList<>();
        int n = sql.length();
        int start = 0;
        int codeStart = -1;
        int codeEnd = -1;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            Region region = regionAt(sql, i);
            int end = region == Region.CODE ? i + 1 : end(sql, i, region);
            if (end < 0) {
                end = n;
            }
            if (region == Region.CODE && c == ';') {
                add(out, sql, start, codeStart, codeEnd, i);
                start = i + 1;
                codeStart = -1;
            } else if (region != Region.LINE_COMMENT && region != Region.BLOCK_COMMENT
                    && !(region == Region.CODE && Character.isWhitespace(c))) {
                if (codeStart < 0) {
                    codeStart = i;
                }
                codeEnd = end;
            }
            i = end;
        }
        add(out, sql, start, codeStart, codeEnd, n);
        return out;
    }

    /**
     * Where a second statement starts in {@code sql} (code after a top-level semicolon, past
     * whitespace and comments), or -1 when it holds one statement with at most trailing
     * semicolons; like {@link #split}, without allocating.
     */
    public static int secondStatement(CharSequence sql) {
        int n = sql.length();
        boolean code = false;
        boolean ended = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            Region region = regionAt(sql, i);
            int end = region == Region.CODE ? i + 1 : end(sql, i, region);
            if (end < 0) {
                end = n;
            }
            if (region == Region.CODE && c == ';') {
                ended = code;
            } else if (region != Region.LINE_COMMENT && region != Region.BLOCK_COMMENT
                    && !(region == Region.CODE && Character.isWhitespace(c))) {
                if (ended) {
                    return i;
                }
                code = true;
            }
            i = end;
        }
        return -1;
    }

    /**
     * {@code sql} with each comment replaced by blanks (its line breaks kept, so positions stay
     * where they were), or {@code sql} itself when it has none. A comment separates tokens
     * wherever whitespace may, as in Postgres; blanking them lets the statement readers that split
     * on whitespace ({@code SET/**}{@code /x = 1}, {@code VACUUM/**}{@code /}) read what the parser reads.
     */
    public static String blankComments(String sql) {
        StringBuilder out = null;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            Region region = regionAt(sql, i);
            if (region == Region.CODE) {
                i++;
                continue;
            }
            int end = end(sql, i, region);
            if (end < 0) {
                break; // left open: kept, for the parser to report
            }
            if (region == Region.LINE_COMMENT || region == Region.BLOCK_COMMENT) {
                if (out == null) {
                    out = new StringBuilder(sql);
                }
                for (int k = i; k < end; k++) {
                    char c = sql.charAt(k);
                    if (c != '\n' && c != '\r') {
                        out.setCharAt(k, ' ');
                    }
                }
            }
            i = end;
        }
        return out == null ? sql : out.toString();
    }

    /** Adds the statement between {@code start} and {@code end} when it holds code; comments around it stay. */
    private static void add(List<Statement> out, String sql, int start, int codeStart, int codeEnd, int end) {
        if (codeStart < 0) {
            return;
        }
        int s = start;
        while (s < codeStart && Character.isWhitespace(sql.charAt(s))) {
            s++;
        }
        int e = end;
        while (e > codeEnd && Character.isWhitespace(sql.charAt(e - 1))) {
            e--;
        }
        out.add(new Statement(sql.substring(s, e), s));
    }

    /**
     * The first word of a statement in lower case, past whitespace, comments and opening
     * parentheses ({@code /* hint *}{@code / (SELECT 1)} gives {@code select}); empty when the
     * statement does not start with a word.
     */
    public static String firstKeyword(String sql) {
        int start = firstKeywordStart(sql);
        return start < 0 ? "" : sql.substring(start, wordEnd(sql, start)).toLowerCase(Locale.ROOT);
    }

    /**
     * Up to {@code max} leading words of a statement in lower case ({@code EXPLAIN ANALYZE SELECT}),
     * past comments and opening parentheses before the first; the words stop at the first
     * character that is neither a word, whitespace nor a comment.
     */
    public static List<String> keywords(String sql, int max) {
        List<String> words = new ArrayList<>();
        int i = firstKeywordStart(sql);
        while (i >= 0 && words.size() < max) {
            int end = wordEnd(sql, i);
            words.add(sql.substring(i, end).toLowerCase(Locale.ROOT));
            i = skipSpaceAndComments(sql, end);
            if (i >= sql.length() || !isWordStart(sql.charAt(i)) || regionAt(sql, i) != Region.CODE) {
                break;
            }
        }
        return words;
    }

    private static int firstKeywordStart(String sql) {
        int i = skipSpaceAndComments(sql, 0);
        while (i < sql.length() && sql.charAt(i) == '(') {
            i = skipSpaceAndComments(sql, i + 1);
        }
        return i < sql.length() && isWordStart(sql.charAt(i)) && regionAt(sql, i) == Region.CODE ? i : -1;
    }

    /** The first position at or after {@code i} that is neither whitespace nor inside a comment. */
    public static int skipSpaceAndComments(CharSequence sql, int i) {
        int n = sql.length();
        while (i < n) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
                continue;
            }
            Region region = regionAt(sql, i);
            if (region != Region.LINE_COMMENT && region != Region.BLOCK_COMMENT) {
                return i;
            }
            int end = end(sql, i, region);
            i = end < 0 ? n : end;
        }
        return n;
    }

    /**
     * The value of the string literal or dollar quote between {@code start} and {@code end}: the
     * quotes removed, {@code ''} read as one quote and, in {@code E'...'}, backslash escapes
     * decoded as Postgres does ({@code \n \t \r \b \f}, octal {@code \ooo}, {@code \xhh},
     * {@code \}{@code uXXXX}, {@code \UXXXXXXXX}; any other escaped character stands for itself).
     * As in Postgres, octal and hex escapes are bytes of the UTF-8 value ({@code E'\303\244'} is
     * {@code ä}), and a value that is not valid UTF-8 or holds NUL is 22021; a Unicode escape of
     * NUL, of a code point past U+10FFFF or of half a surrogate pair is 42601.
     */
    public static String stringValue(CharSequence sql, int start, int end) {
        Region region = regionAt(sql, start);
        switch (region) {
            case DOLLAR_QUOTE -> {
                int tag = dollarTagEnd(sql, start) - start;
                return sql.subSequence(start + tag, end - tag).toString();
            }
            case ESCAPE_STRING -> {
                return escapeStringValue(sql, start, end);
            }
            case STRING, UNICODE_STRING -> {
                StringBuilder value = new StringBuilder(end - start);
                int i = start + (region == Region.STRING ? 1 : 3);
                while (i < end - 1) {
                    char c = sql.charAt(i);
                    if (c == '\'') {
                        value.append('\''); // the first of a doubled quote
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                return region == Region.UNICODE_STRING ? unicodeEscapes(value, start) : value.toString();
            }
            case CODE, QUOTED_NAME, LINE_COMMENT, BLOCK_COMMENT ->
                    throw new IllegalArgumentException("no string literal at " + start);
        }
        throw new AssertionError(region);
    }

    /**
     * The name a {@code U&"..."} quoted name between {@code start} and {@code end} stands for: the
     * quotes removed, {@code ""} read as one quote and its escapes decoded as in a {@code U&'...'}
     * literal, so an escape of NUL, of a code point past U+10FFFF or of half a surrogate pair is
     * 42601, as in Postgres; a NUL never reaches a name.
     */
    public static String unicodeNameValue(CharSequence sql, int start, int end) {
        StringBuilder value = new StringBuilder(end - start);
        int i = start + 3;
        while (i < end - 1) {
            char c = sql.charAt(i);
            value.append(c);
            i += c == '"' ? 2 : 1; // the first of a doubled quote
        }
        return unicodeEscapes(value, start);
    }

    /** An {@code E'...'} value: its characters and escapes as UTF-8 bytes, checked and decoded. */
    private static String escapeStringValue(CharSequence sql, int start, int end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        int i = start + 2;
        while (i < end - 1) {
            char c = sql.charAt(i);
            if (c == '\'') {
                bytes.write('\''); // the first of a doubled quote
                i += 2;
            } else if (c == '\\') {
                i = unescape(sql, i + 1, bytes);
            } else {
                int cp = Character.codePointAt(sql, i);
                writeUtf8(bytes, cp);
                i += Character.charCount(cp);
            }
        }
        return TextCheck.decode(bytes.toByteArray());
    }

    /** Writes the character or byte escaped by the backslash before {@code i}; returns where the literal goes on. */
    private static int unescape(CharSequence sql, int i, ByteArrayOutputStream value) {
        char c = sql.charAt(i);
        switch (c) {
            case 'n' -> value.write('\n');
            case 't' -> value.write('\t');
            case 'r' -> value.write('\r');
            case 'b' -> value.write('\b');
            case 'f' -> value.write('\f');
            case 'x', 'u', 'U' -> {
                int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                int end = i + 1;
                int code = 0;
                while (end < sql.length() && end < i + 1 + digits && Character.digit(sql.charAt(end), 16) >= 0) {
                    code = code * 16 + Character.digit(sql.charAt(end), 16);
                    end++;
                }
                if (end == i + 1) {
                    value.write(c);
                    return i + 1;
                }
                if (c == 'x') {
                    value.write(code);
                    return end;
                }
                if (end != i + 1 + digits || code == 0 || code > Character.MAX_CODE_POINT) {
                    throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, i, null, "invalid Unicode escape value");
                }
                if (Character.isHighSurrogate((char) code) && code <= 0xFFFF) {
                    int low = surrogateEscape(sql, end);
                    if (low < 0) {
                        throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, i, null, "invalid Unicode surrogate pair");
                    }
                    writeUtf8(value, Character.toCodePoint((char) code, (char) low));
                    return end + (sql.charAt(end + 1) == 'u' ? 6 : 10);
                }
                if (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE) {
                    throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, i, null, "invalid Unicode surrogate pair");
                }
                writeUtf8(value, code);
                return end;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = i;
                    int code = 0;
                    while (end < sql.length() && end < i + 3 && sql.charAt(end) >= '0' && sql.charAt(end) <= '7') {
                        code = code * 8 + sql.charAt(end) - '0';
                        end++;
                    }
                    value.write(code & 0xFF);
                    return end;
                }
                int cp = Character.codePointAt(sql, i);
                writeUtf8(value, cp);
                return i + Character.charCount(cp);
            }
        }
        return i + 1;
    }

    /** The low surrogate a {@code \}{@code uDC00} or {@code \U0000DC00} escape at {@code i} writes, or -1. */
    private static int surrogateEscape(CharSequence sql, int i) {
        if (i + 1 >= sql.length() || sql.charAt(i) != '\\' || (sql.charAt(i + 1) != 'u' && sql.charAt(i + 1) != 'U')) {
            return -1;
        }
        int digits = sql.charAt(i + 1) == 'u' ? 4 : 8;
        if (i + 2 + digits > sql.length()) {
            return -1;
        }
        int code = 0;
        for (int k = i + 2; k < i + 2 + digits; k++) {
            int d = Character.digit(sql.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            code = code * 16 + d;
        }
        return code >= Character.MIN_LOW_SURROGATE && code <= Character.MAX_LOW_SURROGATE ? code : -1;
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
    }

    /**
     * A {@code U&'...'} value with its {@code \XXXX}, {@code \+XXXXXX} and {@code \\} escapes
     * decoded; a surrogate pair may be written as two escapes, as Postgres allows. Errors point at
     * the literal, which starts at {@code start}.
     */
    private static String unicodeEscapes(CharSequence raw, int start) {
        StringBuilder out = new StringBuilder(raw.length());
        int position = start + 1;
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                i++;
            } else if (raw.charAt(i + 1) == '\\') {
                out.append('\\');
                i += 2;
            } else {
                int digits = raw.charAt(i + 1) == '+' ? 6 : 4;
                int from = i + (digits == 6 ? 2 : 1);
                if (from + digits > raw.length()) {
                    throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, position, null, "invalid Unicode escape");
                }
                int code = 0;
                for (int k = from; k < from + digits; k++) {
                    int d = Character.digit(raw.charAt(k), 16);
                    if (d < 0) {
                        throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, position, null, "invalid Unicode escape");
                    }
                    code = code * 16 + d;
                }
                if (code == 0 || !Character.isValidCodePoint(code)) {
                    throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, position, null, "invalid Unicode escape value");
                }
                boolean surrogate = code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE;
                if (surrogate && !(Character.isHighSurrogate((char) code) && lowSurrogateFollows(raw, from + digits))) {
                    throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, position, null, "invalid Unicode surrogate pair");
                }
                out.append((char) code);
                if (surrogate) {
                    out.append((char) Integer.parseInt(raw.subSequence(from + digits + 1, from + digits + 5).toString(), 16));
                    i = from + digits + 5;
                } else {
                    out.setLength(out.length() - 1);
                    out.appendCodePoint(code);
                    i = from + digits;
                }
            }
        }
        return out.toString();
    }

    /** Whether a {@code \XXXX} escape of a low surrogate starts at {@code i} of a {@code U&} value. */
    private static boolean lowSurrogateFollows(CharSequence raw, int i) {
        if (i + 5 > raw.length() || raw.charAt(i) != '\\') {
            return false;
        }
        int code = 0;
        for (int k = i + 1; k < i + 5; k++) {
            int d = Character.digit(raw.charAt(k), 16);
            if (d < 0) {
                return false;
            }
            code = code * 16 + d;
        }
        return code >= Character.MIN_LOW_SURROGATE && code <= Character.MAX_LOW_SURROGATE;
    }

    /** The end (exclusive) of the {@code $n} parameter at {@code i}, or -1 when none starts there. */
    public static int parameterEnd(CharSequence sql, int i) {
        int n = sql.length();
        if (sql.charAt(i) != '$' || i + 1 >= n || !isDigit(sql.charAt(i + 1)) || continuesWord(sql, i)) {
            return -1;
        }
        int j = i + 1;
        while (j < n && isDigit(sql.charAt(j))) {
            j++;
        }
        return j;
    }

    /** Whether {@code c} may start an unquoted name or keyword. */
    public static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /** Whether {@code c} may continue an unquoted name or keyword. */
    public static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The end of the unquoted word starting at {@code i}. */
    public static int wordEnd(CharSequence sql, int i) {
        while (i < sql.length() && isWordPart(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether the character at {@code i} continues a name or number ({@code a$b}, {@code x1e'}). */
    private static boolean continuesWord(CharSequence sql, int i) {
        return i > 0 && isWordPart(sql.charAt(i - 1));
    }

    /** The end (exclusive) of the {@code $tag$} or {@code $$} at {@code i}, or -1 when none starts there. */
    private static int dollarTagEnd(CharSequence sql, int i) {
        int n = sql.length();
        int j = i + 1;
        if (j < n && isWordStart(sql.charAt(j))) {
            j++;
            while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
        }
        return j < n && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static int quoteEnd(CharSequence sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean regionMatches(CharSequence sql, int at, int from, int length) {
        for (int k = 0; k < length; k++) {
            if (sql.charAt(at + k) != sql.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
