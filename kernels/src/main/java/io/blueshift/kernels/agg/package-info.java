/**
 * Ungrouped aggregates (SUM, MIN, MAX, COUNT, AVG) over one column.
 *
 * <p>The kernels ({@link io.blueshift.kernels.agg.AggKernels} and its scalar twin
 * {@link io.blueshift.kernels.agg.AggScalar}) take the column and an optional bitmap of the rows
 * to aggregate; {@link io.blueshift.kernels.agg.Aggregates} builds that bitmap from the validity
 * and the selection a word at a time, so the kernels never look at nulls themselves, and turns
 * "no row" into SQL's NULL result.
 *
 * <p>Integer and decimal sums are exact: 64-bit values are summed as their high and low 32-bit
 * halves in separate long lanes and combined into an {@link io.blueshift.kernels.arith.Int128},
 * so a sum that overflows a long is still right and only a sum beyond DECIMAL(38) is an error.
 * Floating-point sums accumulate doubles in vector lanes, so the order of additions, and with it
 * the last bits of the result, differs from a scalar loop's.
 */
package io.blueshift.kernels.agg;
