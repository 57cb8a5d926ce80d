package org.precis.pc.conf;

/** Energy of the top (output) level of a supervised predictive-coding layer, where the labels are clamped. */
public enum TopEnergy {
    /**
     * Gaussian: 1/2 e^T Pi e - 1/2 log det Pi with e = y - f(a), Pi the output precision (any
     * {@link PrecisionForm}). A learnable output precision is how the network discounts noisy labels.
     */
    GAUSSIAN,
    /**
     * Categorical: cross-entropy of softmax(a) against the labels. The top error is y - softmax(a); the output
     * activation must be softmax and the output level has no precision.
     */
    CATEGORICAL
}
