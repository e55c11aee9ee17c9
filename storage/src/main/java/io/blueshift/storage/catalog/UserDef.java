package io.blueshift.storage.catalog;

/**
 * A database user (a Redshift user, a Postgres role that can log in). Passwords are never kept:
 * {@code scram} is the SCRAM-SHA-256 verifier ({@code SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey},
 * as Postgres stores it) and {@code md5} is {@code md5} + hex(md5(password + name)), which MD5
 * authentication needs (null when the user has no password).
 */
public record UserDef(String name, boolean superuser, String scram, String md5) {
    public boolean hasPassword() {
        return scram != null;
    }
}
