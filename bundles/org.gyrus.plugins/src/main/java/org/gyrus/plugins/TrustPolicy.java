package org.gyrus.plugins;

import java.util.Set;

/**
 * Which content an installation accepts. Signed content whose signer is trusted is always accepted;
 * content that is unsigned, or signed by a signer nobody listed, only with {@code trustUnsigned}.
 *
 * @param trustUnsigned   accept unsigned content and unknown signers ({@code --trust-unsigned})
 * @param trustedSigners  SHA-256 fingerprints of signer certificates to trust, beyond the ones the
 *                        installation trusts already (hex, with or without colons, any case)
 */
public record TrustPolicy(boolean trustUnsigned, Set<String> trustedSigners) {

    /** Trusted signers only: what an installation accepts without being told otherwise. */
    public static TrustPolicy strict() {
        return new TrustPolicy(false, Set.of());
    }
}
