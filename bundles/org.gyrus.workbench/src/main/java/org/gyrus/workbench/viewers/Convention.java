package org.gyrus.workbench.viewers;

/**
 * Which side of the screen the patient's left is on in axial and coronal views. The sagittal view
 * is the same in both (anterior on the right).
 */
public enum Convention {
    /** "Left is left": the patient's left on the screen's left, as if looking from behind or above (FSLeyes, MRIcroGL, nilearn). */
    NEUROLOGICAL,
    /** "Left is right": the patient's left on the screen's right, as if facing the patient (radiology reading rooms). */
    RADIOLOGICAL;

    /** A short note for the view's corner: which side is the patient's left. */
    public String note() {
        return this == NEUROLOGICAL ? "neurological (L is left)" : "radiological (L is right)";
    }
}
