/**
 * Statement text: the SQL scanner every reader of it goes through ({@link
 * io.blueshift.sql.parser.SqlScanner}: literals, quoted names, comments, dollar quotes), the
 * rewrites in front of Calcite's parser for Postgres' and Redshift's syntax ({@code ::}
 * precedence, {@code DISTINCT ON}, catalog syntax) and the translation of parser errors into
 * SQLSTATEs with positions. It uses nothing of the engine but the error types clients see.
 */
package io.blueshift.sql.parser;
