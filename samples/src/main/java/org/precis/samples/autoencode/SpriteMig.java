package org.precis.samples.autoencode;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.data.sprites.SpriteData;
import org.precis.data.sprites.SpriteGrid;
import org.precis.data.sprites.Sprites;
import org.precis.eval.Embeddings;
import org.precis.eval.MutualInformationGap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disentanglement on the sprite data set: a fresh model of each kind is trained on a seeded sample of sprites,
 * then each level's embedding of an independent sample is scored by the mutual information gap against the five
 * known factors (shape, scale, rotation, x, y).
 */
final class SpriteMig {

    private static final Logger LOG = LoggerFactory.getLogger(SpriteMig.class);

    /** Images scored by MIG: the plug-in bias is about (20 - 1)(16 - 1) / (2 * 5000) = 0.03 nats at most. */
    static final int EVALUATION_IMAGES = 5000;

    private final SpriteData train;
    private final SpriteData evaluation;

    /**
     * @param trainImages images to train on
     * @param seed        seed of the training sample; the evaluation sample uses {@code seed + 1}
     */
    SpriteMig(int trainImages, long seed) {
        SpriteGrid grid = SpriteGrid.defaults();
        this.train = Sprites.sample(grid, trainImages, seed);
        this.evaluation = Sprites.sample(grid, EVALUATION_IMAGES, seed + 1);
    }

    /** Pixels per sprite image. */
    int pixels() {
        return train.grid().pixels();
    }

    /** The training images, as an unsupervised data set. */
    org.nd4j.linalg.dataset.DataSet trainingData() {
        return train.toAutoencoderDataSet();
    }

    /** MIG of each level's embedding of the evaluation sample, bottom first. */
    List<Double> score(AutoencoderModel model) {
        INDArray[] levels = Embeddings.embed(model, evaluation.features());
        List<Double> mig = new ArrayList<>();
        for (int l = 0; l < levels.length; l++) {
            double[][] code = levels[l].castTo(DataType.DOUBLE).toDoubleMatrix();
            try {
                mig.add(MutualInformationGap.compute(code, evaluation.factors()));
            } catch (IllegalArgumentException e) {
                // A diverged model's non-finite code has no MIG; report the gap and keep the other figures.
                LOG.warn("{}: no MIG at level {}: {}", model.name(), l + 1, e.getMessage());
                mig.add(null);
            }
        }
        return mig;
    }
}
