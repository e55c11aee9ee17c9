package io.blueshift.sql.commands;

import io.blueshift.sql.session.StatementContext;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.StatusResult;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.sql.catalog.Passwords;
import io.blueshift.storage.catalog.UserDef;
import io.blueshift.sql.ddl.Ddl;

/**
 * CREATE, ALTER and DROP USER. Only a superuser may run them (an embedded session, whose user is
 * not a database user, counts as one); any user may change their own password, as in Redshift.
 * Passwords are turned into hashes here and never stored or logged as given.
 */
final class Users {
    private Users() {
    }

    static Result create(StatementContext session, Ddl.CreateUser u) {
        Catalog catalog = session.catalog();
        requireSuperuser(session, "create users");
        if (catalog.user(u.name()) != null) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_OBJECT, "role \"" + u.name() + "\" already exists");
        }
        catalog.putUser(Passwords.user(u.name(), u.password(), u.superuser()));
        return new StatusResult("CREATE ROLE", -1);
    }

    static Result alter(StatementContext session, Ddl.AlterUser u) {
        Catalog catalog = session.catalog();
        UserDef user = existing(catalog, u.name());
        boolean self = u.name().equals(session.user()) && u.superuser() == null && u.renameTo() == null;
        if (!self) {
            requireSuperuser(session, "alter other users");
        }
        if (u.renameTo() != null) {
            if (catalog.user(u.renameTo()) != null) {
                throw new BlueshiftException(ErrorCode.DUPLICATE_OBJECT, "role \"" + u.renameTo() + "\" already exists");
            }
            catalog.removeUser(u.name());
            // the MD5 hash is salted with the name, so a renamed user keeps only the SCRAM verifier (as in Postgres)
            catalog.putUser(new UserDef(u.renameTo(), user.superuser(), user.scram(), null));
            return new StatusResult("ALTER ROLE", -1);
        }
        boolean superuser = u.superuser() != null ? u.superuser() : user.superuser();
        UserDef changed = u.password() != null ? Passwords.user(user.name(), u.password(), superuser)
                : u.disablePassword() ? new UserDef(user.name(), superuser, null, null)
                : new UserDef(user.name(), superuser, user.scram(), user.md5());
        catalog.putUser(changed);
        return new StatusResult("ALTER ROLE", -1);
    }

    static Result drop(StatementContext session, Ddl.DropUser u) {
        Catalog catalog = session.catalog();
        requireSuperuser(session, "drop users");
        for (String name : u.names()) {
            if (catalog.user(name) == null && !u.ifExists()) {
                throw new BlueshiftException(ErrorCode.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
            }
            if (name.equals(session.user())) {
                throw new BlueshiftException(ErrorCode.OBJECT_IN_USE, "current user cannot be dropped");
            }
        }
        u.names().forEach(catalog::removeUser);
        return new StatusResult("DROP ROLE", -1);
    }

    private static UserDef existing(Catalog catalog, String name) {
        UserDef user = catalog.user(name);
        if (user == null) {
            throw new BlueshiftException(ErrorCode.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        return user;
    }

    private static void requireSuperuser(StatementContext session, String what) {
        session.principal().requireSuperuser(session.catalog(), "permission denied to " + what);
    }
}
