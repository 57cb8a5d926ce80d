package org.precis.samples.autoencode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.nd4j.linalg.dataset.DataSet;
import org.precis.data.ShuffledDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains a model for a number of epochs, timing each and logging progress once per epoch. */
final class EpochTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EpochTrainer.class);

    private EpochTrainer() {
    }

    /**
     * @param label  what is trained, for the log ("pc on fashion-mnist")
     * @param model  the model (modified: trained)
     * @param data   training examples; only the features are used (not modified)
     * @param epochs passes over the data
     * @param batch  batch size
     * @param seed   seed of the batch order
     * @return seconds of each epoch
     */
    static List<Double> train(String label, AutoencoderModel model, DataSet data, int epochs, int batch, long seed) {
        return train(label, model, data, epochs, batch, seed, epoch -> { });
    }

    /**
     * As {@link #train(String, AutoencoderModel, DataSet, int, int, long)}, calling {@code afterEpoch} with the
     * number of epochs trained after each one (outside the timing).
     */
    static List<Double> train(String label, AutoencoderModel model, DataSet data, int epochs, int batch, long seed,
            IntConsumer afterEpoch) {
        DataSet unsupervised = new DataSet(data.getFeatures(), data.getFeatures());
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(unsupervised, batch, true, seed);
        List<Double> seconds = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            iterator.reset();
            long start = System.nanoTime();
            model.trainEpoch(iterator);
            double s = (System.nanoTime() - start) / 1e9;
            seconds.add(s);
            LOG.info(String.format(java.util.Locale.ROOT, "%s: epoch %d/%d took %.1f s", label, e, epochs, s));
            afterEpoch.accept(e);
        }
        return seconds;
    }
}
