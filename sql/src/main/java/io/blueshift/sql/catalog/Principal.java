package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.UserDef;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;

/**
 * Who runs a statement, as every privilege check asks it. The owner is the process that opened
 * the database (an embedded session, or a server whose database has no users yet and trusts every
 * client): it may do anything. A user is a name the catalog is asked about at each check, so
 * {@code ALTER USER ... NOSUPERUSER} takes effect at once, and a user the catalog does not know
 * (dropped meanwhile, or never created) is denied. {@link #NOBODY} plans statements outside any
 * session and is denied every privilege.
 */
public record Principal(String name, boolean owner) {
    /** No session: denied every privilege. */
    public static final Principal NOBODY = new Principal("", false);

    /** The process that opened the database, under the name its sessions report. */
    public static Principal owner(String name) {
        return new Principal(name, true);
    }

    /** A database user, by name. */
    public static Principal user(String name) {
        return new Principal(name, false);
    }

    /** Whether this is the owner or a superuser the catalog knows now. */
    public boolean isSuperuser(Catalog catalog) {
        if (owner) {
            return true;
        }
        UserDef u = catalog.user(name);
        return u != null && u.superuser();
    }

    /** Fails with 42501 and {@code message} unless {@link #isSuperuser}. */
    public void requireSuperuser(Catalog catalog, String message) {
        if (!isSuperuser(catalog)) {
            throw new BlueshiftException(ErrorCode.INSUFFICIENT_PRIVILEGE, message);
        }
    }

    /**
     * Fails with 42501 unless this principal may read or write files on the server (COPY from and
     * UNLOAD to paths, files queried in place): the owner and superusers may, as in Postgres, where
     * it takes pg_read_server_files.
     */
    public void requireServerFiles(Catalog catalog, String what) {
        requireSuperuser(catalog, "permission denied: " + what + " needs a superuser");
    }

    /** Whether this principal may cancel or end a connection of {@code user}: a superuser any, others their own. */
    public boolean maySignal(Catalog catalog, String user) {
        return isSuperuser(catalog) || (!this.equals(NOBODY) && name.equals(user));
    }
}
