/** Parsing, planning and the {@code Database}/{@code Session} API every interface uses. */
package io.blueshift.sql;
