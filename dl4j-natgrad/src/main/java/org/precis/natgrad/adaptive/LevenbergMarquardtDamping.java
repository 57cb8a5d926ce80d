package org.precis.natgrad.adaptive;

/**
 * The damping {@code lambda} of adaptive K-FAC and its Levenberg-Marquardt rule (Martens and Grosse 2015, section
 * 6.5): every {@code T1} steps, with {@code rho} the loss's actual change divided by the quadratic model's predicted
 * change over a step, {@code lambda <- decay^T1 lambda} when {@code rho > 3/4} (the model is trustworthy: allow
 * longer steps), {@code lambda <- boost^T1 lambda} when {@code rho < 1/4} or {@code rho} is not a number (it is
 * not), unchanged in between; always clamped to {@code [min, max]}.
 */
final class LevenbergMarquardtDamping {

    /** Below this ratio the model counts as poor and the damping grows (Martens and Grosse: 1/4). */
    static final double POOR_FIT = 0.25;
    /** Above this ratio the model counts as good and the damping shrinks (Martens and Grosse: 3/4). */
    static final double GOOD_FIT = 0.75;

    private final int period;
    private final double decayFactor;
    private final double boostFactor;
    private final double min;
    private final double max;
    private double value;

    /**
     * @param initial the first damping, in {@code [min, max]}
     * @param period  {@code T1}, steps between adaptations, {@code >= 1}
     * @param decay   per-step decay {@code omega} in {@code (0, 1]}
     * @param boost   per-step boost {@code >= 1}
     * @param min     lower bound {@code >= 0}
     * @param max     upper bound {@code >= min}
     */
    LevenbergMarquardtDamping(double initial, int period, double decay, double boost, double min, double max) {
        this.value = initial;
        this.period = period;
        this.decayFactor = Math.pow(decay, period);
        this.boostFactor = Math.pow(boost, period);
        this.min = min;
        this.max = max;
    }

    /** @return the current damping */
    double value() {
        return value;
    }

    /** @param restored a damping saved from {@link #value()} (a checkpoint) */
    void restore(double restored) {
        value = restored;
    }

    /**
     * @param step the index of the step about to be taken, from 0
     * @return whether this step's reduction ratio adapts the damping (the last step of every period of {@code T1})
     */
    boolean adaptsAfter(long step) {
        return (step + 1) % period == 0;
    }

    /** @param rho the reduction ratio of the last step; NaN counts as a poor fit */
    void adapt(double rho) {
        if (rho > GOOD_FIT) {
            value *= decayFactor;
        } else if (!(rho >= POOR_FIT)) {
            value *= boostFactor;
        }
        value = Math.min(max, Math.max(min, value));
    }
}
