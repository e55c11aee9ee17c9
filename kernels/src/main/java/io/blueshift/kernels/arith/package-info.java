/**
 * Arithmetic kernels: {@code + - * / %} over fixed-width columns and constants, with SQL's
 * overflow and division-by-zero errors.
 *
 * <p>Every kernel computes {@code out[i] = a[i] op b[i]} for all rows, where either operand may be
 * a constant (a {@code null} segment stands for the constant passed beside it). Kernels never see
 * nulls, so they cannot throw for a row that may be null: instead they return {@code true} when
 * some row overflowed or divided by zero, and {@link io.blueshift.kernels.arith.ArithExecutor}
 * then looks again at the valid rows only and throws the first real error. SIMD loops detect
 * errors with lane masks OR-ed across the loop, so the hot path has no per-row branch.
 *
 * <p>Integer semantics are Postgres's: division truncates toward zero, {@code MIN_VALUE / -1}
 * overflows, {@code %} takes the sign of the dividend and {@code MIN_VALUE % -1} is 0. Floating
 * point follows IEEE 754, except that dividing by zero (or -0.0) is an error as in Postgres.
 */
package io.blueshift.kernels.arith;
