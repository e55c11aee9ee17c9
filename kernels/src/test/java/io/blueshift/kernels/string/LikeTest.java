package io.blueshift.kernels.string;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LikeTest {
    /** The reference: LIKE translated to a Java regex over code points (ILIKE folds both sides first). */
    private static boolean reference(String pattern, int escape, boolean ci, String value) {
        StringBuilder regex = new StringBuilder();
        int[] cps = pattern.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (cp == escape) {
                cp = cps[++i];
                regex.append(Pattern.quote(fold(Character.toString(cp), ci)));
            } else if (cp == '%') {
                regex.append(".*");
            } else if (cp == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(fold(Character.toString(cp), ci)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(fold(value, ci)).matches();
    }

    private static String fold(String s, boolean ci) {
        if (!ci) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.appendCodePoint(Utf8.fold(cp)));
        return sb.toString();
    }

    private static void check(Arena arena, String[] values, String pattern, int escape, boolean ci, String msg) {
        LikePattern compiled = LikePattern.compile(pattern, escape, ci);
        VarChars col = VarChars.of(arena, values);
        int n = values.length;
        long[] want = new long[Bitmaps.words(n)];
        for (int i = 0; i < n; i++) {
            if (values[i] != null && reference(pattern, escape, ci, values[i])) {
                Bitmaps.set(want, i);
            }
        }
        long[] scalar = new long[want.length];
        long[] simd = new long[want.length];
        long[] executor = new long[want.length];
        LikeScalar.match(compiled, col.offsets(), col.data(), 0, n, scalar);
        LikeKernels.match(compiled, col.offsets(), col.data(), 0, n, simd);
        StringPredicates.like(compiled, col.validity(), col.offsets(), col.data(), n, executor);
        String full = msg + " pattern=" + pattern + " kind=" + compiled.kind() + " ci=" + ci;
        if (col.validity() == null) {
            assertArrayEquals(want, scalar, full);
            assertArrayEquals(want, simd, full);
        }
        assertArrayEquals(want, executor, full);
    }

    @Test
    void randomPatternsMatchRegexReference() {
        long seed = 17;
        Random random = new Random(seed);
        String[] data = {"a", "b", "é", "😀", "K", "k", "\u212A", "ſ", "S"};
        String[] pat = {"a", "b", "é", "😀", "%", "_", "k", "s", "%", "\\%", "\\_"};
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 400; round++) {
                int n = round < 71 ? round : 71 + random.nextInt(600);
                String[] values = VarChars.randomColumn(random, n, data, round % 2 == 0 ? 5 : 90, round % 5 == 0 ? 0.2 : 0);
                String pattern = VarChars.random(random, pat, 5);
                if (round % 4 == 0) {
                    pattern = "%" + VarChars.random(random, data, 3) + "%";
                } else if (round % 4 == 1) {
                    pattern = VarChars.random(random, data, 2) + (round % 8 == 1 ? "%" : "");
                }
                check(arena, values, pattern, '\\', round % 3 == 0, "seed=" + seed + " round=" + round);
            }
        }
    }

    @Test
    void literalRunsBetweenPercentSignsMatchInOrder() {
        String[] values = {"special requests", "requests special", "a special b requests c", "specialrequests",
            "special", "", "xspecial requests", "special requestsx", "spécial requests", "special 😀 requests"};
        try (Arena arena = Arena.ofConfined()) {
            for (String pattern : new String[] {"%special%requests%", "special%requests", "%special%requests",
                "special%requests%", "s%s%s", "%😀%s", "special%%requests", "%a%b%c%"}) {
                check(arena, values, pattern, '\\', false, "segments");
            }
        }
    }

    @Test
    void containsAcrossRowBoundariesAndLongRows() {
        long seed = 19;
        Random random = new Random(seed);
        String[] data = {"x", "y", "xy"};
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {1, 7, 64, 65, 130, 3000}) {
                for (int maxChars : new int[] {1, 3, 200}) {
                    String[] values = VarChars.randomColumn(random, n, data, maxChars, 0);
                    for (String p : new String[] {"%x%", "%xy%", "%yx%", "%xyx%", "%yyyyy%", "%y%"}) {
                        check(arena, values, p, '\\', false, "seed=" + seed + " n=" + n);
                    }
                }
            }
        }
    }

    @Test
    void slicedColumnsWhoseOffsetsDoNotStartAtZero() {
        long seed = 37;
        Random random = new Random(seed);
        String[] data = {"a", "b", "é"};
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 5; n < 140; n += 7) {
                String[] values = VarChars.randomColumn(random, n, data, 6, 0);
                VarChars col = VarChars.of(arena, values);
                int skip = 1 + random.nextInt(4);
                int rows = n - skip;
                for (String p : new String[] {"a%", "%ab%", "%b", "ab", "_é%", "%", "%ab%é%", "ab%b"}) {
                    LikePattern pattern = LikePattern.like(p);
                    long[] want = new long[Bitmaps.words(rows)];
                    for (int i = 0; i < rows; i++) {
                        if (reference(p, '\\', false, values[skip + i])) {
                            Bitmaps.set(want, i);
                        }
                    }
                    long[] scalar = new long[want.length];
                    long[] simd = new long[want.length];
                    LikeScalar.match(pattern, col.offsets().asSlice(4L * skip), col.data(), 0, rows, scalar);
                    LikeKernels.match(pattern, col.offsets().asSlice(4L * skip), col.data(), 0, rows, simd);
                    String msg = "seed=" + seed + " n=" + n + " skip=" + skip + " pattern=" + p;
                    assertArrayEquals(want, scalar, msg);
                    assertArrayEquals(want, simd, msg);
                }
            }
        }
    }

    @Test
    void classifiesPatterns() {
        assertEquals(LikeKind.ALL, LikePattern.like("%%%").kind());
        assertEquals(LikeKind.EXACT, LikePattern.like("abc").kind());
        assertEquals(LikeKind.EXACT, LikePattern.like("").kind());
        assertEquals(LikeKind.PREFIX, LikePattern.like("abc%").kind());
        assertEquals(LikeKind.SUFFIX, LikePattern.like("%abc").kind());
        assertEquals(LikeKind.CONTAINS, LikePattern.like("%%abc%").kind());
        assertEquals(LikeKind.PREFIX, LikePattern.like("50\\%%").kind());
        assertEquals(LikeKind.GENERAL, LikePattern.like("a%c").kind());
        assertEquals(LikeKind.GENERAL, LikePattern.like("a_c").kind());
        assertEquals(LikeKind.PREFIX, LikePattern.ilike("ABC%").kind());
        assertEquals(LikeKind.GENERAL, LikePattern.ilike("É%").kind());
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), LikePattern.ilike("ABC%").literal());
    }

    @Test
    void handComputedMatches() {
        try (Arena arena = Arena.ofConfined()) {
            String[] values = {"é", "ée", "e", "50%", "500", "a_b", "axb", "", "\u212A", "ſ", "ABCdef"};
            assertEquals(0b01100000101L, matches(arena, values, LikePattern.like("_")));
            assertEquals(0b00000000010L, matches(arena, values, LikePattern.like("__")));
            assertEquals(0b00000001000L, matches(arena, values, LikePattern.like("50\\%")));
            assertEquals(0b00000011000L, matches(arena, values, LikePattern.like("50%")));
            assertEquals(0b00000100000L, matches(arena, values, LikePattern.like("a\\_b")));
            assertEquals(0b00001100000L, matches(arena, values, LikePattern.like("a_b")));
            assertEquals(0b00000100000L, matches(arena, values, LikePattern.compile("a#_b", '#', false)));
            assertEquals(0b00000000000L, matches(arena, values, LikePattern.compile("a\\_b", LikePattern.NO_ESCAPE, false)));
            assertEquals(0b00010000000L, matches(arena, values, LikePattern.like("")));
            assertEquals(0b00100000000L, matches(arena, values, LikePattern.ilike("k")));
            assertEquals(0b01000000000L, matches(arena, values, LikePattern.ilike("S")));
            assertEquals(0b10000000000L, matches(arena, values, LikePattern.ilike("abc%")));
            assertEquals(0b10000000000L, matches(arena, values, LikePattern.ilike("%CDE%")));
            assertEquals(0b00000000011L, matches(arena, values, LikePattern.ilike("É%")));
        }
    }

    @Test
    void patternEndingInEscapeIsAnError() {
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> LikePattern.like("abc\\"));
        assertEquals("22025", e.sqlState());
    }

    @Test
    void startsWithEscapesWildcards() {
        try (Arena arena = Arena.ofConfined()) {
            VarChars col = VarChars.of(arena, new String[] {"a%b", "axb", null, "a%", "a\\_b", "a\\x"});
            long[] out = new long[1];
            StringPredicates.startsWith(col.validity(), col.offsets(), col.data(), 6, "a%", out);
            assertEquals(0b001001L, out[0]);
            StringPredicates.startsWith(col.validity(), col.offsets(), col.data(), 6, "a\\_", out);
            assertEquals(0b010000L, out[0]);
            assertEquals(LikeKind.PREFIX, LikePattern.startsWith("a\\_%").kind());
        }
    }

    private static long matches(Arena arena, String[] values, LikePattern pattern) {
        VarChars col = VarChars.of(arena, values);
        long[] scalar = new long[1];
        long[] simd = new long[1];
        LikeScalar.match(pattern, col.offsets(), col.data(), 0, values.length, scalar);
        LikeKernels.match(pattern, col.offsets(), col.data(), 0, values.length, simd);
        assertEquals(scalar[0], simd[0], pattern.toString());
        return scalar[0];
    }
}
