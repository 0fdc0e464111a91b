package org.gyrus.pipeline;

/**
 * A node type's version, {@code major.minor.patch}. Ordered numerically, so 1.10.0 is newer than
 * 1.9.0.
 *
 * @param major incompatible changes
 * @param minor compatible additions
 * @param patch fixes
 */
public record NodeVersion(int major, int minor, int patch) implements Comparable<NodeVersion> {

    /** Checks the parts. */
    public NodeVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("Version parts must not be negative");
        }
    }

    /**
     * Parses {@code major[.minor[.patch]]}.
     *
     * @throws IllegalArgumentException naming the text if it is not a version
     */
    public static NodeVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("A version is required");
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not a version (expected major.minor.patch)");
        }
        int[] v = new int[3];
        try {
            for (int i = 0; i < parts.length; i++) {
                v[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a version (expected major.minor.patch)");
        }
        return new NodeVersion(v[0], v[1], v[2]);
    }

    @Override
    public int compareTo(NodeVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
