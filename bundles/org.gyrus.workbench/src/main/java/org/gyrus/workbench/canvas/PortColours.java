package org.gyrus.workbench.canvas;

import java.util.Map;

import org.eclipse.swt.graphics.RGB;

/** The colour of a port and its edges, by the type of value it carries (one colour per data type). */
public final class PortColours {

    private static final Map<String, RGB> KNOWN = Map.of(
            "Table", new RGB(52, 120, 200),
            "Volume", new RGB(46, 160, 67),
            "VolumeSet", new RGB(20, 140, 140),
            "FeatureMatrix", new RGB(230, 140, 30),
            "ModelArtifact", new RGB(140, 80, 190),
            "Report", new RGB(120, 120, 120),
            "WrittenFile", new RGB(170, 110, 60));

    private PortColours() {
    }

    /** The colour for values of {@code type}; a stable colour from the name for types we do not know; grey for unknown (null). */
    public static RGB of(Class<?> type) {
        if (type == null) {
            return new RGB(150, 150, 150);
        }
        RGB known = KNOWN.get(type.getSimpleName());
        if (known != null) {
            return known;
        }
        float hue = Math.floorMod(type.getName().hashCode(), 360);
        return new RGB(hue, 0.55f, 0.75f);
    }
}
