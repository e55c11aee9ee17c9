package io.blueshift.kernels.string;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The few UTF-8 facts the string kernels need: how long a character is from its lead byte, how
 * to decode one leniently (malformed bytes count as one character each and match no pattern
 * character), and case folding for ILIKE.
 */
final class Utf8 {
    /** The code point reported for a malformed byte; no pattern character equals it. */
    static final int MALFORMED = -1000;

    private Utf8() {
    }

    /** The number of bytes of the character whose lead byte is {@code b} (1 for stray bytes). */
    static int charLength(byte b) {
        int u = b & 0xFF;
        if (u < 0xC0) {
            return 1;
        }
        if (u < 0xE0) {
            return 2;
        }
        return u < 0xF0 ? 3 : 4;
    }

    /**
     * The length in bytes of the character at {@code pos}, never past {@code end}: a truncated
     * sequence counts as one malformed byte.
     */
    static int charLength(MemorySegment data, long pos, long end) {
        int len = charLength(data.get(ValueLayout.JAVA_BYTE, pos));
        return pos + len <= end ? len : 1;
    }

    /** The code point at {@code pos} whose length is {@code len} (from {@link #charLength}). */
    static int decode(MemorySegment data, long pos, int len) {
        int b0 = data.get(ValueLayout.JAVA_BYTE, pos) & 0xFF;
        if (len == 1) {
            return b0 < 0x80 ? b0 : MALFORMED - b0;
        }
        int cp = b0 & (0xFF >>> (len + 1));
        for (int i = 1; i < len; i++) {
            int b = data.get(ValueLayout.JAVA_BYTE, pos + i) & 0xFF;
            if ((b & 0xC0) != 0x80) {
                return MALFORMED - b0;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        return cp;
    }

    /**
     * Simple case folding of one code point, with {@link java.util.Locale#ROOT} rules: upper then
     * lower case, so that for example the long s and the Kelvin sign fold onto ASCII letters, as
     * Unicode's CaseFolding.txt does. The Turkish dotted and dotless i are left alone because
     * simple folding has no entry for them.
     */
    static int fold(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp;
        }
        if (cp == 0x130 || cp == 0x131) {
            return cp;
        }
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** ASCII case folding of one byte (non-ASCII bytes are returned unchanged). */
    static int foldAscii(int b) {
        return b >= 'A' && b <= 'Z' ? b | 0x20 : b;
    }
}
