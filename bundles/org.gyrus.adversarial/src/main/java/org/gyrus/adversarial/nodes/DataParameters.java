package org.gyrus.adversarial.nodes;

import org.scijava.plugin.Parameter;

/** The parameters of every node of this bundle that reads a network and samples: how to read the samples and labels, their valid range. */
public class DataParameters {
    /** Sample shape. */
    @Parameter(label = "Sample shape", description = "Shape of one row, channels first (1,8,8; 1,16,16,16), for a feature matrix that carries none; empty: the matrix's own shape, or flat rows", required = false)
    public String sampleShape = "";
    /** Label column. */
    @Parameter(label = "Label column", description = "Class column of the labels table (class names, or indices); empty: its column with role label (or named label)", required = false)
    public String labelColumn = "";
    /** Valid range. */
    @Parameter(label = "Valid range", description = "min,max of valid values (0,1 for images scaled to [0, 1]); empty: the data's own", required = false)
    public String range = "";
}
