package org.precis.samples.autoencode;

import java.util.List;
import java.util.Map;

/**
 * The figures of one model, as written to {@code results.json}: lists hold one entry per level 1..L, bottom
 * first; an entry is null where the figure does not exist (a VAE does not decode from its hidden layers) or
 * was not measured (MIG with {@code --skip-sprites}).
 *
 * @param name                   model name ({@code pc}, {@code vae}, {@code autoencoder})
 * @param description            architecture and hyperparameters
 * @param levelSizes             sizes of levels 1..L
 * @param probeAccuracy          linear-probe test accuracy of each level's embedding, 0..1
 * @param reconstructionMse      test mean squared error per pixel of the reconstruction from each level
 * @param mig                    mutual information gap of each level's embedding on the sprite data set
 * @param secondsPerEpoch        wall-clock seconds of each training epoch on the main data
 * @param spriteSecondsPerEpoch  wall-clock seconds of each training epoch on the sprites (empty if skipped)
 * @param relaxation             PC models: relaxations, steps, energy rises and steps per relaxation over the
 *                               training on the main data (empty for other models)
 * @param startComparison        amortised PC models: the prior and amortised starts compared on test images
 *                               ({@link PcModel#compareStarts}; empty otherwise)
 * @param probesDuringTraining   linear-probe accuracy per level after every {@code --probe-every} epochs, with the
 *                               energy rises of PC models since the previous probe (empty without the option)
 */
public record ModelReport(String name, Map<String, Object> description, int[] levelSizes,
        List<Double> probeAccuracy, List<Double> reconstructionMse, List<Double> mig, List<Double> secondsPerEpoch,
        List<Double> spriteSecondsPerEpoch, Map<String, Double> relaxation, Map<String, Double> startComparison,
        List<EpochProbe> probesDuringTraining) {

    /**
     * Probes taken during training.
     *
     * @param epoch        epochs trained so far
     * @param probeAccuracy linear-probe test accuracy of each level
     * @param energyRises  relaxation steps that raised the energy since the previous probe (PC models; else null)
     */
    public record EpochProbe(int epoch, List<Double> probeAccuracy, Double energyRises) {
    }
}
