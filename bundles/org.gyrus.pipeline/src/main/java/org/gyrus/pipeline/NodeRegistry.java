package org.gyrus.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node types available now. In Gyrus it follows the OSGi service registry, so bundles that
 * start or stop add or remove node types without a restart; it is a plain class so that tests and
 * embedders can fill it by hand.
 *
 * <p>Two node types with the same id and version are both kept: the first one registered is used,
 * the other is reported through {@link #duplicates()}, the log and the listeners, never silently
 * shadowed. When the first one leaves, the other takes its place.
 */
public class NodeRegistry {

    private static final System.Logger LOG = System.getLogger(NodeRegistry.class.getName());

    private final List<RegisteredNode> nodes = new ArrayList<>();
    private final List<NodeRegistryListener> listeners = new CopyOnWriteArrayList<>();
    private volatile BundleOrigins origins = BundleOrigins.NONE;

    /** Where bundles came from and which plug-in provided node types that are gone (the plug-in installer's record). */
    public void origins(BundleOrigins value) {
        origins = value == null ? BundleOrigins.NONE : value;
    }

    /** Where bundles came from; {@link BundleOrigins#NONE} when no plug-in installer says. */
    public BundleOrigins origins() {
        return origins;
    }

    /** Adds a node type provided by {@code bundle} at {@code bundleVersion}. */
    public void add(NodeType type, String bundle, String bundleVersion) {
        RegisteredNode node = new RegisteredNode(type, type.descriptor(), bundle, bundleVersion);
        RegisteredNode kept;
        synchronized (nodes) {
            kept = active(node.id(), node.version()).orElse(null);
            nodes.add(node);
        }
        if (kept != null) {
            LOG.log(System.Logger.Level.WARNING, "Node type {0} {1} is provided twice: by {2} {3} (used) and by {4} {5} (ignored)",
                    node.id(), node.version(), kept.bundle(), kept.bundleVersion(), node.bundle(), node.bundleVersion());
            listeners.forEach(l -> l.duplicate(kept, node));
        } else {
            listeners.forEach(l -> l.added(node));
        }
    }

    /** Removes a node type service (by identity); does nothing if it is not registered. */
    public void remove(NodeType type) {
        RegisteredNode gone;
        RegisteredNode successor = null;
        synchronized (nodes) {
            gone = nodes.stream().filter(n -> n.type() == type).findFirst().orElse(null);
            if (gone == null) {
                return;
            }
            boolean wasActive = active(gone.id(), gone.version()).orElse(null) == gone;
            nodes.remove(gone);
            if (wasActive) {
                successor = active(gone.id(), gone.version()).orElse(null);
            }
        }
        listeners.forEach(l -> l.removed(gone));
        if (successor != null) {
            RegisteredNode s = successor;
            listeners.forEach(l -> l.added(s));
        }
    }

    /** The node types in use (one per id and version), sorted by id then version. */
    public List<RegisteredNode> nodeTypes() {
        synchronized (nodes) {
            List<RegisteredNode> out = new ArrayList<>();
            for (RegisteredNode n : nodes) {
                if (out.stream().noneMatch(o -> o.id().equals(n.id()) && o.version().equals(n.version()))) {
                    out.add(n);
                }
            }
            out.sort(Comparator.comparing(RegisteredNode::id).thenComparing(RegisteredNode::version));
            return out;
        }
    }

    /** The newest version of the node type {@code id}, if any. */
    public Optional<RegisteredNode> find(String id) {
        return nodeTypes().stream().filter(n -> n.id().equals(id)).max(Comparator.comparing(RegisteredNode::version));
    }

    /** The node type {@code id} at exactly {@code version}, if installed. */
    public Optional<RegisteredNode> find(String id, NodeVersion version) {
        synchronized (nodes) {
            return active(id, version);
        }
    }

    /** Registrations ignored because another with the same id and version came first. */
    public List<RegisteredNode> duplicates() {
        synchronized (nodes) {
            List<RegisteredNode> out = new ArrayList<>(nodes);
            out.removeAll(nodeTypes());
            return out;
        }
    }

    /** Adds a listener; it first hears {@code added} for every node type already present. */
    public void addListener(NodeRegistryListener listener) {
        listeners.add(listener);
        nodeTypes().forEach(listener::added);
    }

    /** Removes a listener. */
    public void removeListener(NodeRegistryListener listener) {
        listeners.remove(listener);
    }

    private Optional<RegisteredNode> active(String id, NodeVersion version) {
        return nodes.stream().filter(n -> n.id().equals(id) && n.version().equals(version)).findFirst();
    }
}
