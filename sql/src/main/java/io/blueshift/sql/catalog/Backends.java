package io.blueshift.sql.catalog;

import java.time.Instant;
import java.util.List;

/**
 * The connections of a server over a database, for pg_cancel_backend, pg_terminate_backend and
 * pg_stat_activity. An embedded database has none ({@link #NONE}); the wire server installs its own.
 */
public interface Backends {
    /** No connections: every call answers false. */
    Backends NONE = new Backends() {
        @Override
        public boolean cancel(int pid, Principal who) {
            return false;
        }

        @Override
        public boolean terminate(int pid, Principal who) {
            return false;
        }
    };

    /** Cancels the running statement of connection {@code pid} on behalf of {@code who}; false when there is none. */
    boolean cancel(int pid, Principal who);

    /** Ends connection {@code pid} on behalf of {@code who}; false when there is none. */
    boolean terminate(int pid, Principal who);

    /**
     * One connection as pg_stat_activity shows it: {@code state} is Postgres' ({@code active},
     * {@code idle}, {@code idle in transaction}, ...), {@code query} the running or last statement.
     */
    record Activity(int pid, String user, String applicationName, Instant backendStart,
                    Instant queryStart, Instant stateChange, String state, String query) {
    }

    /**
     * The connections now, as {@code who} may see them: the statement text of another user's
     * connection only for a superuser, as in Postgres.
     */
    default List<Activity> activity(Principal who) {
        return List.of();
    }
}
