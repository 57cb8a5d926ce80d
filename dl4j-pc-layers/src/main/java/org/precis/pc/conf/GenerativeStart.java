package org.precis.pc.conf;

/** Where the generative predictive-coding layer's latents start their relaxation, in training and inference. */
public enum GenerativeStart {
    /**
     * The top-down sweep from the prior mean: x_L = m, x_l = f_l(x_{l+1} W_{l+1} + b_{l+1}); at the start only the data
     * level carries error.
     */
    PRIOR,
    /**
     * A bottom-up recognition pass (hybrid predictive coding, Tschantz et al. 2023): x_l = h_l(x_{l-1} R_l + c_l) from
     * the data upwards, h_l the activation that predicts level l top-down (identity for the top). The recognition
     * weights are trained, beside the generative ones, to predict the relaxed latents of each batch from the relaxed
     * level below, so relaxation starts near where it ends and needs fewer steps.
     */
    AMORTISED
}
