/** Helpers over Arrow vectors and batches: gathering rows, sharing buffers, building vectors from values. */
package io.blueshift.columnar.vector;
