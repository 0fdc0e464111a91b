package org.gyrus.workbench.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.RegisteredNode;
import org.gyrus.plugins.Feature;
import org.gyrus.plugins.InstalledPlugin;
import org.gyrus.plugins.PluginException;
import org.junit.jupiter.api.Test;

/** The Plug-ins dialog's table and messages, without a display. */
class PluginRowsTest {

    private static RegisteredNode node(String id, String bundle) {
        return new RegisteredNode(null, NodeDescriptor.builder(id, "1.2.0").name(id).build(), bundle, "1.0.0");
    }

    private static InstalledPlugin plugin(String feature, String trust, InstalledPlugin.PluginBundle... bundles) {
        return new InstalledPlugin(new Feature(feature, "1.0.0.v1", "Lab nodes", "Example Lab"), "file:/repo/", trust, List.of(bundles));
    }

    @Test
    void aRowPerPluginWithItsSignersTrustAndTheNodeTypesOfItsBundles() {
        InstalledPlugin lab = plugin("org.lab.feature", "accepted with --trust-unsigned",
                new InstalledPlugin.PluginBundle("org.lab.a", "1.0.0.v1", "unsigned"),
                new InstalledPlugin.PluginBundle("org.lab.b", "1.0.0.v1", "unsigned"));
        InstalledPlugin other = plugin("org.other.feature", "signed by a trusted signer",
                new InstalledPlugin.PluginBundle("org.other", "2.0.0", "CN=Other, SHA-256 AB:CD"));
        List<RegisteredNode> nodes = List.of(node("org.lab.zeta", "org.lab.b"), node("org.lab.alpha", "org.lab.a"),
                node("org.gyrus.samples.cohort", "org.gyrus.samples"), node("org.lab.alpha", "org.other"));

        List<PluginRows.Row> rows = PluginRows.of(List.of(lab, other), nodes);

        assertEquals(2, rows.size());
        PluginRows.Row first = rows.get(0);
        assertEquals("org.lab.feature", first.id());
        assertEquals("1.0.0.v1", first.version());
        assertEquals("Example Lab", first.provider());
        assertEquals("unsigned", first.signer(), "one signer shown once for all bundles");
        assertEquals("accepted with --trust-unsigned", first.trust());
        assertEquals(List.of("org.lab.alpha 1.2.0", "org.lab.zeta 1.2.0"), first.nodeTypes(), "its bundles' node types, sorted");
        // A clash (same id from another plug-in's bundle) shows under the plug-in that provides it.
        assertEquals(List.of("org.lab.alpha 1.2.0"), rows.get(1).nodeTypes());
        assertEquals("CN=Other, SHA-256 AB:CD", rows.get(1).signer());
    }

    @Test
    void aPluginWhoseBundlesHaveNotStartedHasNoNodeTypesYet() {
        InstalledPlugin lab = plugin("org.lab.feature", null, new InstalledPlugin.PluginBundle("org.lab.a", "1.0.0", "unsigned"));
        PluginRows.Row row = PluginRows.of(List.of(lab), List.of(node("org.gyrus.samples.cohort", "org.gyrus.samples"))).get(0);
        assertTrue(row.nodeTypes().isEmpty());
        assertEquals("", row.trust());
    }

    @Test
    void messagesNameWhatFailedAndLeaveOutTheCommandLineAdvice() {
        String what = PluginMessages.installing(List.of("org.lab.feature"), "/data/repo.zip");
        PluginException refused = new PluginException(PluginException.Kind.UNTRUSTED, "refused to install org.lab.feature: p2 checked the"
                + " signatures and found content nobody trusts:\n  not signed: org.lab.a_1.0.0.jar\nInstall it only if you trust where it"
                + " comes from: add the signer's SHA-256 fingerprint to a file given with --trusted-signers FILE, or accept unsigned and"
                + " unknown content with --trust-unsigned.");
        String consent = PluginMessages.consent(what, refused);
        assertTrue(consent.startsWith("Installing org.lab.feature from /data/repo.zip was refused:"), consent);
        assertTrue(consent.contains("not signed: org.lab.a_1.0.0.jar"), consent);
        assertFalse(consent.contains("--trusted-signers FILE"), "the dialog asks instead of giving options");
        assertTrue(consent.contains("Install it anyway?"), consent);

        PluginException unreachable = new PluginException(PluginException.Kind.BAD_SOURCE, "cannot read a p2 repository at https://x/");
        String failure = PluginMessages.failure(PluginMessages.updating("org.lab.feature"), unreachable);
        assertEquals("Updating org.lab.feature from its repository failed:\n\ncannot read a p2 repository at https://x/\n\n"
                + "The installation was not changed.", failure);
        assertEquals("uninstalling org.lab.feature", PluginMessages.uninstalling("org.lab.feature"));
        assertEquals("updating every plug-in from its repository", PluginMessages.updating(null));
    }
}
