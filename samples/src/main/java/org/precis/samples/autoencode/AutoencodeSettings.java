package org.precis.samples.autoencode;

import java.util.List;

/**
 * Everything {@link AutoencodeExperiment} needs besides the data, already validated by the command.
 *
 * @param models           which models, in order
 * @param model            settings shared by the models (input width of the main data)
 * @param epochs           training epochs on the main data
 * @param batch            batch size of every training
 * @param probeEpochs      epochs of each linear probe
 * @param plotPoints       test points drawn in each 2-D projection
 * @param traversalUnits   top-level units traversed per model
 * @param spriteImages     sprite images to train on; 0 skips the sprite part (no MIG)
 * @param spriteEpochs     training epochs on the sprites
 * @param tsnePoints       test points (the first ones) in each t-SNE picture; 0 draws no t-SNE pictures
 * @param probeEvery       epochs between linear probes during training; 0 for none
 * @param pictures         whether to draw pictures (reconstructions, projections, traversals)
 */
public record AutoencodeSettings(List<ModelKind> models, ModelSettings model, int epochs, int batch,
        int probeEpochs, int plotPoints, int traversalUnits, int spriteImages, int spriteEpochs, int tsnePoints,
        int probeEvery, boolean pictures) {

    /** Copies the model list. */
    public AutoencodeSettings {
        models = List.copyOf(models);
    }

    /** Whether models are also trained on sprites for MIG. */
    public boolean withSprites() {
        return spriteImages > 0;
    }

    /** Whether t-SNE pictures are drawn besides the PCA ones. */
    public boolean withTsne() {
        return tsnePoints > 0;
    }

    /** The same settings for another seed, drawing pictures or not. */
    public AutoencodeSettings forSeed(long seed, boolean drawPictures) {
        return new AutoencodeSettings(models, model.withSeed(seed), epochs, batch, probeEpochs, plotPoints,
                traversalUnits, spriteImages, spriteEpochs, tsnePoints, probeEvery, drawPictures);
    }
}
