package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.compare.TriBitmap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code text IN ('a', 'b', ...)} over the UTF-8 bytes of a computed text value, with its
 * constants (not NULL, distinct) compared byte for byte: a row is true when its bytes equal one
 * constant's, NULL when the value is NULL. The value is computed once per batch, where the OR of
 * equalities it stands for would compute it once per constant. TPC-H Q22 filters on
 * {@code substring(c_phone, 1, 2) IN (seven codes)}, which went value by value through Java strings.
 */
public final class StringInExpr implements Expr {
    /** Above this many constants the per-row scan over them costs more than hashing the row would. */
    public static final int MAX_CONSTANTS = 64;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private final Expr value;
    private final List<String> constants;
    private final MemorySegment[] bytes;

    public StringInExpr(Expr value, List<String> constants) {
        this.value = value;
        this.constants = List.copyOf(constants);
        this.bytes = new MemorySegment[constants.size()];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = MemorySegment.ofArray(constants.get(k).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        return Bools.toVector(ctx.memory(), tri(in, ctx), in.rowCount());
    }

    @Override
    public long[] trueBits(Batch in, ExecContext ctx) {
        return tri(in, ctx).trueBits();
    }

    private TriBitmap tri(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        try (FieldVector v = value.eval(in, ctx)) {
            TriBitmap out = new TriBitmap(n);
            out.resize(n);
            long[] trueBits = out.trueBits();
            long[] nullBits = out.nullBits();
            MemorySegment validity = Segs.validity(v);
            MemorySegment offsets = Segs.offsets(v);
            MemorySegment data = Segs.values(v);
            for (int w = 0; w < Bitmaps.words(n); w++) {
                long valid = Bitmaps.validityWord(validity, w, n);
                nullBits[w] = ~valid & Bitmaps.tailMask(w, n);
                long hits = 0;
                for (long rows = valid; rows != 0; rows &= rows - 1) {
                    int bit = Long.numberOfTrailingZeros(rows);
                    int i = (w << 6) + bit;
                    int s = offsets.getAtIndex(INT, i);
                    int length = offsets.getAtIndex(INT, i + 1) - s;
                    for (MemorySegment c : bytes) {
                        if (c.byteSize() == length
                                && MemorySegment.mismatch(data, s, s + length, c, 0, length) < 0) {
                            hits |= 1L << bit;
                            break;
                        }
                    }
                }
                trueBits[w] = hits;
            }
            return out;
        }
    }

    @Override
    public String sql(List<String> columns) {
        StringBuilder list = new StringBuilder();
        for (String c : constants) {
            list.append(list.isEmpty() ? "" : ", ").append(SqlText.quoted(c));
        }
        return SqlText.operand(value, columns) + " IN (" + list + ")";
    }

    @Override
    public String toString() {
        return value + " IN " + constants;
    }
}
