package io.blueshift.kernels.agg;

import io.blueshift.kernels.arith.Int128;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The exact state of an integer or decimal AVG: the 128-bit sum of the unscaled values and the
 * number of rows. States of several batches (or threads) merge with {@link #merge}; the division
 * happens once, at the end.
 */
public record Average(Int128 sum, long count) {
    public Average merge(Average other) {
        return new Average(sum.add(other.sum), count + other.count);
    }

    /**
     * The average of values with scale {@code scale}, rounded half away from zero to
     * {@code resultScale} digits, as Postgres rounds numeric. {@code count} must be positive.
     */
    public BigDecimal toBigDecimal(int scale, int resultScale) {
        return sum.toBigDecimal(scale).divide(BigDecimal.valueOf(count), resultScale, RoundingMode.HALF_UP);
    }
}
