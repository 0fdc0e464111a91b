package org.gyrus.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Who signed a bundle jar, as the JDK's jar verifier sees it, and certificate fingerprints. */
final class Signers {

    /** What {@link #of} says of a jar (or folder) without a signature. */
    static final String UNSIGNED = "unsigned";

    private Signers() {
    }

    /**
     * The signer of {@code jar}: "CN=..., SHA-256 AB:CD:..." for a jar whose every class and
     * resource is signed by the same certificate, {@link #UNSIGNED} otherwise.
     */
    static String of(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return UNSIGNED;
        }
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            Certificate signer = null;
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading the entry to its end is what makes the verifier check it
                    }
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    return UNSIGNED;
                }
                signer = signers[0].getSignerCertPath().getCertificates().get(0);
            }
            return signer == null ? UNSIGNED : describe(signer);
        } catch (IOException | SecurityException e) {
            return "invalid signature (" + e.getMessage() + ")";
        }
    }

    /** "CN=..., SHA-256 AB:CD:..." for a certificate. */
    static String describe(Certificate certificate) {
        String name = certificate instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : certificate.getType();
        return name + ", SHA-256 " + fingerprint(certificate);
    }

    /** The certificate's SHA-256 fingerprint as upper-case hex pairs joined by colons (keytool's form). */
    static String fingerprint(Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate: " + e.getMessage(), e);
        }
    }

    /** A fingerprint as typed (any case, with or without colons or spaces) in the form {@link #fingerprint} gives. */
    static String normalise(String fingerprint) {
        String hex = fingerprint.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                s.append(':');
            }
            s.append(hex, i, Math.min(i + 2, hex.length()));
        }
        return s.toString();
    }
}
