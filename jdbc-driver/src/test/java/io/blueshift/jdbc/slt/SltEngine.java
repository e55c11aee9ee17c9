package io.blueshift.jdbc.slt;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An engine the sqllogictest files run against.
 *
 * @param name the name {@code skipif}/{@code onlyif} lines use: blueshift, duckdb or postgres
 * @param connections opens a connection to a fresh, empty database; each file gets its own
 * @param reportsSqlState whether the engine's errors carry SQLSTATEs worth checking; when false,
 *     {@code statement error 22012} only checks that an error happened
 */
public record SltEngine(String name, Connector connections, boolean reportsSqlState) {
    public SltEngine {
        if (!SltParser.ENGINES.contains(name)) {
            throw new IllegalArgumentException("unknown engine " + name + "; the files know " + SltParser.ENGINES);
        }
    }

    /** Opens a connection to a fresh database. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }
}
