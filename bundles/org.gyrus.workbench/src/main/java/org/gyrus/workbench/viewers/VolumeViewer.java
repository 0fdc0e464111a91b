package org.gyrus.workbench.viewers;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Text;
import org.gyrus.data.Volume;
import org.joml.Vector3d;

/**
 * The volume viewer: axial, coronal and sagittal slices in world orientation ({@link VolumeSlicer})
 * with a linked crosshair (click or drag in any view moves it; the other views follow), a slider
 * per view (and the mouse wheel over a view), window/level (fields, or drag with the right mouse button: right widens, up raises),
 * colour maps, the neurological or radiological convention (stated in the status line), the voxel
 * value and world coordinate under the pointer, a time slider for 4-D volumes, and an overlay (a
 * mask or a map on the same grid) with its own colour map (labels for masks and segmentations,
 * hot for maps, to start with) and an opacity slider, picked from the run's other volumes in the
 * bar's "Overlay" drop-down when the window offers them ({@link #overlayChoices}).
 */
public final class VolumeViewer extends Composite {

    private final VolumeSlicer slicer;
    private final double[] range;
    private final Map<SlicePlane, SliceCanvas> views = new EnumMap<>(SlicePlane.class);
    private final Map<SlicePlane, Scale> sliders = new EnumMap<>(SlicePlane.class);
    private final Map<SlicePlane, float[]> buffers = new EnumMap<>(SlicePlane.class);
    private final Label status;
    private final Text levelField;
    private final Text widthField;
    private final Combo mapCombo;
    private final Combo conventionCombo;
    private Scale timeSlider;
    private Label timeLabel;
    private String timeName = "t";
    private java.util.List<String> timeNames = java.util.List.of();
    private final Composite bar;
    private Composite overlayRow;
    private Scale opacitySlider;
    private Combo overlayMapCombo;
    private Combo overlayCombo;
    private Supplier<Map<String, Supplier<Volume>>> overlaySource;
    private java.util.List<Supplier<Volume>> overlayOffered = java.util.List.of();
    private String overlayName = "none";

    private long[] cursor;
    private int time;
    private WindowLevel window;
    private ColorMap map = ColorMap.GREY;
    private Convention convention = Convention.NEUROLOGICAL;
    private VolumeSlicer overlay;
    private WindowLevel overlayWindow;
    private ColorMap overlayMap = ColorMap.HOT;
    private double opacity = 0.5;
    private int[] dragFrom;

