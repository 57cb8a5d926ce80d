package org.precis.samples.experiment;

import java.util.List;
import org.precis.samples.arms.NetworkShape;

/**
 * What every arm of one experiment shares.
 *
 * @param shape       network architecture
 * @param epochs      passes over the training data
 * @param batchSize   examples per training batch
 * @param seeds       one run per seed; the seed fixes initial weights, data order and noise
 * @param labelNoise  fraction of training labels flipped to another class (0 = clean)
 * @param inputNoise  standard deviation of Gaussian noise added to training and test inputs (0 = clean)
 */
public record ExperimentSettings(NetworkShape shape, int epochs, int batchSize, List<Long> seeds,
        double labelNoise, double inputNoise) {

    /** Copies the seed list. */
    public ExperimentSettings {
        seeds = List.copyOf(seeds);
    }
}
