package org.gyrus.workbench.viewers;

/**
 * The three orthogonal views. Each fixes one world axis and shows the other two: the screen's
 * horizontal axis and its vertical axis (up on the screen). Horizontal runs left to right along
 * {@link #columnAxis()} in the neurological convention (see {@link Convention}); up is anterior in
 * the axial view and superior in the coronal and sagittal views; the sagittal view has anterior
 * on the right.
 */
public enum SlicePlane {
    /** Looking from above: fixes S; R-L horizontal, anterior up. */
    AXIAL(2, 0, 1),
    /** Looking from the front: fixes A; R-L horizontal, superior up. */
    CORONAL(1, 0, 2),
    /** Looking from the side: fixes R; posterior to anterior left to right, superior up. */
    SAGITTAL(0, 1, 2);

    private final int fixed;
    private final int column;
    private final int row;

    SlicePlane(int fixed, int column, int row) {
        this.fixed = fixed;
        this.column = column;
        this.row = row;
    }

    /** The world axis this view fixes (0 = R, 1 = A, 2 = S). */
    public int fixedAxis() {
        return fixed;
    }

    /** The world axis along the screen's horizontal. */
    public int columnAxis() {
        return column;
    }

    /** The world axis pointing up the screen. */
    public int rowAxis() {
        return row;
    }

    /** The name shown to users ("Axial"). */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