    /** A viewer of {@code volume} inside {@code parent}. */
    public VolumeViewer(Composite parent, Volume volume) {
        super(parent, SWT.NONE);
        this.slicer = new VolumeSlicer(volume);
        this.range = slicer.robustRange();
        this.window = WindowLevel.ofRange(range[0], range[1]);
        this.cursor = slicer.centre();
        setLayout(new GridLayout(3, true));

        bar = new Composite(this, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        bar.setLayout(new GridLayout(10, false));
        new Label(bar, SWT.NONE).setText("Level");
        levelField = new Text(bar, SWT.BORDER);
        levelField.setLayoutData(new GridData(70, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("Width");
        widthField = new Text(bar, SWT.BORDER);
        widthField.setLayoutData(new GridData(70, SWT.DEFAULT));
        levelField.addListener(SWT.DefaultSelection, e -> windowFromFields());
        widthField.addListener(SWT.DefaultSelection, e -> windowFromFields());
        levelField.addListener(SWT.FocusOut, e -> windowFromFields());
        widthField.addListener(SWT.FocusOut, e -> windowFromFields());
        new Label(bar, SWT.NONE).setText("Colours");
        mapCombo = new Combo(bar, SWT.READ_ONLY);
        for (ColorMap m : ColorMap.values()) {
            mapCombo.add(m.label());
        }
        mapCombo.select(map.ordinal());
        mapCombo.addListener(SWT.Selection, e -> setColorMap(ColorMap.values()[mapCombo.getSelectionIndex()]));
        new Label(bar, SWT.NONE).setText("Convention");
        conventionCombo = new Combo(bar, SWT.READ_ONLY);
        conventionCombo.add("neurological (L is left)");
        conventionCombo.add("radiological (L is right)");
        conventionCombo.select(0);
        conventionCombo.addListener(SWT.Selection, e -> setConvention(Convention.values()[conventionCombo.getSelectionIndex()]));
        if (slicer.timepoints() > 1) {
            timeLabel = new Label(bar, SWT.NONE);
            timeLabel.setText("Time");
            timeSlider = new Scale(bar, SWT.HORIZONTAL);
            timeSlider.setMinimum(0);
            timeSlider.setMaximum(slicer.timepoints() - 1);
            timeSlider.setPageIncrement(1);
            timeSlider.addListener(SWT.Selection, e -> setTime(timeSlider.getSelection()));
        }

        for (SlicePlane p : SlicePlane.values()) {
            SliceCanvas c = new SliceCanvas(this, p);
            c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
            views.put(p, c);
            hookMouse(c);
        }
        for (SlicePlane p : SlicePlane.values()) {
            Scale s = new Scale(this, SWT.HORIZONTAL);
            s.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            int axis = slicer.fixedVoxelAxis(p);
            s.setMinimum(0);
            s.setMaximum((int) Math.max(1, slicer.dimensions()[axis] - 1));
            s.setPageIncrement(1);
            s.setEnabled(slicer.dimensions()[axis] > 1);
            s.addListener(SWT.Selection, e -> setSlice(p, s.getSelection()));
            sliders.put(p, s);
        }
        status = new Label(this, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        fieldsFromWindow();
        refresh();
    }

    /** The slicer (geometry, orientation) behind the views. */
    public VolumeSlicer slicer() {
        return slicer;
    }

    /** The cursor voxel (i, j, k). */
    public long[] cursor() {
        return cursor.clone();
    }

    /** Moves the cursor to voxel {@code voxel}: every view shows its slice through it. */
    public void setCursor(long[] voxel) {
        long[] d = slicer.dimensions();
        long[] c = new long[3];
        for (int i = 0; i < 3; i++) {
            c[i] = Math.max(0, Math.min(d[i] - 1, voxel[i]));
        }
        cursor = c;
        refresh();
    }

    /** Shows slice {@code index} (a voxel index along the view's fixed axis) in view {@code plane}. */
    public void setSlice(SlicePlane plane, int index) {
        long[] c = cursor.clone();
        c[slicer.fixedVoxelAxis(plane)] = index;
        setCursor(c);
    }

    /** The slider of view {@code plane}. */
    public Scale slider(SlicePlane plane) {
        return sliders.get(plane);
    }

    /**
     * Names the fourth axis: {@code label} beside its slider ("Sample"), {@code names} of its
     * points in the status line (the row ids of a feature matrix's images).
     */
    public void setTimeNames(String label, java.util.List<String> names) {
        timeName = label.toLowerCase(Locale.ROOT);
        timeNames = java.util.List.copyOf(names);
        if (timeLabel != null) {
            timeLabel.setText(label);
            timeLabel.getParent().layout();
        }
        hover(cursor);
    }

    /** The time slider, null for a 3-D volume. */
    public Scale timeSlider() {
        return timeSlider;
    }

    /** The canvas of view {@code plane}. */
    public org.eclipse.swt.widgets.Canvas view(SlicePlane plane) {
        return views.get(plane);
    }

    /** The window. */
    public WindowLevel window() {
        return window;
    }

    /** Sets the window of the volume. */
    public void setWindow(WindowLevel w) {
        window = w;
        fieldsFromWindow();
        refresh();
    }

    /** Sets the colour map of the volume. */
    public void setColorMap(ColorMap m) {
        map = m;
        mapCombo.select(m.ordinal());
        refresh();
    }

    /** Sets the left-right convention of the axial and coronal views. */
    public void setConvention(Convention c) {
        convention = c;
        conventionCombo.select(c.ordinal());
        refresh();
    }

    /** The convention shown. */
    public Convention convention() {
        return convention;
    }

    /** Shows time point {@code t} of a 4-D volume. */
    public void setTime(int t) {
        time = Math.max(0, Math.min(slicer.timepoints() - 1, t));
        if (timeSlider != null) {
            timeSlider.setSelection(time);
        }
        refresh();
    }

    /**
     * Shows {@code volume} over the volume, with a colour map and an opacity slider; its NaN and
     * 0 voxels are transparent.
     *
     * @throws IllegalArgumentException if it is not on the volume's grid
     */
    public void setOverlay(Volume volume) {
        VolumeSlicer o = new VolumeSlicer(volume);
        slicer.checkSameGrid(o, "The overlay");
        overlay = o;
        double[] r = o.robustRange();
        overlayWindow = WindowLevel.ofRange(r[0], r[1]);
        // A mask or segmentation in distinct colours (hot's top is white, invisible on bright tissue); a map in hot.
        overlayMap = o.looksLikeLabels() ? ColorMap.LABELS : ColorMap.HOT;
        if (overlayMapCombo != null) {
            overlayMapCombo.select(overlayMap.ordinal());
        }
        if (overlayRow == null) {
            overlayRow = new Composite(this, SWT.NONE);
            overlayRow.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
            overlayRow.setLayout(new GridLayout(4, false));
            new Label(overlayRow, SWT.NONE).setText("Overlay colours");
            overlayMapCombo = new Combo(overlayRow, SWT.READ_ONLY);
            for (ColorMap m : ColorMap.values()) {
                overlayMapCombo.add(m.label());
            }
            overlayMapCombo.select(overlayMap.ordinal());
            overlayMapCombo.addListener(SWT.Selection, e -> {
                overlayMap = ColorMap.values()[overlayMapCombo.getSelectionIndex()];
                refresh();
            });
            new Label(overlayRow, SWT.NONE).setText("Opacity");
            opacitySlider = new Scale(overlayRow, SWT.HORIZONTAL);
            opacitySlider.setMinimum(0);
            opacitySlider.setMaximum(100);
            opacitySlider.setSelection((int) Math.round(opacity * 100));
            opacitySlider.setLayoutData(new GridData(200, SWT.DEFAULT));
            opacitySlider.addListener(SWT.Selection, e -> setOverlayOpacity(opacitySlider.getSelection() / 100.0));
            layout(true, true);
        }
        refresh();
    }

    /**
     * Lets the user pick the overlay: an "Overlay" drop-down in the bar lists "none" and the
     * volumes {@code source} offers (by name; read again each time the list opens, so a new run's
     * outputs appear). A volume on another grid is refused with the reason in the status line.
     */
    public void overlayChoices(Supplier<Map<String, Supplier<Volume>>> source) {
        overlaySource = source;
        if (overlayCombo == null) {
            new Label(bar, SWT.NONE).setText("Overlay");
            overlayCombo = new Combo(bar, SWT.READ_ONLY);
            overlayCombo.addListener(SWT.FocusIn, e -> fillOverlayChoices());
            overlayCombo.addListener(SWT.Selection, e -> chooseOverlay(overlayCombo.getSelectionIndex()));
            ((GridLayout) bar.getLayout()).numColumns += 2;
        }
        fillOverlayChoices();
        layout(true, true);
    }

    /** The overlay drop-down, null unless {@link #overlayChoices} was called. */
    public Combo overlayCombo() {
        return overlayCombo;
    }

    private void fillOverlayChoices() {
        Map<String, Supplier<Volume>> offered = overlaySource.get();
        overlayCombo.removeAll();
        overlayCombo.add("none");
        offered.keySet().forEach(overlayCombo::add);
        overlayOffered = java.util.List.copyOf(offered.values());
        overlayCombo.select(Math.max(0, overlayCombo.indexOf(overlayName)));
    }

    private void chooseOverlay(int index) {
        if (index <= 0) {
            clearOverlay();
            return;
        }
        String name = overlayCombo.getItem(index);
        try {
            setOverlay(overlayOffered.get(index - 1).get());
            overlayName = name;
        } catch (IllegalArgumentException e) {
            // Refused: the overlay shown before stays, and so does its name in the drop-down.
            overlayCombo.select(Math.max(0, overlayCombo.indexOf(overlayName)));
            status.setText(name + ": " + e.getMessage());
        }
    }

    /** Removes the overlay, its colour map and its opacity slider. */
    public void clearOverlay() {
        overlay = null;
        if (overlayRow != null) {
            overlayRow.dispose();
            overlayRow = null;
            overlayMapCombo = null;
            opacitySlider = null;
            layout(true, true);
        }
        overlayName = "none";
        if (overlayCombo != null) {
            overlayCombo.select(0);
        }
        refresh();
    }

    /** Sets the overlay's opacity, 0 to 1. */
    public void setOverlayOpacity(double value) {
        opacity = Math.max(0, Math.min(1, value));
        if (opacitySlider != null) {
            opacitySlider.setSelection((int) Math.round(opacity * 100));
        }
        refresh();
    }

    /** The opacity slider, null without an overlay. */
    public Scale opacitySlider() {
        return opacitySlider;
    }

    /** The RGB ({@code 0xRRGGBB}) drawn at slice pixel (col, row) of view {@code plane}. */
    public int pixel(SlicePlane plane, int col, int row) {
        return views.get(plane).pixel(col, row);
    }

    /** The slice pixel (col, row) of view {@code plane} where the crosshair is. */
    public int[] crosshair(SlicePlane plane) {
        return slicer.pixelOf(plane, cursor, convention);
    }

    /** The status line: voxel, value and world coordinate under the pointer (or the cursor), and the convention. */
    public String status() {
        return status.getText();
    }

    /** Describes voxel {@code v} in the status line, as when the pointer is over it. */
    public void hover(long[] v) {
        Vector3d w = slicer.world(v);
        String unit = slicer.volume().spatialUnit().symbol();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "voxel (%d, %d, %d) = %s   world (%.1f, %.1f, %.1f)%s",
                v[0], v[1], v[2], format(slicer.value(v, time)), w.x, w.y, w.z, unit.isEmpty() ? "" : " " + unit));
        if (overlay != null) {
            sb.append("   overlay ").append(format(overlay.value(v, Math.min(time, overlay.timepoints() - 1))));
        }
        if (slicer.timepoints() > 1) {
            sb.append("   ").append(timeName).append(" = ").append(time < timeNames.size() ? timeNames.get(time) + " (" + (time + 1)
                    + " of " + slicer.timepoints() + ")" : Integer.toString(time));
        }
        sb.append("   ").append(slicer.axes().code()).append(" volume, ").append(convention.note());
        status.setText(sb.toString());
    }

    private static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e7 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.4g", x);
    }

    private void hookMouse(SliceCanvas c) {
        c.addListener(SWT.MouseDown, e -> {
            if (e.button == 1) {
                moveTo(c, e.x, e.y);
            } else if (e.button == 3) {
                dragFrom = new int[] {e.x, e.y};
            }
        });
        c.addListener(SWT.MouseUp, e -> dragFrom = null);
        // The wheel steps through the view's slices, as in FSLeyes and MRIcroGL.
        c.addListener(SWT.MouseVerticalWheel, e -> {
            if (e.count != 0) {
                setSlice(c.plane(), (int) cursor[slicer.fixedVoxelAxis(c.plane())] + Integer.signum(e.count));
            }
        });
        c.addListener(SWT.MouseMove, e -> {
            if ((e.stateMask & SWT.BUTTON1) != 0) {
                moveTo(c, e.x, e.y);
            } else if ((e.stateMask & SWT.BUTTON3) != 0 && dragFrom != null) {
                setWindow(window.dragged(e.x - dragFrom[0], e.y - dragFrom[1], range[1] - range[0]));
                dragFrom = new int[] {e.x, e.y};
            } else {
                int[] p = c.pixelAt(e.x, e.y);
                if (p != null) {
                    hover(slicer.voxelAt(c.plane(), p[0], p[1], cursor, convention));
                }
            }
        });
    }

    private void moveTo(SliceCanvas c, int x, int y) {
        int[] p = c.pixelAt(x, y);
        if (p != null) {
            setCursor(slicer.voxelAt(c.plane(), p[0], p[1], cursor, convention));
        }
    }

    private void windowFromFields() {
        try {
            double level = Double.parseDouble(levelField.getText().trim());
            double width = Double.parseDouble(widthField.getText().trim());
            setWindow(new WindowLevel(level, width));
        } catch (IllegalArgumentException e) {
            fieldsFromWindow(); // not numbers, or a width of 0: back to the window in force
        }
    }

    private void fieldsFromWindow() {
        levelField.setText(format(window.level()));
        widthField.setText(format(window.width()));
    }

    /** Redraws every view from the current state. */
    private void refresh() {
        for (SlicePlane p : SlicePlane.values()) {
            float[] values = slicer.slice(p, cursor, time, convention, buffers.get(p));
            buffers.put(p, values);
            int[] rgb = SliceImage.render(values, window, map, null);
            if (overlay != null) {
                float[] o = overlay.slice(p, cursor, Math.min(time, overlay.timepoints() - 1), convention);
                SliceImage.blend(rgb, o, overlayWindow, overlayMap, opacity);
            }
            int[] cross = slicer.pixelOf(p, cursor, convention);
            views.get(p).show(rgb, slicer.width(p), slicer.height(p), slicer.pixelWidth(p), slicer.pixelHeight(p), cross[0], cross[1],
                    edges(p));
            sliders.get(p).setSelection((int) cursor[slicer.fixedVoxelAxis(p)]);
        }
        hover(cursor);
    }

    private String[] edges(SlicePlane p) {
        boolean neuro = convention == Convention.NEUROLOGICAL;
        return switch (p) {
            case AXIAL -> new String[] {neuro ? "L" : "R", neuro ? "R" : "L", "A", "P"};
            case CORONAL -> new String[] {neuro ? "L" : "R", neuro ? "R" : "L", "S", "I"};
            case SAGITTAL -> new String[] {"P", "A", "S", "I"};
        };
    }
}
