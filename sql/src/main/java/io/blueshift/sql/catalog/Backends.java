package io.blueshift.sql.catalog;

/**
 * The connections of a server over a database, for pg_cancel_backend and pg_terminate_backend. An
 * embedded database has none ({@link #NONE}); the wire server installs its own.
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
}
