package org.gyrus.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Volumes keyed by subject id, in a fixed order. Each volume is loaded on first use and not kept
 * by the set, so a cohort of hundreds of subjects never needs to fit in memory at once.
 */
public final class VolumeSet {

    private final Map<String, Supplier<Volume>> volumes;

    private VolumeSet(Map<String, Supplier<Volume>> volumes) {
        this.volumes = Collections.unmodifiableMap(volumes);
    }

    /** A set of volumes already in memory. */
    public static VolumeSet of(Map<String, Volume> volumes) {
        Map<String, Supplier<Volume>> m = new LinkedHashMap<>();
        volumes.forEach((id, v) -> {
            Objects.requireNonNull(v, id);
            m.put(id, () -> v);
        });
        return new VolumeSet(m);
    }

    /** A set whose volumes are produced on demand by the given loaders (called again on each access). */
    public static VolumeSet lazy(Map<String, Supplier<Volume>> loaders) {
        return new VolumeSet(new LinkedHashMap<>(loaders));
    }

    /** The subject ids in order. */
    public List<String> ids() {
        return new ArrayList<>(volumes.keySet());
    }

    /** The number of volumes. */
    public int size() {
        return volumes.size();
    }

    /**
     * The volume of subject {@code id}, loaded now.
     *
     * @throws IllegalArgumentException if there is no such subject
     */
    public Volume get(String id) {
        Supplier<Volume> s = volumes.get(id);
        if (s == null) {
            throw new IllegalArgumentException("No volume for subject '" + id + "'");
        }
        return s.get();
    }

    @Override
    public String toString() {
        return "VolumeSet[" + volumes.size() + " subjects]";
    }
}
