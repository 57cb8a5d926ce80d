package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;

/**
 * The precision Pi (inverse error covariance) of one predictive-coding level ({@code algorithms.md} §1 and §1b).
 * One class per form and estimator: {@link IdentityPrecision}; for the gradient estimator, log-variance parameters
 * s ({@link ScalarPrecision}, {@link DiagonalPrecision}, {@link FullPrecision}); for the running-moment estimator,
 * the damped running second moment S of the error ({@link ScalarMomentPrecision}, {@link DiagonalMomentPrecision},
 * {@link FullMomentPrecision}). The weighting each form applies is shared by its two estimators
 * ({@link ScalarWeighting}, {@link DiagonalWeighting}, {@link FullWeighting}).
 *
 * <p>Call order: {@link #refresh} whenever the parameters may have changed (once per batch), then any number of
 * {@link #weigh}, {@link #logDet}, {@link #maxEigenvalue} and {@link #writeGradient} calls. Buffers are allocated
 * once, when the precision is created, so the relaxation loop that calls {@link #weigh} allocates nothing. Not
 * thread-safe.
 */
sealed interface Precision permits IdentityPrecision, ScalarWeighting, DiagonalWeighting, FullWeighting {

    /**
     * The precision of one level, with its buffers allocated outside any workspace (they live as long as the layer).
     *
     * @param form precision form
     * @param estimator how it is learned (ignored for {@link PrecisionForm#NONE})
     * @param size values of the level per example
     * @param positions values that share one diagonal precision: 1 for a dense level, height x width of a
     *     convolutional level's feature maps (its diagonal form has one precision per channel)
     * @param dataType network data type
     * @param damping damping lambda of the running moments
     * @param decay decay beta of the running moments
     * @return the precision
     */
    static Precision of(PrecisionForm form, PrecisionEstimator estimator, long size, long positions,
            DataType dataType, double damping, double decay) {
        boolean moments = estimator == PrecisionEstimator.RUNNING_MOMENTS;
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return switch (form) {
                case NONE -> new IdentityPrecision(size);
                case SCALAR -> moments ? new ScalarMomentPrecision(size, damping, decay) : new ScalarPrecision(size);
                case DIAGONAL -> moments
                        ? new DiagonalMomentPrecision(size / positions, positions, dataType, damping, decay)
                        : new DiagonalPrecision(size / positions, positions, dataType);
                case FULL -> moments ? new FullMomentPrecision(size, dataType, damping, decay)
                        : new FullPrecision(size, dataType);
            };
        }
    }

    /** @return false for the identity, which has no parameters and weighs an error by returning it */
    boolean learnable();

    /**
     * Recomputes Pi, log det Pi and the largest eigenvalue of Pi from the parameters.
     *
     * @param params parameters of the level (not modified); null for the identity
     */
    void refresh(INDArray params);

    /**
     * Precision-weighted error Pi e, row by row.
     *
     * @param e errors, [batch, n] (not modified)
     * @param out buffer [batch, n] for the result (overwritten unless the precision is the identity)
     * @return {@code out} holding Pi e, or {@code e} itself for the identity
     */
    INDArray weigh(INDArray e, INDArray out);

    /** @return log det Pi at the last {@link #refresh} */
    double logDet();

    /** @return the largest eigenvalue of Pi at the last {@link #refresh}: the level's curvature in its own value */
    double maxEigenvalue();

    /**
     * What DL4J's gradient view receives for this precision's parameters after a batch: the gradient of the batch
     * energy sum_n [1/2 e_n^T Pi e_n - 1/2 log det Pi], summed over the batch, for the gradient estimator (DL4J
     * divides by the batch size in its updater); S - S_new for the running moments, which a no-op updater subtracts
     * as it stands ({@code BatchNormalization}'s pattern for its running statistics).
     *
     * @param e the errors to learn from, [batch, n] (not modified)
     * @param scratch work buffer [batch, n] (overwritten)
     * @param ones row of ones [1, batch] (not modified)
     * @param params the parameters (not modified)
     * @param view the gradient view of the parameters (overwritten)
     * @throws IllegalStateException (running moments) if the batch moment is not finite; nothing is written then
     */
    void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray params, INDArray view);

    /**
     * Projects gradient-estimated parameters in place so every variance stays in [floor, ceiling]; nothing for the
     * running moments, which the damping bounds.
     *
     * @param params parameters (modified)
     * @param floor variance floor
     * @param ceiling variance ceiling
     */
    void project(INDArray params, double floor, double ceiling);

    /**
     * Variances (diagonal of Sigma = Pi^-1) implied by the parameters; allocates, meant for statistics.
     *
     * @param params parameters (not modified); null for the identity
     * @return one variance per unit
     */
    double[] variances(INDArray params);
}
