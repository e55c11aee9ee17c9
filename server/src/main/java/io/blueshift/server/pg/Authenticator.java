package io.blueshift.server.pg;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.sql.catalog.Passwords;
import io.blueshift.storage.catalog.UserDef;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The authentication exchange after the startup packet: trust, clear-text password, MD5 (salted
 * challenge over the stored {@code md5(password + user)}) or SCRAM-SHA-256 (RFC 5802 / 7677, the
 * server proving it knows the verifier too). An unknown user goes through the same exchange with
 * made-up secrets, so a client cannot tell a wrong name from a wrong password.
 */
final class Authenticator {
    enum Outcome { OK, FAILED, NO_SUCH_USER, GONE }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final PgServer.Auth method;
    private final Catalog catalog;
    private final PgConnection connection;

    Authenticator(PgServer.Auth method, Catalog catalog, PgConnection connection) {
        this.method = method;
        this.catalog = catalog;
        this.connection = connection;
    }

    Outcome authenticate(String name) throws IOException {
        UserDef user = catalog.user(name);
        try {
            if (method == PgServer.Auth.TRUST) {
                return user != null || catalog.users().isEmpty() ? Outcome.OK : Outcome.NO_SUCH_USER;
            }
            boolean ok = switch (method) {
                case PASSWORD -> password(user);
                case MD5 -> user != null && user.md5() == null && user.scram() != null ? scram(user) : md5(user, name);
                default -> scram(user);
            };
            return ok ? Outcome.OK : user == null ? Outcome.NO_SUCH_USER : Outcome.FAILED;
        } catch (EOFException | SocketException e) {
            return Outcome.GONE;
        } catch (IllegalArgumentException | BlueshiftException e) {
            return user == null ? Outcome.NO_SUCH_USER : Outcome.FAILED;
        }
    }

    private PgConnection.Message response() throws IOException {
        PgConnection.Message[] m = new PgConnection.Message[1];
        int type = connection.readMessage(m);
        if (type != 'p') {
            throw new IllegalArgumentException("expected password response, got message type " + type);
        }
        return m[0];
    }

    private boolean password(UserDef user) throws IOException {
        connection.output().begin('R').int32(3).end();
        String given = response().cstring();
        return user != null && Passwords.matches(user, given);
    }

    private boolean md5(UserDef user, String name) throws IOException {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        connection.output().begin('R').int32(5).bytes(salt).end();
        String given = response().cstring();
        if (user == null || user.md5() == null) {
            return false;
        }
        byte[] inner = user.md5().substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] salted = new byte[inner.length + 4];
        System.arraycopy(inner, 0, salted, 0, inner.length);
        System.arraycopy(salt, 0, salted, inner.length, 4);
        String expected = "md5" + Passwords.md5Hex(salted);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean scram(UserDef user) throws IOException {
        Passwords.Scram secret;
        if (user != null && user.scram() != null) {
            secret = Passwords.Scram.parse(user.scram());
        } else {
            byte[] fake = new byte[16];
            RANDOM.nextBytes(fake);
            secret = new Passwords.Scram(Passwords.ITERATIONS, fake, new byte[32], new byte[32]);
        }
        connection.output().begin('R').int32(10).cstring("SCRAM-SHA-256").int8(0).end();
        PgConnection.Message initial = response();
        String mechanism = initial.cstring();
        if (!mechanism.equals("SCRAM-SHA-256")) {
            throw new IllegalArgumentException("client selected an invalid SASL authentication mechanism");
        }
        int length = initial.int32();
        String clientFirst = new String(initial.bytes(length), StandardCharsets.UTF_8);
        // gs2 header: "n,," (no channel binding) or "y,," (client could but thinks we cannot)
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw new IllegalArgumentException("unsupported channel binding");
        }
        int headerEnd = clientFirst.indexOf(',', 2) + 1;
        String gs2Header = clientFirst.substring(0, headerEnd);
        String clientFirstBare = clientFirst.substring(headerEnd);
        String clientNonce = attribute(clientFirstBare, 'r');
        byte[] nonceBytes = new byte[18];
        RANDOM.nextBytes(nonceBytes);
        String nonce = clientNonce + Base64.getEncoder().encodeToString(nonceBytes);
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt()) + ",i=" + secret.iterations();
        connection.output().begin('R').int32(11).bytes(serverFirst.getBytes(StandardCharsets.UTF_8)).end();
        String clientFinal = new String(response().rest(), StandardCharsets.UTF_8);
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new IllegalArgumentException("malformed SCRAM message");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!binding.equals(attribute(withoutProof, 'c')) || !nonce.equals(attribute(withoutProof, 'r')) || proof.length != 32) {
            return false;
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = Passwords.hmac(secret.storedKey(), authMessage);
        byte[] clientKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        if (user == null || !MessageDigest.isEqual(Passwords.sha256(clientKey), secret.storedKey())) {
            return false;
        }
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(Passwords.hmac(secret.serverKey(), authMessage));
        connection.output().begin('R').int32(12).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
        return true;
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new IllegalArgumentException("SCRAM message without " + name);
    }
}
