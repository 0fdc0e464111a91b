package org.gyrus.learn;

import org.gyrus.data.ModelArtifact;

/** Checks that a model artifact is the kind and layout version a reader understands. */
final class Artifacts {

    private Artifacts() {
    }

    /**
     * @throws IllegalArgumentException naming what the artifact is and what was expected
     */
    static void require(ModelArtifact a, String kind, int schemaVersion) {
        if (!a.kind().equals(kind)) {
            throw new IllegalArgumentException("Expected a model of kind '" + kind + "' but got one of kind '" + a.kind() + "'");
        }
        Object v = a.metadata().get("schema_version");
        if (!(v instanceof Number num) || num.intValue() != schemaVersion) {
            throw new IllegalArgumentException("The " + kind + " model has layout version " + v + "; this version of Gyrus reads version "
                    + schemaVersion + " (refit the model, or update Gyrus)");
        }
    }
}
