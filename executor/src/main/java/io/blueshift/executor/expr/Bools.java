package io.blueshift.executor.expr;

import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.compare.TriBitmap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Moves SQL booleans between Arrow {@link BitVector}s (value bits + validity bits) and the kernels'
 * {@link TriBitmap} (TRUE bits + NULL bits), a 64-row word at a time.
 */
public final class Bools {
    private Bools() {
    }

    /** The TRUE and NULL bits of a boolean vector of {@code n} rows. */
    public static TriBitmap toTri(FieldVector v, int n) {
        TriBitmap out = new TriBitmap(n);
        out.resize(n);
        long[] t = out.trueBits();
        long[] nulls = out.nullBits();
        MemorySegment data = QueryMemory.segment(v.getDataBuffer());
        MemorySegment validity = v.getNullCount() == 0 ? null : QueryMemory.segment(v.getValidityBuffer());
        int words = Bitmaps.words(n);
        for (int w = 0; w < words; w++) {
            long valid = Bitmaps.validityWord(validity, w, n);
            long bits = Bitmaps.validityWord(data, w, n);
            t[w] = bits & valid;
            nulls[w] = ~valid & Bitmaps.tailMask(w, n);
        }
        return out;
    }

    /** A new boolean vector holding {@code tri}'s {@code n} rows. */
    public static FieldVector toVector(QueryMemory memory, TriBitmap tri, int n) {
        FieldVector out = Vectors.allocate(memory, SqlType.BOOLEAN, n);
        MemorySegment data = QueryMemory.segment(out.getDataBuffer());
        MemorySegment validity = QueryMemory.segment(out.getValidityBuffer());
        long[] t = tri.trueBits();
        long[] nulls = tri.nullBits();
        int words = Bitmaps.words(n);
        int fullWords = n >>> 6;
        for (int w = 0; w < fullWords; w++) {
            data.set(ValueLayout.JAVA_LONG_UNALIGNED, (long) w << 3, t[w]);
            validity.set(ValueLayout.JAVA_LONG_UNALIGNED, (long) w << 3, ~nulls[w]);
        }
        for (int w = fullWords; w < words; w++) {
            long mask = Bitmaps.tailMask(w, n);
            long tw = t[w] & mask;
            long vw = ~nulls[w] & mask;
            for (int b = 0; b < 8 && (w << 6) + (b << 3) < n; b++) {
                data.set(ValueLayout.JAVA_BYTE, ((long) w << 3) + b, (byte) (tw >>> (b << 3)));
                validity.set(ValueLayout.JAVA_BYTE, ((long) w << 3) + b, (byte) (vw >>> (b << 3)));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /** The rows where a boolean vector is TRUE, as positions; returns how many. */
    public static int trueRows(FieldVector v, int n, int[] out) {
        TriBitmap tri = toTri(v, n);
        return Bitmaps.toPositions(tri.trueBits(), n, out);
    }
}
