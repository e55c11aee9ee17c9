/** What an interface sees of a statement: results, their columns, prepared handles, progress and errors. */
package io.blueshift.sql.api;
