package org.gyrus.diffusion;

/** What a denoising network predicts from x_t: the noise ε (Ho et al. 2020) or the velocity v (Salimans and Ho 2022). */
public enum Prediction {
    /** The noise ε that was added. */
    EPSILON("epsilon"),
    /** The velocity v = √ᾱ ε − √(1−ᾱ) x₀. */
    V("v");

    private final String id;

    Prediction(String id) {
        this.id = id;
    }

    /** The name used in parameters and model metadata: "epsilon" or "v". */
    public String id() {
        return id;
    }

    /** The prediction named {@code id}. */
    public static Prediction of(String id) {
        for (Prediction p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown prediction type '" + id + "': use epsilon or v");
    }
}
