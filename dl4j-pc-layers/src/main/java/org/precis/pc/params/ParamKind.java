package org.precis.pc.params;

/**
 * What a parameter of a predictive-coding layer is, which decides its updater and regularisation: weights and
 * biases train like a {@code DenseLayer}'s, precisions have their own updater and are never regularised, the
 * generative layer's prior mean trains like a bias.
 */
public enum ParamKind {
    /** Weight matrix {@code W<l>} of the prediction between levels l-1 and l. */
    WEIGHT,
    /** Bias {@code b<l>} of that prediction. */
    BIAS,
    /** Log-variance parameters {@code s<l>} of level l's error (gradient-estimated precision). */
    PRECISION,
    /**
     * Running second moment {@code v<l>} of level l's error (running-moment precision): model state the layer
     * updates itself, never by an updater or a regulariser.
     */
    ERROR_MOMENT,
    /** Prior mean {@code m} of the generative layer's top level. */
    PRIOR_MEAN,
    /** Recognition weights {@code R<l>} of the generative layer's amortised start (level l-1 to level l). */
    RECOGNITION_WEIGHT,
    /** Recognition bias {@code c<l>} of the generative layer's amortised start. */
    RECOGNITION_BIAS
}
