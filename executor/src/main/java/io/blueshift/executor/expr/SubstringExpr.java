package io.blueshift.executor.expr;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.executor.ExecContext;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code substring(s, start [, length])} with a constant start and length, cut from each row's
 * UTF-8 bytes: the row is walked a code point at a time (a lead byte gives the length of its
 * sequence) to the first one the window keeps and on to the last, and those bytes are copied.
 * The window is Postgres': code points {@code start} to {@code start + length - 1}, counted from
 * 1, of which those inside the string (a start before 1 shortens it). A negative length is 22011
 * once a row is not NULL. Text is well-formed UTF-8 wherever it enters ({@code TextCheck}). TPC-H
 * Q22 filters a column on {@code substring(c_phone, 1, 2) IN (...)}, which had gone value by
 * value through Java strings.
 */
public final class SubstringExpr implements Expr {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private final Expr input;
    private final long start;
    /** The code points kept, where the call gives a length ({@link #hasLength}); else to the end of the string. */
    private final long length;
    private final boolean hasLength;
    private final SqlType type;

    public SubstringExpr(Expr input, long start, Long length, SqlType type) {
        this.input = input;
        this.start = start;
        this.hasLength = length != null;
        this.length = hasLength ? length : -1;
        this.type = type;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public FieldVector eval(Batch in, ExecContext ctx) {
        int n = in.rowCount();
        try (FieldVector a = input.eval(in, ctx)) {
            MemorySegment validity = Segs.validity(a);
            MemorySegment offsets = Segs.offsets(a);
            MemorySegment data = Segs.values(a);
            long[] valid = new long[Bitmaps.words(n)];
            boolean any = false;
            for (int w = 0; w < valid.length; w++) {
                valid[w] = Bitmaps.validityWord(validity, w, n);
                any |= valid[w] != 0;
            }
            if (hasLength && length < 0 && any) {
                throw new BlueshiftException(ErrorCode.SUBSTRING_ERROR, "negative substring length not allowed");
            }
            long from = Math.max(start, 1);
            // the first code point past the window (Long.MAX_VALUE: none), in long arithmetic
            long end = !hasLength ? Long.MAX_VALUE : start > Long.MAX_VALUE - length ? Long.MAX_VALUE : start + length;
            int first = n == 0 ? 0 : offsets.getAtIndex(INT, 0);
            int last = n == 0 ? 0 : offsets.getAtIndex(INT, n);
            BaseVariableWidthVector out = (BaseVariableWidthVector) Vectors.allocate(ctx.memory(), type, n);
            try {
                out.allocateNew(Math.max(1, last - first), Math.max(n, 1));
                MemorySegment outOffsets = Segs.offsets(out);
                MemorySegment outData = Segs.values(out);
                int at = 0;
                outOffsets.setAtIndex(INT, 0, 0);
                for (int i = 0; i < n; i++) {
                    if ((valid[i >>> 6] & (1L << i)) != 0) {
                        int s = offsets.getAtIndex(INT, i);
                        int e = offsets.getAtIndex(INT, i + 1);
                        int p = s;
                        long codePoint = 1;
                        while (codePoint < from && p < e) {
                            p += sequenceLength(data.get(ValueLayout.JAVA_BYTE, p));
                            codePoint++;
                        }
                        int q = p;
                        if (end == Long.MAX_VALUE) {
                            q = e;
                        } else {
                            while (codePoint < end && q < e) {
                                q += sequenceLength(data.get(ValueLayout.JAVA_BYTE, q));
                                codePoint++;
                            }
                        }
                        if (q > p) {
                            MemorySegment.copy(data, p, outData, at, q - p);
                            at += q - p;
                        }
                    }
                    outOffsets.setAtIndex(INT, i + 1, at);
                }
                ArithExpr.writeValidity(out, valid, n);
                out.setLastSet(n - 1);
                out.setValueCount(n);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
    }

    /** The bytes of the UTF-8 sequence that starts with {@code lead}. */
    private static int sequenceLength(byte lead) {
        if (lead >= 0) {
            return 1;
        }
        return (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
    }

    @Override
    public String sql(List<String> columns) {
        return "substring(" + input.sql(columns) + ", " + start + (hasLength ? ", " + length : "") + ")";
    }

    @Override
    public String toString() {
        return "substring(" + input + ", " + start + (hasLength ? ", " + length : "") + ")";
    }
}
