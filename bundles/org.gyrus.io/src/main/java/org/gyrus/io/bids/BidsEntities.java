package org.gyrus.io.bids;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a BIDS file name, {@code sub-01_ses-2_task-rest_run-1_bold.nii.gz}: key-value
 * entities in order ({@code sub → 01, ses → 2, task → rest, run → 1}), the suffix ({@code bold})
 * and the extension ({@code .nii.gz}).
 *
 * @param entities  the entities in file-name order
 * @param suffix    the part after the last underscore, before the extension
 * @param extension everything from the first dot of the last part ({@code .nii.gz}, {@code .json})
 */
public record BidsEntities(Map<String, String> entities, String suffix, String extension) {

    /** Keeps an unmodifiable copy of the entities. */
    public BidsEntities {
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /**
     * Parses a file name; empty when it is not a BIDS name (no {@code key-value} entities, or a
     * part that is neither an entity nor the final suffix).
     */
    public static Optional<BidsEntities> parse(String fileName) {
        int dot = fileName.indexOf('.');
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        String ext = dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
        String[] parts = stem.split("_", -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        Map<String, String> entities = new LinkedHashMap<>();
        for (int i = 0; i < parts.length - 1; i++) {
            int dash = parts[i].indexOf('-');
            if (dash <= 0 || dash == parts[i].length() - 1 || entities.containsKey(parts[i].substring(0, dash))) {
                return Optional.empty();
            }
            entities.put(parts[i].substring(0, dash), parts[i].substring(dash + 1));
        }
        String suffix = parts[parts.length - 1];
        if (suffix.isEmpty() || suffix.contains("-")) {
            return Optional.empty();
        }
        return Optional.of(new BidsEntities(entities, suffix, ext));
    }

    /** The value of entity {@code key}, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entities.get(key));
    }

    /**
     * The name of the table column for files like this one: the data type folder, then the
     * entities other than subject and session, then the suffix — {@code func/task-rest_run-1_bold}.
     */
    public String columnName(String datatype) {
        StringBuilder sb = new StringBuilder(datatype).append('/');
        entities.forEach((k, v) -> {
            if (!k.equals("sub") && !k.equals("ses")) {
                sb.append(k).append('-').append(v).append('_');
            }
        });
        return sb.append(suffix).toString();
    }
}
