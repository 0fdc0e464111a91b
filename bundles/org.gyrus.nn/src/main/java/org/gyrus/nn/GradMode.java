package org.gyrus.nn;

/** Per-thread switch that turns graph recording off for inference. */
final class GradMode {

    private static final ThreadLocal<boolean[]> DISABLED = ThreadLocal.withInitial(() -> new boolean[1]);

    private GradMode() {
    }

    static boolean isEnabled() {
        return !DISABLED.get()[0];
    }

    static void set(boolean enabled) {
        DISABLED.get()[0] = !enabled;
    }

    static NoGrad disable() {
        boolean[] flag = DISABLED.get();
        NoGrad scope = new NoGrad(!flag[0]);
        flag[0] = true;
        return scope;
    }
}
