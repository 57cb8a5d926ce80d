package org.precis.samples.autoencode;

import org.precis.pc.conf.PrecisionForm;

/**
 * What every model of one comparison shares (input width, level sizes, learning rate, seed) and the settings of
 * the predictive-coding model.
 *
 * @param nIn          input width (pixels)
 * @param latentSizes  sizes of levels 1..L, bottom first
 * @param learningRate Adam learning rate of every model
 * @param seed         seed of the weight initialisation
 * @param pcSteps      relaxation steps T of the PC model, in training and inference
 * @param pcStateRate  state rate eta_x of the PC model
 * @param pcPrecision  precision form of every PC level
 * @param pcVarianceFloor lower bound on every learnable PC variance
 */
public record ModelSettings(int nIn, int[] latentSizes, double learningRate, long seed, int pcSteps,
        double pcStateRate, PrecisionForm pcPrecision, double pcVarianceFloor) {

    /** Copies the sizes so that later changes to the caller's array do not leak in. */
    public ModelSettings {
        latentSizes = latentSizes.clone();
    }

    /** The same settings for another input width (the sprite images). */
    public ModelSettings withInputs(int inputs) {
        return new ModelSettings(inputs, latentSizes, learningRate, seed, pcSteps, pcStateRate, pcPrecision,
                pcVarianceFloor);
    }

    @Override
    public int[] latentSizes() {
        return latentSizes.clone();
    }
}
