package org.precis.samples.autoencode;

import java.util.Map;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.precis.eval.LevelledModel;

/**
 * One auto-encoder of the comparison, seen as a hierarchy of levels 1..L (level 0 the data, L the top code).
 * Call order: {@link #trainEpoch} any number of times, then the read-only methods of {@link LevelledModel}, which
 * never change parameters.
 */
public interface AutoencoderModel extends LevelledModel {

    /** Short name used in files and {@code results.json} ({@code pc}, {@code vae}, {@code autoencoder}). */
    String name();

    /** One unsupervised pass over {@code data} (features only are used). */
    void trainEpoch(DataSetIterator data);

    /** Hyperparameters and architecture (and, once trained, any learned state worth reporting), for
     * {@code results.json}. */
    Map<String, Object> describe();
}
