package org.gyrus.workbench;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The pipeline editor part of the workbench window. */
public final class EditorPart {

    @Inject
    StartArguments arguments;

    @PostConstruct
    void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        Label label = new Label(parent, SWT.CENTER);
        label.setText(arguments.pipeline().map(p -> "Pipeline: " + p).orElse("Gyrus workbench"));
    }
}
