package org.gyrus.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is known of a {@link FeatureMatrix} before it exists: its feature names (hence its width),
 * or nothing of them (features from volumes through a mask computed from the data).
 *
 * @param names the feature names in order, or {@code null} when not known before the run
 */
public record FeatureSpec(List<String> names) implements DataSpec {

    /** Copies the names. */
    public FeatureSpec {
        names = names == null ? null : List.copyOf(names);
    }

    /** A matrix whose features are known only at run time. */
    public static FeatureSpec unknownFeatures() {
        return new FeatureSpec(null);
    }

    /** Features named {@code prefix}1 .. {@code prefix}k, as latent dimensions are. */
    public static FeatureSpec numbered(String prefix, int k) {
        List<String> n = new ArrayList<>(k);
        for (int j = 1; j <= k; j++) {
            n.add(prefix + j);
        }
        return new FeatureSpec(n);
    }

    /** The exact spec of an existing matrix. */
    public static FeatureSpec of(FeatureMatrix m) {
        return new FeatureSpec(m.featureNames());
    }

    /**
     * The features {@link FeatureMatrix#fromTable} makes of a table with this spec — its numeric
     * feature columns — when they are certain: the spec is complete and the kind of every feature
     * column is known. Otherwise the features are unknown.
     */
    public static FeatureSpec ofTable(TableSpec table) {
        List<ColumnSpec> features = table.columnsWithRole(ColumnRole.FEATURE);
        if (!table.complete() || features.stream().anyMatch(c -> c.kind() == null)) {
            return unknownFeatures();
        }
        return new FeatureSpec(features.stream().filter(c -> c.is(ColumnSpec.Kind.NUMERIC)).map(ColumnSpec::name).toList());
    }

    /** The names, when known. */
    public Optional<List<String>> knownNames() {
        return Optional.ofNullable(names);
    }

    /** The number of features, when known. */
    public Optional<Integer> width() {
        return names == null ? Optional.empty() : Optional.of(names.size());
    }

    /** This matrix as {@link FeatureMatrix#toTable} makes it into a table. */
    public TableSpec toTable() {
        List<ColumnSpec> cs = new ArrayList<>();
        cs.add(new ColumnSpec("id", ColumnSpec.Kind.TEXT, ColumnRole.ID));
        if (names != null) {
            names.forEach(n -> cs.add(new ColumnSpec(n, ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE)));
        }
        return new TableSpec(cs, names != null);
    }
}
