package org.precis.pc.conf;

/** How a trained supervised predictive-coding layer computes its output at test time. */
public enum InferenceMode {
    /** The feed-forward sweep mu_l = f_l(W_l x_{l-1} + b_l) (amortised inference). The default. */
    FEED_FORWARD,
    /**
     * Iterative inference: every level above the input starts at zero and descends the energy for the
     * configured number of relaxation steps with the top level free; the output is the relaxed top value.
     * It converges to the feed-forward sweep (the energy minimum) as the steps grow.
     */
    RELAXED
}
