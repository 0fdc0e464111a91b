package org.gyrus.adversarial.nodes;

import org.scijava.plugin.Parameter;

/** The parameters every attack node has: what to aim at, how to read the samples, their valid range. */
public class AttackParameters {
    /** Target. */
    @Parameter(label = "Target class", description = "-1: untargeted (push away from the label); a class index: targeted (pull every sample towards it)", min = "-1")
    public int target = -1;
    /** Sample shape. */
    @Parameter(label = "Sample shape", description = "Shape of one row of the feature matrix, channels first (1,8,8; 1,16,16,16); empty: flat rows", required = false)
    public String sampleShape = "";
    /** Label column. */
    @Parameter(label = "Label column", description = "Integer class column of the labels table")
    public String labelColumn = "label";
    /** Valid range. */
    @Parameter(label = "Valid range", description = "min,max of valid values (0,1 for images scaled to [0, 1]); empty: the data's own", required = false)
    public String range = "";
}
