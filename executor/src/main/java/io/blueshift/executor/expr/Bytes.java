package io.blueshift.executor.expr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte-order string comparison: UTF-8 unsigned byte order is code-point order (the "C" collation), as the kernels compare. */
final class Bytes {
    private Bytes() {
    }

    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
