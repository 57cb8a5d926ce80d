package org.precis.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.dataset.DataSet;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;

/**
 * Training batches from the Fashion-MNIST slice that ships in {@code precis-data} (2,000 images), so the benchmarks
 * train on real images without an installed data set.
 */
final class FixtureBatches {

    /** Seed of the batch order. */
    private static final long SEED = 1;

    private FixtureBatches() {
    }

    /**
     * @param batchSize examples per batch
     * @return the fixture's full batches of {@code batchSize} in a seeded order (the short last batch is dropped, so
     *         every step does the same work)
     */
    static DataSet[] of(int batchSize) {
        TrainTestData data = FashionMnist.fixture();
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(data.train(), batchSize, true, SEED);
        List<DataSet> batches = new ArrayList<>();
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            if (batch.numExamples() == batchSize) {
                batches.add(batch);
            }
        }
        return batches.toArray(new DataSet[0]);
    }
}
