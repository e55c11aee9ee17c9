package io.blueshift.sql.files;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Numbers and booleans read straight from a line's bytes, as COPY needs them (no String per value). */
final class FieldParsers {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private FieldParsers() {
    }

    private static BlueshiftException bad(String type, byte[] b, int s, int e) {
        return new BlueshiftException(ErrorCode.INVALID_TEXT_REPRESENTATION, type, new String(b, s, e - s, StandardCharsets.UTF_8));
    }

    /** A whole number, with surrounding blanks allowed; 22P02 for anything else, 22003 past 64 bits. */
    static long parseLong(byte[] b, int s, int e, String type) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int i = s;
        boolean negative = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == e) {
            throw bad(type, b, s, e);
        }
        long v = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw bad(type, b, s, e);
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, type);
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, type);
            }
            v = -v;
        }
        return v;
    }

    /**
     * A decimal as its unscaled 64-bit value at {@code scale}: more fraction digits round half away
     * from zero (as Redshift loads them), more integer digits than {@code precision - scale} are 22003.
     */
    static long parseDecimal(byte[] b, int s, int e, int precision, int scale) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int i = s;
        boolean negative = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long v = 0;
        int intDigits = 0;
        int fracDigits = 0;
        boolean point = false;
        boolean any = false;
        boolean roundUp = false;
        boolean pastScale = false;
        for (; i < e; i++) {
            byte c = b[i];
            if (c == '.' && !point) {
                point = true;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                if ((c == 'e' || c == 'E') && any) {
                    return viaBigDecimal(b, s, e, precision, scale);
                }
                throw bad("numeric", b, s, e);
            }
            any = true;
            if (point) {
                if (fracDigits == scale) {
                    // only the first digit past the scale decides the rounding
                    if (!pastScale) {
                        roundUp = d >= 5;
                        pastScale = true;
                    }
                    continue;
                }
                fracDigits++;
            } else if (v != 0 || d != 0) {
                intDigits++;
            }
            if (intDigits > precision - scale) {
                throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
            }
            v = v * 10 + d;
        }
        if (!any) {
            throw bad("numeric", b, s, e);
        }
        v *= POW10[scale - fracDigits];
        if (roundUp) {
            v++;
            if (v >= POW10[precision]) {
                throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
            }
        }
        return negative ? -v : v;
    }

    private static long viaBigDecimal(byte[] b, int s, int e, int precision, int scale) {
        BigDecimal d = new BigDecimal(new String(b, s, e - s, StandardCharsets.ISO_8859_1))
                .setScale(scale, RoundingMode.HALF_UP);
        if (d.precision() - d.scale() > precision - scale) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
        }
        return d.unscaledValue().longValueExact();
    }

    static boolean parseBoolean(byte[] b, int s, int e) {
        String t = new String(b, s, e - s, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw bad("boolean", b, s, e);
        };
    }
}
