package org.gyrus.io.nodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the I/O nodes. */
final class Nodes {

    private Nodes() {
    }

    /** The path, or an error naming the parameter when it is not set. */
    static Path required(Path p, String label) {
        if (p == null || p.toString().isEmpty()) {
            throw new IllegalArgumentException("The parameter '" + label + "' is not set");
        }
        return p;
    }

    /** The comma-separated names in {@code list}, trimmed, without empty ones. */
    static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
