package io.blueshift.server.pg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS context, from what Postgres administrators have: a PEM certificate chain and
 * a PEM PKCS#8 private key ({@code server.crt} / {@code server.key}), or a PKCS#12 key store.
 */
public final class Tls {
    private Tls() {
    }

    /** A context from PEM files: the certificate (chain) and its unencrypted PKCS#8 private key (RSA or EC). */
    public static SSLContext fromPem(Path certificate, Path key) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        String pem = Files.readString(key);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(key + " is not an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
        PrivateKey privateKey = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        if (privateKey == null) {
            throw new GeneralSecurityException("cannot read the private key in " + key);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", privateKey, new char[0], chain.toArray(new Certificate[0]));
        return context(store, new char[0]);
    }

    /** A context from a PKCS#12 key store holding the server's key and certificate. */
    public static SSLContext fromKeyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return context(store, password);
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
