package org.gyrus.pipeline;

/**
 * A node type as the registry knows it: the service and where it comes from.
 *
 * @param type          the service
 * @param descriptor    its descriptor, read once at registration
 * @param bundle        the symbolic name of the bundle that provides it
 * @param bundleVersion that bundle's version (part of cache keys: a rebuilt bundle invalidates results)
 */
public record RegisteredNode(NodeType type, NodeDescriptor descriptor, String bundle, String bundleVersion) {

    /** The node type id. */
    public String id() {
        return descriptor.id();
    }

    /** The node type version. */
    public NodeVersion version() {
        return descriptor.version();
    }

    @Override
    public String toString() {
        return descriptor.id() + " " + descriptor.version() + " (" + bundle + " " + bundleVersion + ")";
    }
}
