package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.PrecisionForm;

/**
 * The precision Pi (inverse error covariance) of one predictive-coding level, from its log-variance parameters s
 * ({@code ALGORITHMS.md} §1, table of precision forms). One class per form: {@link IdentityPrecision},
 * {@link ScalarPrecision}, {@link DiagonalPrecision}, {@link FullPrecision}.
 *
 * <p>Call order: {@link #refresh} whenever the parameters may have changed (once per batch), then any number of
 * {@link #weigh}, {@link #logDet} and {@link #gradient} calls. Buffers are allocated once, when the precision is
 * created, so the relaxation loop that calls {@link #weigh} allocates nothing. Not thread-safe.
 */
sealed interface Precision permits IdentityPrecision, ScalarPrecision, DiagonalPrecision, FullPrecision {

    /**
     * The precision of one level, with its buffers allocated outside any workspace (they live as long as the layer).
     *
     * @param form precision form
     * @param size units of the level
     * @param dataType network data type
     * @return the precision
     */
    static Precision of(PrecisionForm form, long size, DataType dataType) {
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return switch (form) {
                case NONE -> new IdentityPrecision(size);
                case SCALAR -> new ScalarPrecision(size);
                case DIAGONAL -> new DiagonalPrecision(size, dataType);
                case FULL -> new FullPrecision(size, dataType);
            };
        }
    }

    /** @return false for the identity, which has no parameters and weighs an error by returning it */
    boolean learnable();

    /**
     * Recomputes Pi and log det Pi from the parameters.
     *
     * @param s parameters of the level (not modified); null for the identity
     */
    void refresh(INDArray s);

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

    /**
     * Gradient of the batch energy sum_n [1/2 e_n^T Pi e_n - 1/2 log det Pi] with respect to the parameters, summed
     * over the batch (DL4J divides by the batch size in its updater).
     *
     * @param e errors, [batch, n] (not modified)
     * @param scratch work buffer [batch, n] (overwritten)
     * @param ones row of ones [1, batch] (not modified)
     * @param grad gradient view of the parameters (overwritten)
     */
    void gradient(INDArray e, INDArray scratch, INDArray ones, INDArray grad);

    /**
     * Projects parameters in place so every variance stays in [floor, ceiling].
     *
     * @param s parameters (modified)
     * @param floor variance floor
     * @param ceiling variance ceiling
     */
    void project(INDArray s, double floor, double ceiling);

    /**
     * Variances (diagonal of Sigma = Pi^-1) implied by the parameters; allocates, meant for statistics.
     *
     * @param s parameters (not modified); null for the identity
     * @return one variance per unit
     */
    double[] variances(INDArray s);
}
