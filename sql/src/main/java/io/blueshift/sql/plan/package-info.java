/**
 * From statement text to an optimized logical plan: Calcite's parser, validator and
 * Blueshift's own rewrite rules, type system and metadata ({@link io.blueshift.sql.plan.SqlFrontEnd}).
 */
package io.blueshift.sql.plan;
