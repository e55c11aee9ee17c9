package io.blueshift.kernels.agg;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Selection;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.arith.Int128;
import java.lang.foreign.MemorySegment;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Ungrouped aggregates of one column of a batch of {@code n} rows, with its Arrow validity
 * ({@code null}: no nulls) and a selection ({@code null}: every row). Nulls are skipped; an
 * aggregate over no non-null selected row is SQL NULL, returned as {@code null} or an empty
 * optional (COUNT is 0 instead). The validity and selection are merged a word at a time into
 * one row bitmap for the kernel, which the SIMD kernel turns into lane masks; with neither, the
 * kernel reads every row without a bitmap. Calls {@link AggKernels}, or {@link AggScalar} when
 * {@link Simd#ENABLED} is false.
 *
 * <p>DECIMAL(p<=18) columns use the long methods: MIN and MAX are the unscaled extremes,
 * {@link #sumDecimal} checks that the sum fits DECIMAL(38), and {@link #avgLong} keeps the exact
 * sum for the caller to divide at the column's scale.
 */
public final class Aggregates {
    private Aggregates() {
    }

    /** The rows to aggregate as a bitmap, or {@code null} when they are all {@code n} rows. */
    static long[] rows(MemorySegment validity, Selection selection, int n) {
        boolean everyRow = selection == null || (selection.isRange() && selection.start() == 0 && selection.count() == n);
        if (everyRow && validity == null) {
            return null;
        }
        int words = Bitmaps.words(n);
        long[] rows = new long[words];
        if (everyRow) {
            Bitmaps.loadValidity(validity, n, rows);
        } else if (selection.isRange()) {
            int start = selection.start();
            int end = start + selection.count();
            for (int w = start >>> 6; w < Bitmaps.words(end); w++) {
                long fromStart = w == start >>> 6 ? -1L << start : -1L;
                rows[w] = fromStart & Bitmaps.tailMask(w, end) & Bitmaps.validityWord(validity, w, n);
            }
        } else {
            int[] positions = selection.positions();
            for (int k = 0, count = selection.count(); k < count; k++) {
                Bitmaps.set(rows, positions[k]);
            }
            if (validity != null) {
                for (int w = 0; w < words; w++) {
                    rows[w] &= Bitmaps.validityWord(validity, w, n);
                }
            }
        }
        return rows;
    }

    private static long count(long[] rows, int n) {
        return rows == null ? n : Bitmaps.cardinality(rows, n);
    }

    /** COUNT(column): the selected rows that are not null. COUNT(*) is the selection's count. */
    public static long count(MemorySegment validity, Selection selection, int n) {
        return count(rows(validity, selection, n), n);
    }

    /** SUM of BIGINT (or unscaled DECIMAL), exact in 128 bits; {@code null} for no row. */
    public static Int128 sumLong(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        if (count(rows, n) == 0) {
            return null;
        }
        return Simd.ENABLED ? AggKernels.sumLong(values, rows, n) : AggScalar.sumLong(values, rows, n);
    }

    /** SUM of unscaled DECIMAL(p<=18) values; 22003 when the sum does not fit DECIMAL(38). */
    public static Int128 sumDecimal(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        Int128 sum = sumLong(values, validity, selection, n);
        return sum == null ? null : sum.checkPrecision(Int128.MAX_PRECISION);
    }

    /** SUM of INTEGER, exact as a long (which Postgres's int4 sum returns). */
    public static OptionalLong sumInt(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.sumInt(values, rows, n) : AggScalar.sumInt(values, rows, n));
    }

    public static OptionalLong sumShort(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.sumShort(values, rows, n) : AggScalar.sumShort(values, rows, n));
    }

    /** SUM of DOUBLE PRECISION; lane order changes the rounding, see the package documentation. */
    public static OptionalDouble sumDouble(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Simd.ENABLED ? AggKernels.sumDouble(values, rows, n) : AggScalar.sumDouble(values, rows, n));
    }

    /** SUM of REAL, accumulated in double. */
    public static OptionalDouble sumFloat(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Simd.ENABLED ? AggKernels.sumFloat(values, rows, n) : AggScalar.sumFloat(values, rows, n));
    }

    public static OptionalLong minLong(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.minLong(values, rows, n) : AggScalar.minLong(values, rows, n));
    }

    public static OptionalLong maxLong(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.maxLong(values, rows, n) : AggScalar.maxLong(values, rows, n));
    }

    public static OptionalLong minInt(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.minInt(values, rows, n) : AggScalar.minInt(values, rows, n));
    }

    public static OptionalLong maxInt(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.maxInt(values, rows, n) : AggScalar.maxInt(values, rows, n));
    }

    public static OptionalLong minShort(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.minShort(values, rows, n) : AggScalar.minShort(values, rows, n));
    }

    public static OptionalLong maxShort(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalLong.empty()
                : OptionalLong.of(Simd.ENABLED ? AggKernels.maxShort(values, rows, n) : AggScalar.maxShort(values, rows, n));
    }

    /** MIN of DOUBLE PRECISION: NaN counts as the largest value, as in Postgres. */
    public static OptionalDouble minDouble(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Simd.ENABLED ? AggKernels.minDouble(values, rows, n) : AggScalar.minDouble(values, rows, n));
    }

    public static OptionalDouble maxDouble(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Simd.ENABLED ? AggKernels.maxDouble(values, rows, n) : AggScalar.maxDouble(values, rows, n));
    }

    public static OptionalDouble minFloat(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Simd.ENABLED ? AggKernels.minFloat(values, rows, n) : AggScalar.minFloat(values, rows, n));
    }

    public static OptionalDouble maxFloat(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        return count(rows, n) == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Simd.ENABLED ? AggKernels.maxFloat(values, rows, n) : AggScalar.maxFloat(values, rows, n));
    }

    /** AVG of BIGINT or unscaled DECIMAL as its exact state; {@code null} for no row. */
    public static Average avgLong(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        long count = count(rows, n);
        return count == 0 ? null
                : new Average(Simd.ENABLED ? AggKernels.sumLong(values, rows, n) : AggScalar.sumLong(values, rows, n), count);
    }

    public static Average avgInt(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        long count = count(rows, n);
        return count == 0 ? null : new Average(Int128.of(
                Simd.ENABLED ? AggKernels.sumInt(values, rows, n) : AggScalar.sumInt(values, rows, n)), count);
    }

    public static Average avgShort(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        long count = count(rows, n);
        return count == 0 ? null : new Average(Int128.of(
                Simd.ENABLED ? AggKernels.sumShort(values, rows, n) : AggScalar.sumShort(values, rows, n)), count);
    }

    /** AVG of DOUBLE PRECISION: the double sum divided by the count. */
    public static OptionalDouble avgDouble(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        long count = count(rows, n);
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(
                (Simd.ENABLED ? AggKernels.sumDouble(values, rows, n) : AggScalar.sumDouble(values, rows, n)) / count);
    }

    public static OptionalDouble avgFloat(MemorySegment values, MemorySegment validity, Selection selection, int n) {
        long[] rows = rows(validity, selection, n);
        long count = count(rows, n);
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(
                (Simd.ENABLED ? AggKernels.sumFloat(values, rows, n) : AggScalar.sumFloat(values, rows, n)) / count);
    }
}
