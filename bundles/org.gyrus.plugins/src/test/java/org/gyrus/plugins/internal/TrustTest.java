package org.gyrus.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Set;

import org.eclipse.equinox.p2.core.UIServices.TrustInfo;
import org.gyrus.plugins.TrustPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whom an installation trusts: the answers given to p2's trust check, and how lists and options are read. */
class TrustTest {

    /** The Gyrus test signer's certificate (releng/signing/gyrus-test.p12) and its fingerprint as keytool prints it. */
    private static final String GYRUS_TEST = "86:1E:F2:A8:5D:CE:62:92:88:22:4D:AE:BA:1D:4A:29:CD:09:C7:E5:4B:8B:DC:54:64:98:87:7C:70:8D:CC:FC";

    @TempDir
    Path dir;

    private static Certificate gyrusTestCertificate() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("../../releng/signing/gyrus-test.p12"))) {
            keys.load(in, "gyrus-test".toCharArray());
        }
        return keys.getCertificate("gyrus-test");
    }

    @Test
    void fingerprintsAreKeytoolsAndAnyTypedFormMatches() throws Exception {
        Certificate c = gyrusTestCertificate();
        assertEquals(GYRUS_TEST, Signers.fingerprint(c));
        assertEquals(GYRUS_TEST, Signers.normalise(GYRUS_TEST.replace(":", "").toLowerCase()));
        assertTrue(Signers.describe(c).startsWith("CN=Gyrus test signer (not for releases),O=Gyrus, SHA-256 86:1E:"));
    }

    @Test
    void unsignedContentIsRefusedUnlessTrustUnsignedIsGiven() {
        TrustDecision strict = new TrustDecision(TrustPolicy.strict(), Set.of());
        TrustInfo no = strict.getTrustInfo(null, new String[] {"plugins/x_1.0.0.jar"});
        assertFalse(no.trustUnsignedContent());
        assertEquals(List.of("not signed: plugins/x_1.0.0.jar"), strict.refused());
        assertEquals("signed by a trusted signer", strict.choice());

        TrustDecision lenient = new TrustDecision(new TrustPolicy(true, Set.of()), Set.of());
        assertTrue(lenient.getTrustInfo(null, new String[] {"plugins/x_1.0.0.jar"}).trustUnsignedContent());
        assertEquals(List.of(), lenient.refused());
        assertEquals("accepted with --trust-unsigned", lenient.choice());
    }

    @Test
    void anUnknownSignerIsRefusedAListedOneAccepted() throws Exception {
        Certificate c = gyrusTestCertificate();
        Certificate[][] chains = {{c}};

        TrustDecision unknown = new TrustDecision(TrustPolicy.strict(), Set.of());
        assertNull(unknown.getTrustInfo(chains, null).getTrustedCertificates());
        assertEquals(List.of("signed by an unknown signer: " + Signers.describe(c)), unknown.refused());

        TrustDecision listed = new TrustDecision(new TrustPolicy(false, Set.of(GYRUS_TEST.replace(":", ""))), Set.of());
        assertArrayEquals(new Certificate[] {c}, listed.getTrustInfo(chains, null).getTrustedCertificates());
        assertEquals(List.of(), listed.refused());

        TrustDecision installation = new TrustDecision(TrustPolicy.strict(), Set.of(GYRUS_TEST));
        assertArrayEquals(new Certificate[] {c}, installation.getTrustInfo(chains, null).getTrustedCertificates());
    }

    @Test
    void trustedSignerListsIgnoreCommentsAndBlankLines() throws Exception {
        assertEquals(Set.of(GYRUS_TEST), TrustedSigners.parse("# Gyrus\n\n  " + GYRUS_TEST.toLowerCase() + "  # the test key\n"));
        assertEquals(Set.of(GYRUS_TEST), TrustedSigners.parse(Files.readString(Path.of("trusted-signers.txt"))),
                "the bundle trusts the key Gyrus's build signs with");
    }

    @Test
    void optionsAreTakenOutAndMistakesNamed() throws Exception {
        Files.writeString(dir.resolve("signers.txt"), GYRUS_TEST + "\n");
        TrustOptions o = TrustOptions.parse(List.of("site", "--trusted-signers", "signers.txt", "a.feature", "--trust-unsigned"), dir);
        assertEquals(List.of("site", "a.feature"), o.rest());
        assertTrue(o.policy().trustUnsigned());
        assertEquals(Set.of(GYRUS_TEST), o.policy().trustedSigners());
        assertFalse(TrustOptions.parse(List.of("site"), dir).policy().trustUnsigned());

        assertEquals("unknown option --trust-all",
                assertThrows(IllegalArgumentException.class, () -> TrustOptions.parse(List.of("--trust-all"), dir)).getMessage());
        assertEquals("--trusted-signers needs a file of certificate fingerprints",
                assertThrows(IllegalArgumentException.class, () -> TrustOptions.parse(List.of("site", "--trusted-signers"), dir)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustOptions.parse(List.of("--trusted-signers=none.txt"), dir))
                .getMessage().startsWith("cannot read the trusted signers file none.txt"));
    }
}
