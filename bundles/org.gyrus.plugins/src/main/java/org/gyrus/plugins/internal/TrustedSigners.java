package org.gyrus.plugins.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import org.osgi.framework.Bundle;

/**
 * Lists of trusted signers: SHA-256 certificate fingerprints, one a line, {@code #} starts a
 * comment. Gyrus trusts its own signer (this bundle's {@code trusted-signers.txt}) and those in the
 * installation's {@code configuration/org.gyrus.plugins/trusted-signers.txt}.
 */
final class TrustedSigners {

    /** Where an installation keeps the signers it trusts beyond Gyrus's own. */
    static final String FILE = "configuration/org.gyrus.plugins/trusted-signers.txt";

    private TrustedSigners() {
    }

    /** The fingerprints in a list's text. */
    static Set<String> parse(String text) {
        Set<String> set = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            String value = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!value.isEmpty()) {
                set.add(Signers.normalise(value));
            }
        }
        return set;
    }

    /** The fingerprints in a list file; a clear message when it cannot be read. */
    static Set<String> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String resource(Bundle bundle, String path) throws IOException {
        java.net.URL url = bundle.getEntry(path);
        if (url == null) {
            return "";
        }
        try (java.io.InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Gyrus's own signer and the installation's list. */
    static Set<String> read(Bundle self, Path install) {
        try {
            Set<String> set = new LinkedHashSet<>(parse(resource(self, "trusted-signers.txt")));
            Path own = install.resolve(FILE);
            if (Files.isRegularFile(own)) {
                set.addAll(read(own));
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list of trusted signers: " + e.getMessage(), e);
        }
    }
}
