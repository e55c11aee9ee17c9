package io.blueshift.kernels.string;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one check every text value passes where it enters Blueshift (SQL text, bind parameters,
 * COPY and file readers): well-formed UTF-8 without NUL, as a Postgres database in the UTF8
 * encoding requires. Well-formed is Unicode's definition, which Postgres' {@code pg_utf8_islegal}
 * also applies: no stray continuation bytes, no truncated or overlong sequences, no encoded
 * surrogates and nothing past U+10FFFF. A value that fails is 22021 with Postgres' message,
 * {@code invalid byte sequence for encoding "UTF8": 0xe6 0x97 0x41}, naming the bytes of the
 * sequence that broke (as many as its lead byte announces, within the value).
 *
 * <p>The byte checks allocate nothing and take one comparison per ASCII byte, so loaders call
 * them on every field.
 */
public final class TextCheck {
    private TextCheck() {
    }

    /**
     * The position of the first byte in {@code [from, to)} of {@code b} that does not start a
     * well-formed, non-NUL character, or -1 where the whole range is valid.
     */
    public static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            int len = validLength(b, i, to);
            if (len == 0) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    /** Fails with 22021 unless {@code [from, to)} of {@code b} is well-formed UTF-8 without NUL. */
    public static void check(byte[] b, int from, int to) {
        int bad = firstInvalid(b, from, to);
        if (bad >= 0) {
            throw invalid(b, bad, to);
        }
    }

    /** {@code [from, to)} of {@code b} as a string, after {@link #check(byte[], int, int)}. */
    public static String decode(byte[] b, int from, int to) {
        check(b, from, to);
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** {@code b} as a string, after {@link #check(byte[], int, int)}. */
    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /**
     * Fails with 22021 where {@code s} holds NUL or half of a surrogate pair (which UTF-8 cannot
     * encode; the message names the three bytes a careless encoder would write for it), as a
     * value given as Java text (a JDBC parameter, a decoded JSON string) would be refused by
     * Postgres once encoded.
     */
    public static void check(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw invalidText("0x00");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw invalidText(String.format(Locale.ROOT, "0x%02x 0x%02x 0x%02x",
                        0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
            }
        }
    }

    /**
     * Replaces, in place, every byte of {@code [from, to)} of {@code b} that is not part of a
     * well-formed, non-NUL character with {@code replacement} (an ASCII byte), as Redshift's COPY
     * ACCEPTINVCHARS does: the value keeps its length in bytes. Returns how many bytes it replaced.
     */
    public static int replaceInvalid(byte[] b, int from, int to, byte replacement) {
        int replaced = 0;
        int i = from;
        while (i < to) {
            if (b[i] > 0) {
                i++;
                continue;
            }
            int len = validLength(b, i, to);
            if (len == 0) {
                b[i++] = replacement;
                replaced++;
            } else {
                i += len;
            }
        }
        return replaced;
    }

    /** Postgres' error for the invalid sequence at {@code at}, reading no further than {@code to}. */
    public static BlueshiftException invalid(byte[] b, int at, int to) {
        int len = Math.min(Math.max(1, announcedLength(b[at])), to - at);
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                bytes.append(' ');
            }
            bytes.append("0x").append(Character.forDigit((b[at + i] >> 4) & 0xF, 16))
                    .append(Character.forDigit(b[at + i] & 0xF, 16));
        }
        return invalidText(bytes.toString());
    }

    private static BlueshiftException invalidText(String bytes) {
        return new BlueshiftException(ErrorCode.CHARACTER_NOT_IN_REPERTOIRE,
                "invalid byte sequence for encoding \"UTF8\": " + bytes);
    }

    /** The sequence length a lead byte announces (0 for a byte that cannot lead one). */
    private static int announcedLength(byte lead) {
        int u = lead & 0xFF;
        if (u < 0x80) {
            return 1;
        }
        if (u < 0xC0) {
            return 0;
        }
        if (u < 0xE0) {
            return 2;
        }
        return u < 0xF0 ? 3 : u < 0xF8 ? 4 : 0;
    }

    /**
     * The length of the well-formed, non-NUL character at {@code i} (which is below {@code to}),
     * or 0 where none starts there. Table 3-7 of the Unicode standard.
     */
    private static int validLength(byte[] b, int i, int to) {
        int u = b[i] & 0xFF;
        if (u < 0x80) {
            return u == 0 ? 0 : 1;
        }
        if (u < 0xC2) {
            return 0;
        }
        if (u < 0xE0) {
            return i + 1 < to && continuation(b[i + 1]) ? 2 : 0;
        }
        if (u < 0xF0) {
            if (i + 2 >= to) {
                return 0;
            }
            int b1 = b[i + 1] & 0xFF;
            int lo = u == 0xE0 ? 0xA0 : 0x80;
            int hi = u == 0xED ? 0x9F : 0xBF;
            return b1 >= lo && b1 <= hi && continuation(b[i + 2]) ? 3 : 0;
        }
        if (u > 0xF4 || i + 3 >= to) {
            return 0;
        }
        int b1 = b[i + 1] & 0xFF;
        int lo = u == 0xF0 ? 0x90 : 0x80;
        int hi = u == 0xF4 ? 0x8F : 0xBF;
        return b1 >= lo && b1 <= hi && continuation(b[i + 2]) && continuation(b[i + 3]) ? 4 : 0;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
