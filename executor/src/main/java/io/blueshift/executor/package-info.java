/**
 * Physical operators, pipelines and the parallel scheduler; built on {@code columnar} and
 * {@code kernels}. Each operator is a plan ({@link io.blueshift.executor.op.PhysicalOperator},
 * immutable and shared) and a state ({@link io.blueshift.executor.op.Operator}, one per worker).
 */
package io.blueshift.executor;
