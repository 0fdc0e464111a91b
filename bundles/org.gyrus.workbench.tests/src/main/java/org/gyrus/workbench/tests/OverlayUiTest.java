package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.gyrus.workbench.viewers.SlicePlane;
import org.gyrus.workbench.viewers.VolumeViewer;
import org.junit.jupiter.api.Test;

/**
 * The user's path to a volume overlay: after a run, the volume viewer opened on an output port
 * offers the run's other volumes in its "Overlay" drop-down; picking one blends it in with an
 * opacity slider and colour map, picking "none" removes it.
 */
class OverlayUiTest extends WorkbenchUi {

    private static VolumeViewer find(Control c) {
        if (c instanceof VolumeViewer v) {
            return v;
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                VolumeViewer v = find(child);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Every pixel of the axial view. */
    private static int[] axial(VolumeViewer v) {
        int w = v.slicer().width(SlicePlane.AXIAL);
        int h = v.slicer().height(SlicePlane.AXIAL);
        int[] out = new int[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                out[r * w + c] = v.pixel(SlicePlane.AXIAL, c, r);
            }
        }
        return out;
    }

    private static void choose(Combo c, String item) {
        int at = Arrays.asList(c.getItems()).indexOf(item);
        assertTrue(at >= 0, item + " is offered: " + Arrays.toString(c.getItems()));
        c.select(at);
        c.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void theVolumeViewerOverlaysAnotherVolumeOfTheRun() {
        canvas().addNode("org.gyrus.samples.cohort", 40, 40);
        for (String[] p : new String[][] {{"subjects", "3"}, {"size", "16"}}) {
            Spinner s = (Spinner) window.sheet().field(p[0]).orElseThrow();
            s.setSelection(Integer.parseInt(p[1]));
            s.notifyListeners(SWT.Selection, new Event());
        }
        press("Run");
        awaitRunEnd(Duration.ofMinutes(2));
        assertTrue(session.runs().last().orElseThrow().succeeded(), session.runs().last().toString());

        // Double-click the volumes port: the first subject's volume opens.
        mouse(SWT.MouseDoubleClick, port("cohort", "volumes", true), 1, 0);
        UiHarness.settle(display, 100);
        Shell[] windows = shell.getShells();
        assertEquals(1, windows.length, "a viewer window opened");
        VolumeViewer viewer = find(windows[0]);
        assertNotNull(viewer, "the window holds a volume viewer");
        Combo overlays = viewer.overlayCombo();
        assertNotNull(overlays, "the viewer offers overlays");
        List<String> offered = List.of(overlays.getItems());
        assertEquals("none", offered.get(0));
        assertTrue(offered.contains("cohort.mask"), offered.toString());
        assertEquals(3, offered.stream().filter(s -> s.startsWith("cohort.volumes / ")).count(), offered.toString());
        assertFalse(offered.contains("cohort.volumes"), "not the shown port itself");
        assertNull(viewer.opacitySlider());
        int[] plain = axial(viewer);

        // The brain mask over it: the pixels inside change, an opacity slider appears.
        choose(overlays, "cohort.mask");
        assertNotNull(viewer.opacitySlider());
        assertEquals(50, viewer.opacitySlider().getSelection());
        int[] blended = axial(viewer);
        long changed = java.util.stream.IntStream.range(0, plain.length).filter(i -> plain[i] != blended[i]).count();
        assertTrue(changed > plain.length / 10, changed + " of " + plain.length + " pixels changed");
        assertTrue(viewer.status().contains("   overlay "), viewer.status());
        // Opacity 0 shows the volume alone.
        viewer.opacitySlider().setSelection(0);
        viewer.opacitySlider().notifyListeners(SWT.Selection, new Event());
        assertArrayEquals(plain, axial(viewer));
        viewer.opacitySlider().setSelection(80);
        viewer.opacitySlider().notifyListeners(SWT.Selection, new Event());
        assertFalse(Arrays.equals(plain, axial(viewer)));

        // "none" removes it.
        choose(overlays, "none");
        assertNull(viewer.opacitySlider());
        assertArrayEquals(plain, axial(viewer));
        windows[0].dispose();
    }
}
