package org.gyrus.data;

import java.util.Optional;

/**
 * What is known of a {@link VolumeSet} before it exists: the grid every volume in it has, when
 * that is known.
 *
 * @param volume the spec of each volume, or {@code null} when not known
 */
public record VolumeSetSpec(VolumeSpec volume) implements DataSpec {

    /** The grid of every volume, when known. */
    public Optional<VolumeSpec> each() {
        return Optional.ofNullable(volume);
    }
}
