package io.blueshift.kernels.sort;

/**
 * LSD radix sort of row positions by normalized key words, one byte per pass from the last key
 * byte to the first. It is stable, so rows with equal keys keep their input order. All byte
 * histograms are counted in one pass up front, and a byte that is the same in every row (a
 * constant null flag, the high bytes of small numbers) costs no pass. A pass moves the row
 * position and only the key words that later passes still read.
 */
final class RadixSort {
    private RadixSort() {
    }

    /** The stable order of rows {@code 0..n-1} by {@code words}; the words are not changed. */
    static int[] sort(long[][] words, int keyBytes, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        if (n < 2 || keyBytes == 0) {
            return rows;
        }
        int[][] counts = histograms(words, keyBytes, n);
        long[][] src = words.clone();
        long[][] dst = new long[words.length][];
        int[] rowsDst = new int[n];
        for (int b = keyBytes - 1; b >= 0; b--) {
            int[] count = counts[b];
            if (singleBucket(count, n)) {
                continue;
            }
            int w = b >>> 3;
            int shift = (7 - (b & 7)) << 3;
            for (int v = 0; v <= w; v++) {
                if (dst[v] == null || dst[v] == words[v]) {
                    dst[v] = new long[n];
                }
            }
            int[] next = new int[256];
            for (int d = 0, sum = 0; d < 256; d++) {
                next[d] = sum;
                sum += count[d];
            }
            if (w == 0) {
                scatterOne(src[0], dst[0], rows, rowsDst, next, shift, n);
            } else if (w == 1) {
                scatterTwo(src, dst, rows, rowsDst, next, shift, n);
            } else {
                scatter(src, dst, w, rows, rowsDst, next, shift, n);
            }
            int[] t = rows;
            rows = rowsDst;
            rowsDst = t;
            for (int v = 0; v <= w; v++) {
                long[] s = src[v];
                src[v] = dst[v];
                dst[v] = s == words[v] ? null : s;
            }
        }
        return rows;
    }

    /** A pass over the first key word only, the common case (every pass of an 8-byte key). */
    private static void scatterOne(long[] key, long[] keyDst, int[] rows, int[] rowsDst, int[] next, int shift, int n) {
        for (int i = 0; i < n; i++) {
            long x = key[i];
            int pos = next[(int) (x >>> shift) & 0xFF]++;
            rowsDst[pos] = rows[i];
            keyDst[pos] = x;
        }
    }

    /** A pass over the second key word that carries the first one too (keys of 9 to 16 bytes). */
    private static void scatterTwo(long[][] src, long[][] dst, int[] rows, int[] rowsDst, int[] next, int shift,
                                   int n) {
        long[] first = src[0];
        long[] key = src[1];
        long[] firstDst = dst[0];
        long[] keyDst = dst[1];
        for (int i = 0; i < n; i++) {
            long x = key[i];
            int pos = next[(int) (x >>> shift) & 0xFF]++;
            rowsDst[pos] = rows[i];
            keyDst[pos] = x;
            firstDst[pos] = first[i];
        }
    }

    /** A pass that carries key words {@code 0..w}, reading the byte from word {@code w}. */
    private static void scatter(long[][] src, long[][] dst, int w, int[] rows, int[] rowsDst, int[] next, int shift,
                                int n) {
        long[] key = src[w];
        for (int i = 0; i < n; i++) {
            int pos = next[(int) (key[i] >>> shift) & 0xFF]++;
            rowsDst[pos] = rows[i];
            for (int v = 0; v <= w; v++) {
                dst[v][pos] = src[v][i];
            }
        }
    }

    private static int[][] histograms(long[][] words, int keyBytes, int n) {
        int[][] counts = new int[keyBytes][256];
        for (int w = 0; w < words.length; w++) {
            long[] word = words[w];
            int first = w << 3;
            int bytes = Math.min(8, keyBytes - first);
            for (int i = 0; i < n; i++) {
                long x = word[i];
                for (int b = 0; b < bytes; b++) {
                    counts[first + b][(int) (x >>> ((7 - b) << 3)) & 0xFF]++;
                }
            }
        }
        return counts;
    }

    private static boolean singleBucket(int[] count, int n) {
        for (int c : count) {
            if (c != 0) {
                return c == n;
            }
        }
        return true;
    }
}
