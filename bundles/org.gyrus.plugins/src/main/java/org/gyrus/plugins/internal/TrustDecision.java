package org.gyrus.plugins.internal;

import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.equinox.p2.core.UIServices;
import org.gyrus.plugins.TrustPolicy;

/**
 * Answers p2's trust check (its CheckTrust phase asks the agent's {@link UIServices}) from a
 * {@link TrustPolicy} instead of a dialog, and remembers what it refused so that the refusal can be
 * explained. p2 verifies the signatures; this only decides whom to trust.
 */
final class TrustDecision extends UIServices {

    private final TrustPolicy policy;
    private final Set<String> trusted;
    private final List<String> refused = new ArrayList<>();

    /**
     * @param policy          the choice given on the command line
     * @param alwaysTrusted   fingerprints the installation trusts anyway (Gyrus's own signer)
     */
    TrustDecision(TrustPolicy policy, Set<String> alwaysTrusted) {
        this.policy = policy;
        this.trusted = java.util.stream.Stream.concat(policy.trustedSigners().stream(), alwaysTrusted.stream())
                .map(Signers::normalise).collect(Collectors.toSet());
    }

    @Override
    public TrustInfo getTrustInfo(Certificate[][] untrustedChains, String[] unsignedDetail) {
        List<Certificate> accepted = new ArrayList<>();
        if (untrustedChains != null) {
            for (Certificate[] chain : untrustedChains) {
                boolean known = Arrays.stream(chain).anyMatch(c -> trusted.contains(Signers.fingerprint(c)));
                if (known || policy.trustUnsigned()) {
                    accepted.add(chain[0]);
                } else {
                    refused.add("signed by an unknown signer: " + Signers.describe(chain[0]));
                }
            }
        }
        if (unsignedDetail != null && unsignedDetail.length > 0 && !policy.trustUnsigned()) {
            for (String file : unsignedDetail) {
                refused.add("not signed: " + file);
            }
        }
        // Unknown signers that were not accepted make p2 cancel, so passing only the accepted ones is enough.
        boolean allChainsAccepted = untrustedChains == null || accepted.size() == untrustedChains.length;
        return new TrustInfo(allChainsAccepted ? accepted.toArray(Certificate[]::new) : null, false, policy.trustUnsigned());
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location) {
        return null; // no prompts on the command line: a repository that needs a password is unreachable
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
        return null;
    }

    @Override
    public void showInformationMessage(String title, String text, String linkText) {
        // p2's informational pop-ups have no place in a batch command
    }

    /** What was refused, one line per file or signer; empty when nothing was. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** The trust choice recorded with an installed plug-in. */
    String choice() {
        return policy.trustUnsigned() ? "accepted with --trust-unsigned" : "signed by a trusted signer";
    }
}
