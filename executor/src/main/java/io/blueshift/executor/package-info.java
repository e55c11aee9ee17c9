/** Physical operators, pipelines and the parallel scheduler; built on {@code columnar} and {@code kernels}. */
package io.blueshift.executor;
