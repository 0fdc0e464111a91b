package org.gyrus.evaluate;

/** How proportions (sensitivity, specificity, PPV, NPV, accuracy, prevalence) get their interval. */
public enum IntervalMethod {
    /** Wilson's score interval. */
    WILSON,
    /** Clopper–Pearson's exact interval. */
    CLOPPER_PEARSON,
    /** The bootstrap, percentile. */
    PERCENTILE,
    /** The bootstrap, BCa. */
    BCA;

    /** The binomial interval, or {@code null} for the bootstrap methods. */
    ProportionInterval binomial() {
        return this == WILSON ? ProportionInterval.WILSON : this == CLOPPER_PEARSON ? ProportionInterval.CLOPPER_PEARSON : null;
    }

    /** The bootstrap method, or {@code null} for the binomial methods. */
    BootstrapMethod bootstrap() {
        return this == PERCENTILE ? BootstrapMethod.PERCENTILE : this == BCA ? BootstrapMethod.BCA : null;
    }
}
