package org.gyrus.pipeline;

/** Hears about node types coming and going, for example when a plug-in is installed at run time. */
public interface NodeRegistryListener {

    /** A node type became available. */
    void added(RegisteredNode node);

    /** A node type went away. */
    void removed(RegisteredNode node);

    /**
     * A second node type with the same id and version as one already registered appeared; the
     * first one stays in use.
     */
    default void duplicate(RegisteredNode kept, RegisteredNode ignored) {
    }
}
