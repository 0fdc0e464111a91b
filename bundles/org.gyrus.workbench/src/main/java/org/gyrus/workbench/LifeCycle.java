package org.gyrus.workbench;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.equinox.app.IApplicationContext;

/** The e4 life cycle hook: prepares what every part of the workbench window shares. */
public final class LifeCycle {

    @PostContextCreate
    void postContextCreate(IEclipseContext context) {
        IApplicationContext application = context.get(IApplicationContext.class);
        Object args = application == null ? null : application.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.set(StartArguments.class, StartArguments.parse(args instanceof String[] a ? a : new String[0]));
    }
}
