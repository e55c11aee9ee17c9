/** The {@code jdbc:blueshift:} driver. */
package io.blueshift.jdbc;
