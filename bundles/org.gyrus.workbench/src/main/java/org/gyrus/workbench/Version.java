package org.gyrus.workbench;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The workbench's version for provenance records: its bundle's version, or "dev" outside OSGi. */
final class Version {

    private Version() {
    }

    static String of() {
        Bundle b = FrameworkUtil.getBundle(Version.class);
        return b == null ? "dev" : b.getVersion().toString();
    }
}
