package org.gyrus.pipeline.internal;

import org.gyrus.pipeline.BundleOrigins;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The node registry as an OSGi service, fed by every {@link NodeType} service as it comes and goes. */
@Component(service = NodeRegistry.class, immediate = true)
public final class OsgiNodeRegistry extends NodeRegistry {

    /** Called by Declarative Services for each node type service. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addNodeType(NodeType type, ServiceReference<NodeType> ref) {
        Bundle b = ref.getBundle();
        add(type, b == null ? "unknown" : b.getSymbolicName(), b == null ? "0" : b.getVersion().toString());
    }

    void removeNodeType(NodeType type) {
        remove(type);
    }

    /** The plug-in installer's record, when it is installed: validation then names a missing plug-in. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setOrigins(BundleOrigins value) {
        origins(value);
    }

    void unsetOrigins(BundleOrigins value) {
        if (origins() == value) {
            origins(BundleOrigins.NONE);
        }
    }
}
