package org.gyrus.workbench.plugins;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Shell;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.plugins.Plugins;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Tools › Plug-ins…: opens the {@link PluginsDialog} on the {@link Plugins} and node registry services. */
public final class PluginsHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        BundleContext context = FrameworkUtil.getBundle(PluginsHandler.class).getBundleContext();
        ServiceReference<Plugins> pluginsRef = context.getServiceReference(Plugins.class);
        ServiceReference<NodeRegistry> registryRef = context.getServiceReference(NodeRegistry.class);
        Plugins plugins = pluginsRef == null ? null : context.getService(pluginsRef);
        NodeRegistry registry = registryRef == null ? null : context.getService(registryRef);
        if (plugins == null || registry == null) {
            MessageBox m = new MessageBox(shell, SWT.ICON_ERROR | SWT.OK);
            m.setText("Plug-ins");
            m.setMessage(plugins == null ? "This Gyrus cannot install plug-ins: the bundle org.gyrus.plugins (feature org.gyrus.plugins.feature)"
                    + " is not installed or did not start." : "The node registry (org.gyrus.pipeline) is not running.");
            m.open();
            unget(context, pluginsRef, plugins);
            unget(context, registryRef, registry);
            return;
        }
        PluginsDialog dialog = new PluginsDialog(shell, plugins, registry);
        dialog.shell().addListener(SWT.Dispose, e -> {
            unget(context, pluginsRef, plugins);
            unget(context, registryRef, registry);
        });
        dialog.open();
    }

    private static void unget(BundleContext context, ServiceReference<?> ref, Object service) {
        if (ref != null && service != null) {
            context.ungetService(ref);
        }
    }
}
