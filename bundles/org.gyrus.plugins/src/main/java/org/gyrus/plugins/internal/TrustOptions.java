package org.gyrus.plugins.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gyrus.plugins.TrustPolicy;

/**
 * The arguments of {@code install} and {@code update}: the trust options taken out, the rest kept
 * in order. {@code --trust-unsigned}; {@code --trusted-signers FILE} (fingerprints, one a line).
 */
record TrustOptions(TrustPolicy policy, List<String> rest) {

    /** Parses {@code args}; an {@link IllegalArgumentException} names what is wrong. */
    static TrustOptions parse(List<String> args, Path cwd) {
        boolean unsigned = false;
        Set<String> signers = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--trust-unsigned")) {
                unsigned = true;
            } else if (a.equals("--trusted-signers") || a.startsWith("--trusted-signers=")) {
                String file;
                if (a.contains("=")) {
                    file = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    file = args.get(++i);
                } else {
                    throw new IllegalArgumentException("--trusted-signers needs a file of certificate fingerprints");
                }
                try {
                    signers.addAll(TrustedSigners.read(cwd.resolve(file)));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read the trusted signers file " + file + ": " + e.getMessage());
                }
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                rest.add(a);
            }
        }
        return new TrustOptions(new TrustPolicy(unsigned, Set.copyOf(signers)), List.copyOf(rest));
    }
}
