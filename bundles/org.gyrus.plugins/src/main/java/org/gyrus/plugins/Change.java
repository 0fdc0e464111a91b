package org.gyrus.plugins;

import java.util.List;

/**
 * What one transaction changed.
 *
 * @param added   features installed (or the new versions of updated ones)
 * @param removed features removed (or the old versions of updated ones)
 */
public record Change(List<Feature> added, List<Feature> removed) {

    /** Whether nothing changed (an update with nothing newer). */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}
