package org.gyrus.plugins;

/**
 * A feature (an installable group of bundles) as a repository offers it or a change added it.
 *
 * @param id       the feature id, without p2's {@code .feature.group} suffix
 * @param version  its version
 * @param name     its human-readable name (the id when it has none)
 * @param provider who provides it ("" when not said)
 */
public record Feature(String id, String version, String name, String provider) {

    @Override
    public String toString() {
        return id + " " + version;
    }
}
