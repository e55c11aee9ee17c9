/**
 * Rewrites of statement text in front of Calcite's parser for Postgres' and Redshift's syntax
 * ({@code ::} precedence, {@code DISTINCT ON}, catalog syntax) and the translation of parser
 * errors into SQLSTATEs with positions.
 */
package io.blueshift.sql.parser;
