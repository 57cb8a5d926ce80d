package org.precis.samples.autoencode;


/**
 * What every model of one comparison shares (input width, level sizes, learning rate, seed) and the settings of
 * the predictive-coding model.
 *
 * @param nIn          input width (pixels)
 * @param latentSizes  sizes of levels 1..L, bottom first
 * @param learningRate Adam learning rate of every model
 * @param seed         seed of the weight initialisation
 * @param pc           settings of the predictive-coding models
 */
public record ModelSettings(int nIn, int[] latentSizes, double learningRate, long seed, PcModelSettings pc) {

    /** Copies the sizes so that later changes to the caller's array do not leak in. */
    public ModelSettings {
        latentSizes = latentSizes.clone();
    }

    /** The same settings for another input width (the sprite images). */
    public ModelSettings withInputs(int inputs) {
        return new ModelSettings(inputs, latentSizes, learningRate, seed, pc);
    }

    /** The same settings with another seed. */
    public ModelSettings withSeed(long newSeed) {
        return new ModelSettings(nIn, latentSizes, learningRate, newSeed, pc);
    }

    @Override
    public int[] latentSizes() {
        return latentSizes.clone();
    }
}
