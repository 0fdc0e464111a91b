package org.gyrus.plugins.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.core.runtime.IStatus;

/** p2's statuses as the lines a researcher reads: the planner's and engine's own words, each once. */
final class Explanation {

    private Explanation() {
    }

    /** Every message in {@code status} and its children, depth first, indented by depth, without repeats. */
    static String of(IStatus status) {
        Set<String> lines = new LinkedHashSet<>();
        collect(status, 0, lines);
        return String.join("\n", lines);
    }

    private static void collect(IStatus status, int depth, Set<String> lines) {
        String message = status.getMessage();
        if (message != null && !message.isBlank()) {
            lines.add("  ".repeat(depth) + message.strip());
        }
        if (status.getException() != null && status.getException().getMessage() != null && status.getChildren().length == 0) {
            lines.add("  ".repeat(depth + 1) + status.getException().getMessage().strip());
        }
        for (IStatus child : status.getChildren()) {
            collect(child, depth + 1, lines);
        }
    }
}
