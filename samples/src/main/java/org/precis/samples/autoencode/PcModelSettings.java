package org.precis.samples.autoencode;

import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;

/**
 * The settings of the generative predictive-coding model ({@link GenerativePcLayer}).
 *
 * @param steps          relaxation steps T, in training and inference
 * @param stateRate      state rate eta_x
 * @param stepBound      bound c of each level's relaxation step (0: none)
 * @param tolerance      early-stop tolerance of relaxation (0: always T steps)
 * @param dataPrecision  precision form of the pixels (level 0)
 * @param latentPrecision precision form of the latent levels 1..L
 * @param estimator      how precisions are learned
 * @param damping        damping of the running-moment estimator
 * @param varianceFloor  variance floor of the gradient estimator
 */
public record PcModelSettings(int steps, double stateRate, double stepBound, double tolerance,
        PrecisionForm dataPrecision, PrecisionForm latentPrecision, PrecisionEstimator estimator, double damping,
        double varianceFloor) {

    /** The layer's own defaults. */
    public static PcModelSettings defaults() {
        GenerativePcLayer d = new GenerativePcLayer.Builder().nIn(1).latentSizes(1).build();
        return new PcModelSettings(d.getRelaxationSteps(), d.getStateRate(), d.getStepBound(), d.getTolerance(),
                d.getPrecisionForms()[0], d.getPrecisionForms()[1], d.getPrecisionEstimator(), d.getPrecisionDamping(),
                d.getVarianceFloor());
    }

    /**
     * The layer builder with these settings.
     *
     * @param nIn pixels
     * @param latentSizes sizes of levels 1..L
     * @param start where relaxation starts
     * @return the builder
     */
    GenerativePcLayer.Builder apply(int nIn, int[] latentSizes, GenerativeStart start) {
        return new GenerativePcLayer.Builder().nIn(nIn).latentSizes(latentSizes).relaxationSteps(steps)
                .stateRate(stateRate).stepBound(stepBound).tolerance(tolerance).dataPrecision(dataPrecision)
                .latentPrecision(latentPrecision).precisionEstimator(estimator).precisionDamping(damping)
                .varianceFloor(varianceFloor).start(start);
    }
}
