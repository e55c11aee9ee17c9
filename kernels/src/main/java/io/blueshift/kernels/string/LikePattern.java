package io.blueshift.kernels.string;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A LIKE or ILIKE pattern compiled once per query: {@code %} matches any run of characters,
 * {@code _} exactly one character (one UTF-8 sequence, not one byte), and the escape character
 * (backslash unless told otherwise, none with {@link #NO_ESCAPE}) makes the next character
 * literal. The pattern is classified into a {@link LikeKind} so that the kernels can run a plain
 * byte comparison or search for the common shapes; {@link #matches} is the general matcher and
 * the reference for all of them.
 *
 * <p>ILIKE folds both sides with simple case folding ({@link java.util.Locale#ROOT} rules). Its
 * fast path compares ASCII with ASCII folding and only for rows that are pure ASCII; other rows
 * and non-ASCII patterns take the general path, which folds every code point.
 */
public final class LikePattern {
    /** Passed as the escape character to disable escaping ({@code ESCAPE ''}). */
    public static final int NO_ESCAPE = -1;

    static final int ANY_MANY = -1;
    static final int ANY_ONE = -2;

    private final LikeKind kind;
    private final boolean caseInsensitive;
    private final byte[] literal;
    private final int[] tokens;
    /**
     * For a case-sensitive GENERAL pattern without {@code _}: its literal runs between the
     * {@code %}s in UTF-8, matched by byte search ({@link #matchesSegments}); else null.
     */
    private final byte[][] segments;

    private LikePattern(LikeKind kind, boolean caseInsensitive, byte[] literal, int[] tokens) {
        this.kind = kind;
        this.caseInsensitive = caseInsensitive;
        this.literal = literal;
        this.tokens = tokens;
        this.segments = kind == LikeKind.GENERAL && !caseInsensitive ? segmentsOf(tokens) : null;
    }

    /** The literal runs of a pattern of literals and {@code %}s, or null when it has a {@code _}. */
    private static byte[][] segmentsOf(int[] tokens) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= tokens.length; i++) {
            if (i < tokens.length && tokens[i] == ANY_ONE) {
                return null;
            }
            if (i == tokens.length || tokens[i] == ANY_MANY) {
                if (i > from) {
                    out.add(new String(tokens, from, i - from).getBytes(StandardCharsets.UTF_8));
                }
                from = i + 1;
            }
        }
        return out.toArray(new byte[0][]);
    }

    /** {@code LIKE pattern} with backslash as the escape character. */
    public static LikePattern like(String pattern) {
        return compile(pattern, '\\', false);
    }

    /** {@code ILIKE pattern} with backslash as the escape character. */
    public static LikePattern ilike(String pattern) {
        return compile(pattern, '\\', true);
    }

    /** {@code starts_with(s, prefix)}: a PREFIX pattern whose literal is {@code prefix} verbatim. */
    public static LikePattern startsWith(String prefix) {
        return compile(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", '\\', false);
    }

    /**
     * Compiles a pattern. {@code escape} is a code point or {@link #NO_ESCAPE}.
     *
     * @throws BlueshiftException INVALID_ESCAPE_SEQUENCE (22025) when the pattern ends with the
     *     escape character, as in Postgres
     */
    public static LikePattern compile(String pattern, int escape, boolean caseInsensitive) {
        int[] cps = pattern.codePoints().toArray();
        int[] tokens = new int[cps.length];
        int count = 0;
        boolean anyOne = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            int token;
            if (cp == escape) {
                if (++i == cps.length) {
                    throw new BlueshiftException(ErrorCode.INVALID_ESCAPE_SEQUENCE,
                            "LIKE pattern must not end with escape character");
                }
                token = cps[i];
            } else if (cp == '%') {
                token = ANY_MANY;
            } else if (cp == '_') {
                token = ANY_ONE;
                anyOne = true;
            } else {
                token = cp;
            }
            if (token == ANY_MANY && count > 0 && tokens[count - 1] == ANY_MANY) {
                continue;
            }
            tokens[count++] = caseInsensitive && token >= 0 ? Utf8.fold(token) : token;
        }
        tokens = Arrays.copyOf(tokens, count);
        return classify(tokens, anyOne, caseInsensitive);
    }

    private static LikePattern classify(int[] tokens, boolean anyOne, boolean caseInsensitive) {
        int n = tokens.length;
        boolean lead = n > 0 && tokens[0] == ANY_MANY;
        boolean trail = n > 0 && tokens[n - 1] == ANY_MANY;
        if (n == 1 && lead) {
            return new LikePattern(LikeKind.ALL, caseInsensitive, new byte[0], tokens);
        }
        int from = lead ? 1 : 0;
        int to = trail ? n - 1 : n;
        boolean literalOnly = !anyOne;
        for (int i = from; i < to && literalOnly; i++) {
            literalOnly = tokens[i] != ANY_MANY && (!caseInsensitive || tokens[i] < 0x80);
        }
        if (!literalOnly) {
            return new LikePattern(LikeKind.GENERAL, caseInsensitive, new byte[0], tokens);
        }
        byte[] literal = new String(tokens, from, to - from).getBytes(StandardCharsets.UTF_8);
        LikeKind kind = lead ? (trail ? LikeKind.CONTAINS : LikeKind.SUFFIX) : (trail ? LikeKind.PREFIX : LikeKind.EXACT);
        return new LikePattern(kind, caseInsensitive, literal, tokens);
    }

    public LikeKind kind() {
        return kind;
    }

    public boolean caseInsensitive() {
        return caseInsensitive;
    }

    /** The literal of the fast kinds in UTF-8 (ASCII-folded for ILIKE); empty for ALL and GENERAL. */
    public byte[] literal() {
        return literal.clone();
    }

    byte[] literalBytes() {
        return literal;
    }

    /**
     * Whether the string in {@code data[start, end)} matches, by the general algorithm: a greedy
     * walk that remembers the last {@code %} and retries from one character further on a
     * mismatch, which is linear for patterns with one {@code %} and at worst quadratic.
     */
    public boolean matches(MemorySegment data, long start, long end) {
        int[] pat = tokens;
        int p = 0;
        long s = start;
        int starP = -1;
        long starS = start;
        while (s < end) {
            if (p < pat.length) {
                int t = pat[p];
                if (t == ANY_MANY) {
                    starP = p++;
                    starS = s;
                    continue;
                }
                int len = Utf8.charLength(data, s, end);
                if (t == ANY_ONE) {
                    s += len;
                    p++;
                    continue;
                }
                int cp = Utf8.decode(data, s, len);
                if ((caseInsensitive ? Utf8.fold(cp) : cp) == t) {
                    s += len;
                    p++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            starS += Utf8.charLength(data, starS, end);
            s = starS;
        }
        while (p < pat.length && pat[p] == ANY_MANY) {
            p++;
        }
        return p == pat.length;
    }

    /**
     * The longest literal run of a case-sensitive GENERAL pattern without {@code _} (every
     * matching string contains it), or null.
     */
    public byte[] longestRun() {
        byte[] longest = null;
        if (segments != null) {
            for (byte[] run : segments) {
                if (longest == null || run.length > longest.length) {
                    longest = run;
                }
            }
        }
        return longest;
    }

    /** Whether the string matches a GENERAL pattern: by byte search where it can, else {@link #matches}. */
    boolean matchesGeneral(MemorySegment data, long start, long end) {
        return segments != null ? matchesSegments(data, start, end) : matches(data, start, end);
    }

    /**
     * A pattern of literal runs and {@code %}s: the first run anchored at the start unless the
     * pattern starts with {@code %}, the last at the end unless it ends with one, and each run in
     * between found after the previous one (the leftmost match leaves the most room for the rest).
     * UTF-8 bytes compare as the code points they encode, so no decoding is needed.
     */
    boolean matchesSegments(MemorySegment data, long start, long end) {
        int first = 0;
        int last = segments.length - 1;
        long s = start;
        long e = end;
        if (tokens[0] != ANY_MANY) {
            byte[] head = segments[first++];
            if (e - s < head.length || BytesScalar.mismatch(data, s, head, 0, head.length) >= 0) {
                return false;
            }
            s += head.length;
        }
        if (tokens[tokens.length - 1] != ANY_MANY) {
            byte[] tail = segments[last--];
            if (e - s < tail.length || BytesScalar.mismatch(data, e - tail.length, tail, 0, tail.length) >= 0) {
                return false;
            }
            e -= tail.length;
        }
        for (int k = first; k <= last; k++) {
            byte[] run = segments[k];
            long at = s;
            while (at + run.length <= e && BytesScalar.mismatch(data, at, run, 0, run.length) >= 0) {
                at++;
            }
            if (at + run.length > e) {
                return false;
            }
            s = at + run.length;
        }
        return true;
    }

    /**
     * ILIKE for one row: ASCII folding over the literal when the row is pure ASCII, otherwise the
     * general matcher (a non-ASCII character such as the Kelvin sign may fold onto ASCII).
     */
    boolean matchesFolded(MemorySegment data, long start, long end) {
        for (long i = start; i < end; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) < 0) {
                return matches(data, start, end);
            }
        }
        int m = literal.length;
        long len = end - start;
        return switch (kind) {
            case ALL -> true;
            case EXACT -> len == m && foldedEquals(data, start, m);
            case PREFIX -> len >= m && foldedEquals(data, start, m);
            case SUFFIX -> len >= m && foldedEquals(data, end - m, m);
            case CONTAINS -> foldedContains(data, start, end);
            case GENERAL -> matches(data, start, end);
        };
    }

    private boolean foldedEquals(MemorySegment data, long at, int m) {
        for (int i = 0; i < m; i++) {
            if (Utf8.foldAscii(data.get(ValueLayout.JAVA_BYTE, at + i)) != literal[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean foldedContains(MemorySegment data, long start, long end) {
        for (long at = start; at + literal.length <= end; at++) {
            if (foldedEquals(data, at, literal.length)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "LikePattern[" + kind + (caseInsensitive ? ", ilike" : "") + ", "
                + new String(literal, StandardCharsets.UTF_8) + "]";
    }
}
