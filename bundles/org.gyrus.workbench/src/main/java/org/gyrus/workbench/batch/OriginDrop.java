package org.gyrus.workbench.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Control;
import org.gyrus.pipeline.OriginFinder;
import org.gyrus.pipeline.OriginReader;
import org.gyrus.pipeline.PipelineOrigin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Dropping a result on the workbench opens the analysis that made it: an output file (a figure,
 * a NIfTI file, a table) or its folder is led back to its pipeline and variable values by
 * {@link OriginFinder} (a stamp in the file, or the run's {@code provenance.json}), and the
 * workbench opens that pipeline with those values. The workbench's drop zone is the pipeline
 * canvas: its drop target hands dropped files to {@link #dropped} (see {@code EditorView});
 * {@link #install} makes any other control a drop zone of its own.
 */
public final class OriginDrop {

    private OriginDrop() {
    }

    /**
     * Makes {@code target} accept dropped files: the first one's origin goes to {@code open}, or
     * the reason none was found (naming the file) to {@code problem}.
     */
    public static DropTarget install(Control target, OriginFinder finder, Consumer<PipelineOrigin> open, Consumer<String> problem) {
        DropTarget drop = new DropTarget(target, DND.DROP_COPY | DND.DROP_LINK | DND.DROP_MOVE | DND.DROP_DEFAULT);
        drop.setTransfer(new Transfer[] {FileTransfer.getInstance()});
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent e) {
                if (e.detail == DND.DROP_DEFAULT || e.detail == DND.DROP_MOVE) {
                    e.detail = DND.DROP_COPY; // we only read the file
                }
            }

            @Override
            public void drop(DropTargetEvent e) {
                if (e.data instanceof String[] paths) {
                    dropped(paths, finder, open, problem);
                }
            }
        });
        return drop;
    }

    /** What a drop of {@code paths} does (the first path counts; more are named in the message). */
    public static void dropped(String[] paths, OriginFinder finder, Consumer<PipelineOrigin> open, Consumer<String> problem) {
        if (paths.length == 0) {
            return;
        }
        try {
            open.accept(finder.find(Path.of(paths[0])));
        } catch (IOException | RuntimeException e) {
            problem.accept("Cannot open the pipeline of " + paths[0] + ": " + e.getMessage());
        }
    }

    /**
     * A finder that reads every format the installed bundles stamp (the {@link OriginReader}
     * services, such as org.gyrus.io's NIfTI reader); outside OSGi, PNG figures and provenance
     * records only.
     */
    public static OriginFinder finder() {
        List<OriginReader> readers = new ArrayList<>();
        Bundle bundle = FrameworkUtil.getBundle(OriginDrop.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            try {
                for (ServiceReference<OriginReader> ref : context.getServiceReferences(OriginReader.class, null)) {
                    OriginReader r = context.getService(ref);
                    if (r != null) {
                        readers.add(r);
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e); // no filter is given
            }
        }
        return new OriginFinder(readers);
    }
}
