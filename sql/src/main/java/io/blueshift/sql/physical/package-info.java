/**
 * The physical planner: maps Calcite's optimized relational tree onto executor operators,
 * translates row expressions into vectorized ones, folds constants with the engine's own
 * expressions and turns filters into zone-map ranges for scans.
 */
package io.blueshift.sql.physical;
