package org.precis.samples.experiment;

import org.precis.samples.arms.NetworkShape;

/**
 * What every run of an experiment shares: the architecture and the training budget.
 *
 * @param shape     network architecture
 * @param epochs    passes over the training data
 * @param batchSize examples per training batch
 */
public record TrainingBudget(NetworkShape shape, int epochs, int batchSize) {

    /** Training batches per epoch for {@code trainingExamples} examples (the last batch may be short). */
    public int batchesPerEpoch(int trainingExamples) {
        return (trainingExamples + batchSize - 1) / batchSize;
    }
}
