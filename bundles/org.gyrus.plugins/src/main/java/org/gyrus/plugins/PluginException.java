package org.gyrus.plugins;

/** Why a plug-in operation did not happen; the installation is as it was before. */
public class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of problem it is; the command line turns each into its own exit code. */
    public enum Kind {
        /** The repository cannot be reached or is not a p2 repository. */
        BAD_SOURCE,
        /** The feature is not offered by the repository, or not installed. */
        UNKNOWN_FEATURE,
        /** The planner cannot satisfy the dependencies (for instance a plug-in needs a newer Gyrus). */
        UNSATISFIED,
        /** Content is unsigned or its signer is not trusted, and the trust policy refuses it. */
        UNTRUSTED,
        /** Downloading, checking checksums or installing failed. */
        FAILED
    }

    private final Kind kind;

    public PluginException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PluginException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What kind of problem it is. */
    public Kind kind() {
        return kind;
    }
}
