/**
 * What a session keeps between statements and hands back from them: its settings (SET, SHOW,
 * RESET with Postgres' transaction rules) and the result kinds (a streaming query result, a small
 * text result).
 */
package io.blueshift.sql.session;
