package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.UserDef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password hashes as Postgres keeps them: a SCRAM-SHA-256 verifier (RFC 5802 / 7677; random salt,
 * 4096 PBKDF2 iterations, from which the password cannot be recovered) and the MD5 hash
 * {@code md5(password + user)} that MD5 authentication, the only kind the Redshift JDBC driver
 * speaks, is computed from.
 */
public final class Passwords {
    public static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A parsed verifier: {@code SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey}. */
    public record Scram(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        public static Scram parse(String verifier) {
            String[] parts = verifier.split("[$:]");
            if (parts.length != 5 || !parts[0].equals("SCRAM-SHA-256")) {
                throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            return new Scram(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]), b64.decode(parts[4]));
        }

        @Override
        public String toString() {
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        }
    }

    /** A user with this password (null: none; an {@code md5...} hash as given: MD5 only). */
    public static UserDef user(String name, String password, boolean superuser) {
        if (password == null) {
            return new UserDef(name, superuser, null, null);
        }
        if (isMd5Hash(password)) {
            return new UserDef(name, superuser, null, password.toLowerCase(Locale.ROOT));
        }
        return new UserDef(name, superuser, scramVerifier(password), md5(password, name));
    }

    private static boolean isMd5Hash(String password) {
        return password.length() == 35 && password.startsWith("md5") && password.substring(3).matches("[0-9a-fA-F]{32}");
    }

    public static String scramVerifier(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] salted = saltedPassword(password, salt, ITERATIONS);
        byte[] clientKey = hmac(salted, "Client Key");
        return new Scram(ITERATIONS, salt, sha256(clientKey), hmac(salted, "Server Key")).toString();
    }

    /** {@code md5} followed by the hex MD5 of password + user name, as Postgres stores MD5 passwords. */
    public static String md5(String password, String user) {
        return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    }

    public static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a clear-text password matches a user's stored hashes. */
    public static boolean matches(UserDef user, String password) {
        if (user.scram() != null) {
            Scram s = Scram.parse(user.scram());
            byte[] salted = saltedPassword(password, s.salt(), s.iterations());
            return MessageDigest.isEqual(sha256(hmac(salted, "Client Key")), s.storedKey());
        }
        return user.md5() != null && MessageDigest.isEqual(md5(password, user.name()).getBytes(StandardCharsets.US_ASCII),
                user.md5().getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
