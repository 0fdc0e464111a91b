package org.gyrus.adversarial.nodes;

import org.scijava.plugin.Parameter;

/** The parameters every attack node has: what to aim at, how to read the samples, their valid range. */
public class AttackParameters extends DataParameters {
    /** Target. */
    @Parameter(label = "Target class", description = "-1: untargeted (push away from the label); a class index: targeted (pull every sample towards it)", min = "-1")
    public int target = -1;
}
