package org.gyrus.workbench.viewers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.gyrus.data.Chart;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.nn.io.TensorData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewers as real SWT widgets (run under Xvfb in CI): events are sent to the widgets' own
 * listeners, and what they draw is checked pixel by pixel.
 */
class ViewerUiTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 520);
    }

    @AfterEach
    void close() {
        shell.dispose();
        while (display.readAndDispatch()) {
            // let the disposal finish
        }
    }

    private void show() {
        shell.layout(true, true);
        shell.open();
        for (int i = 0; i < 20 && display.readAndDispatch(); i++) {
            // paint
        }
    }

    private static int grey(WindowLevel w, double v) {
        return ColorMap.GREY.rgb(w.index(v));
    }

    @Test
    void movingASliceSliderShowsThatSliceWithTheCrosshairOnTheCursorVoxel() throws Exception {
        Volume anat = TestVolumes.load("anatomical");
        VolumeViewer v = (VolumeViewer) ((Composite) ValueViewers.create(shell, anat)).getChildren()[0];
        show();
        VolumeSlicer s = v.slicer();
        WindowLevel w = v.window();
        int axis = s.fixedVoxelAxis(SlicePlane.AXIAL); // k for this LAS volume
        assertEquals(2, axis);
        for (int k : new int[] {3, 12, 20}) {
            v.slider(SlicePlane.AXIAL).setSelection(k);
            v.slider(SlicePlane.AXIAL).notifyListeners(SWT.Selection, new Event());
            assertEquals(k, v.cursor()[2]);
            int[] cross = v.crosshair(SlicePlane.AXIAL);
            assertEquals(grey(w, s.value(v.cursor(), 0)), v.pixel(SlicePlane.AXIAL, cross[0], cross[1]), "slice " + k);
            // Every pixel of the axial view is that slice's voxel, through the window.
            float[] slice = s.slice(SlicePlane.AXIAL, v.cursor(), 0, Convention.NEUROLOGICAL);
            for (int i = 0; i < slice.length; i += 37) {
                assertEquals(grey(w, slice[i]), v.pixel(SlicePlane.AXIAL, i % s.width(SlicePlane.AXIAL), i / s.width(SlicePlane.AXIAL)));
            }
            // The coronal and sagittal crosshairs follow: their row is slice k (superior up).
            assertEquals(s.height(SlicePlane.CORONAL) - 1 - k, v.crosshair(SlicePlane.CORONAL)[1]);
        }
        assertTrue(v.status().contains("LAS volume, neurological (L is left)"), v.status());
    }

    @Test
    void clickingAViewMovesTheLinkedCrosshairAndTheStatusSaysValueAndWorldCoordinate() throws Exception {
        VolumeViewer v = new VolumeViewer(shell, TestVolumes.load("anatomical"));
        show();
        SliceCanvas axial = (SliceCanvas) v.view(SlicePlane.AXIAL);
        int[] at = axial.pointOf(5, 7);
        Event down = new Event();
        down.button = 1;
        down.x = at[0];
        down.y = at[1];
        axial.notifyListeners(SWT.MouseDown, down);
        assertArrayEquals(new int[] {5, 7}, v.crosshair(SlicePlane.AXIAL));
        long[] c = v.cursor();
        // LAS: column 5 in the neurological convention is i = 32 - 5; row 7 is j = 40 - 7.
        assertArrayEquals(new long[] {27, 33, 12}, c);
        assertEquals(c[0], v.slider(SlicePlane.SAGITTAL).getSelection(), "the sagittal slider follows");
        org.joml.Vector3d world = v.slicer().world(c);
        assertTrue(v.status().startsWith(String.format(java.util.Locale.ROOT, "voxel (27, 33, 12) = %d   world (%.1f, %.1f, %.1f)",
                (long) v.slicer().value(c, 0), world.x, world.y, world.z)), v.status());
        // The radiological convention mirrors the view: the same voxel is drawn at column w-1-5.
        v.setConvention(Convention.RADIOLOGICAL);
        assertArrayEquals(new int[] {v.slicer().width(SlicePlane.AXIAL) - 1 - 5, 7}, v.crosshair(SlicePlane.AXIAL));
        assertTrue(v.status().contains("radiological (L is right)"));
    }

    @Test
    void windowLevelAndColourMapChangeThePixels() throws Exception {
        VolumeViewer v = new VolumeViewer(shell, TestVolumes.load("anatomical"));
        show();
        int[] cross = v.crosshair(SlicePlane.CORONAL);
        double value = v.slicer().value(v.cursor(), 0);
        int before = v.pixel(SlicePlane.CORONAL, cross[0], cross[1]);
        WindowLevel narrow = new WindowLevel(value, value / 2); // the value sits mid-window: grey 128
        v.setWindow(narrow);
        assertEquals(0x808080, v.pixel(SlicePlane.CORONAL, cross[0], cross[1]));
        assertNotEquals(before, 0x808080);
        // Through the fields, as a user types them and presses Enter: the value is now at the top.
        org.eclipse.swt.widgets.Text level = findText(v, 0);
        level.setText(Double.toString(value - value / 4));
        level.notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(0xffffff, v.pixel(SlicePlane.CORONAL, cross[0], cross[1]));
        v.setColorMap(ColorMap.HOT);
        assertEquals(0xffffff, v.pixel(SlicePlane.CORONAL, cross[0], cross[1]));
        v.setWindow(narrow);
        assertEquals(ColorMap.HOT.rgb(128), v.pixel(SlicePlane.CORONAL, cross[0], cross[1]));
        // Dragging with the right button widens the window.
        SliceCanvas c = (SliceCanvas) v.view(SlicePlane.CORONAL);
        Event down = new Event();
        down.button = 3;
        c.notifyListeners(SWT.MouseDown, down);
        Event move = new Event();
        move.x = 40;
        move.stateMask = SWT.BUTTON3;
        c.notifyListeners(SWT.MouseMove, move);
        assertTrue(v.window().width() > narrow.width());
    }

    @Test
    void aFourDimensionalVolumeHasATimeSliderAndAnOverlayBlendsWithItsOpacity() {
        float[] data = new float[8 * 8 * 4 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = 10 * (i / 256); // 10 × the time point
        }
        Volume series = Volume.builder(data, 8, 8, 4, 3).build();
        VolumeViewer v = new VolumeViewer(shell, series);
        v.setWindow(new WindowLevel(10, 20)); // 0 .. 20
        show();
        assertNotNull(v.timeSlider());
        int[] cross = v.crosshair(SlicePlane.AXIAL);
        assertEquals(0x000000, v.pixel(SlicePlane.AXIAL, cross[0], cross[1]));
        v.timeSlider().setSelection(2);
        v.timeSlider().notifyListeners(SWT.Selection, new Event());
        assertEquals(0xffffff, v.pixel(SlicePlane.AXIAL, cross[0], cross[1]));
        v.timeSlider().setSelection(1);
        v.timeSlider().notifyListeners(SWT.Selection, new Event());
        assertEquals(0x808080, v.pixel(SlicePlane.AXIAL, cross[0], cross[1]));
        assertTrue(v.status().contains("t = 1"));

        float[] mask = new float[8 * 8 * 4];
        long[] c = v.cursor();
        mask[(int) (c[0] + 8 * c[1] + 64 * c[2])] = 1;
        v.setOverlay(Volume.builder(mask, 8, 8, 4).build());
        v.opacitySlider().setSelection(100);
        v.opacitySlider().notifyListeners(SWT.Selection, new Event());
        assertEquals(ColorMap.labelRgb(1), v.pixel(SlicePlane.AXIAL, cross[0], cross[1]), "opaque overlay, a mask in label colours");
        assertEquals(0x808080, v.pixel(SlicePlane.AXIAL, (cross[0] + 1) % 8, cross[1]), "outside the mask");
        v.setOverlayOpacity(0.5);
        assertEquals(SliceImage.mix(0x808080, ColorMap.labelRgb(1), 0.5), v.pixel(SlicePlane.AXIAL, cross[0], cross[1]));
    }

    @Test
    void imageRowsOfAFeatureMatrixShowAsPicturesWithASampleSlider() {
        // Two 1×2×3 images (H = 2, W = 3); row 0 of each image is its first three values.
        float[] v = {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60};
        org.gyrus.data.FeatureMatrix m = new org.gyrus.data.FeatureMatrix(v, List.of("sub-01", "sub-02"),
                List.of("a", "b", "c", "d", "e", "f")).withSampleShape(1, 2, 3);
        Composite holder = (Composite) ValueViewers.create(shell, m);
        org.eclipse.swt.custom.CTabFolder tabs = (org.eclipse.swt.custom.CTabFolder) holder.getChildren()[0];
        VolumeViewer viewer = (VolumeViewer) tabs.getItem(0).getControl();
        assertInstanceOf(TableGrid.class, tabs.getItem(1).getControl());
        viewer.setWindow(new WindowLevel(30, 60)); // 0 .. 60
        show();
        VolumeSlicer s = viewer.slicer();
        assertEquals(3, s.width(SlicePlane.AXIAL));
        assertEquals(2, s.height(SlicePlane.AXIAL));
        WindowLevel w = viewer.window();
        // The image as written: first row on top, first column on the left.
        assertEquals(grey(w, 1), viewer.pixel(SlicePlane.AXIAL, 0, 0));
        assertEquals(grey(w, 3), viewer.pixel(SlicePlane.AXIAL, 2, 0));
        assertEquals(grey(w, 4), viewer.pixel(SlicePlane.AXIAL, 0, 1));
        viewer.timeSlider().setSelection(1);
        viewer.timeSlider().notifyListeners(SWT.Selection, new Event());
        assertEquals(grey(w, 60), viewer.pixel(SlicePlane.AXIAL, 2, 1));
        assertTrue(viewer.status().contains("sample = sub-02 (2 of 2)"), viewer.status());
    }

    @Test
    void aMillionRowTableOpensScrollsAndSorts() {
        int n = 1_000_000;
        double[] x = new double[n];
        String[] id = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i * 7919L) % n;
            id[i] = "s" + i;
        }
        x[10] = Double.NaN;
        Control holder = ValueViewers.create(shell, Table.of(new TextColumn("id", id), new NumericColumn("x", x)));
        TableGrid grid = (TableGrid) ((Composite) holder).getChildren()[0];
        show();
        assertEquals(n, grid.model().rowCount());
        assertTrue(grid.headerText(1).contains("x [number, 1 missing]"), grid.headerText(1));
        grid.getVerticalBar().setSelection(500_000);
        grid.getVerticalBar().notifyListeners(SWT.Selection, new Event());
        assertEquals(500_000, grid.topRow());
        assertEquals("s500000", grid.visibleCells()[0][0]);
        Event page = new Event();
        page.keyCode = SWT.PAGE_DOWN;
        grid.notifyListeners(SWT.KeyDown, page);
        assertEquals(500_000 + grid.visibleRows(), grid.topRow());
        display.readAndDispatch();
        // Sort by x, descending on the second click; missing last.
        grid.clickHeader(1);
        grid.clickHeader(1);
        grid.scrollTo(0);
        assertEquals("999999", grid.visibleCells()[0][1]);
        assertTrue(grid.headerText(1).endsWith("▼"));
        grid.scrollTo(n);
        String[][] last = grid.visibleCells();
        assertEquals("NA", last[last.length - 1][1]);
        assertEquals("s10", last[last.length - 1][0]);
    }

    @Test
    void aViewerThatFailsLeavesAnErrorLabelAndTheWindowLives() throws Exception {
        Path fake = Files.writeString(dir.resolve("figure.png"), "not an image");
        Control c = ValueViewers.create(shell, fake);
        Control inner = ((Composite) c).getChildren()[0];
        assertInstanceOf(Label.class, inner);
        assertTrue(((Label) inner).getText().startsWith("This "), ((Label) inner).getText());
        assertTrue(((Label) inner).getText().contains("cannot be shown"), ((Label) inner).getText());
        assertNotNull(inner.getData(ValueViewers.ERROR_KEY));
        // An overlay on another grid is refused with a message; the viewer keeps working.
        VolumeViewer v = new VolumeViewer(shell, TestVolumes.load("anatomical"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> v.setOverlay(TestVolumes.load("reoriented")));
        assertTrue(e.getMessage().contains("resample"));
        v.setSlice(SlicePlane.CORONAL, 3);
        assertEquals(3, v.cursor()[1]);
        show();
        assertFalse(shell.isDisposed());
    }

    @Test
    void reportsChartsAndModelsHaveTheirViewers() {
        byte[] png = new Chart("Loss", "epoch", "loss").line("train", new double[] {1, 2}, new double[] {2, 1}).toPng();
        Report r = Report.empty().withText("Summary", "Two items.").withMetrics("Scores", "scores",
                Table.of(new NumericColumn("auc", new double[] {0.9}))).withFigure("Curve", "loss", "Loss per epoch", png);
        ReportViewer rv = (ReportViewer) ((Composite) ValueViewers.create(shell, r)).getChildren()[0];
        List<Object> items = java.util.Arrays.stream(rv.page().getChildren()).map(ch -> ch.getData("gyrus.reportItem"))
                .filter(java.util.Objects::nonNull).toList();
        assertEquals(r.items(), items);
        Control chart = ((Composite) ValueViewers.create(shell, new Chart("t", "x", "y").points("p", new double[] {0}, new double[] {0})))
                .getChildren()[0];
        assertEquals(800, ((ImageViewer) chart).imageBounds().width);
        ModelArtifact m = ModelArtifact.builder("pca").metadata("components", 2).tensor("mean", TensorData.ofFloats(new float[3], 3)).build();
        ModelViewer mv = (ModelViewer) ((Composite) ValueViewers.create(shell, m)).getChildren()[0];
        assertEquals("[3]", mv.tensors().column("shape").format(0));
        assertEquals("mean", mv.tensors().column("tensor").format(0));
        assertEquals("float32", mv.tensors().column("dtype").format(0));
        assertEquals("Model pca (schema 1): 1 tensor, 3 values", ValueViewers.summary(m));
    }

    @Test
    void screenshotOfTheVolumeViewerWithAnOverlay() throws Exception {
        Volume anat = TestVolumes.load("anatomical");
        VolumeViewer v = new VolumeViewer(shell, anat);
        float[] a = anat.toFloatArray();
        float[] mask = new float[a.length];
        double[] r = v.slicer().robustRange();
        for (int i = 0; i < a.length; i++) {
            mask[i] = a[i] > r[0] + 0.8 * (r[1] - r[0]) ? 1 : 0; // the brightest voxels
        }
        v.setOverlay(Volume.builder(mask, anat.dimensions()).affine(anat.affine(), anat.xformCode()).build());
        v.setOverlayOpacity(0.4);
        show();
        Path png = screenshot(shell, "volume-viewer.png");
        assertTrue(Files.size(png) > 10_000);
    }

    /** Writes a PNG of {@code shell}'s client area into target/screenshots/. */
    static Path screenshot(Shell shell, String name) throws Exception {
        Display d = shell.getDisplay();
        for (int i = 0; i < 50 && d.readAndDispatch(); i++) {
            // finish painting
        }
        org.eclipse.swt.graphics.Rectangle area = shell.getClientArea();
        Image img = new Image(d, area.width, area.height);
        GC gc = new GC(shell);
        try {
            gc.copyArea(img, 0, 0);
        } finally {
            gc.dispose();
        }
        Files.createDirectories(SCREENSHOTS);
        Path out = SCREENSHOTS.resolve(name);
        ImageLoader loader = new ImageLoader();
        ImageData data = img.getImageData();
        loader.data = new ImageData[] {data};
        loader.save(out.toString(), SWT.IMAGE_PNG);
        img.dispose();
        return out;
    }

    private static org.eclipse.swt.widgets.Text findText(Composite c, int index) {
        List<org.eclipse.swt.widgets.Text> found = new java.util.ArrayList<>();
        collect(c, found);
        return found.get(index);
    }

    private static void collect(Composite c, List<org.eclipse.swt.widgets.Text> found) {
        for (Control ch : c.getChildren()) {
            if (ch instanceof org.eclipse.swt.widgets.Text t) {
                found.add(t);
            } else if (ch instanceof Composite k) {
                collect(k, found);
            }
        }
    }
}
