package org.precis.pc.conf;

/**
 * How a predictive-coding level learns its precision ({@code algorithms.md} §1b). Applies to every level whose
 * {@link PrecisionForm} is not {@code NONE}.
 */
public enum PrecisionEstimator {
    /**
     * A damped running estimate of the error's second moment, S &lt;- beta S + (1 - beta) mean_batch(e e^T)
     * (scalar, diagonal or full, matching the form), and Pi = (S + lambda I)^-1: the closed-form fixed point of the
     * precision energy, reached within a few hundred batches whatever the updater. The damping lambda bounds every
     * eigenvalue of Pi by 1/lambda (no variance floor is needed) and is K-FAC's damping of its G factor. S is model
     * state, stored in the parameter vector under the keys {@code v<l>} like {@code BatchNormalization}'s running
     * statistics, so it is saved with the model and averaged by parameter averaging. The output precision of a
     * supervised Gaussian top is estimated from the feed-forward residual y - mu_L.
     */
    RUNNING_MOMENTS,
    /**
     * Descent of the energy in the log-variance parameters {@code s<l>} by the layer's (or the precision) updater,
     * projected into the variance floor and ceiling after each update. Adam moves a log-variance by about one
     * learning rate per step whatever the errors, so the fixed point takes thousands of steps; kept for comparison
     * and for models saved before {@link #RUNNING_MOMENTS} existed.
     */
    GRADIENT
}
