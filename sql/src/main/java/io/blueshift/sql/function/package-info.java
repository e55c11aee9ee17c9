/**
 * The function library: the scalar functions of Postgres and Redshift (strings, dates, formats,
 * regular expressions, the catalog functions clients call) as executor expressions.
 */
package io.blueshift.sql.function;
