package org.precis.samples.autoencode;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * One auto-encoder of the comparison, seen as a hierarchy of levels 1..L (level 0 the data, L the top code).
 * Call order: {@link #trainEpoch} any number of times, then the read-only methods, which never change parameters.
 */
public interface AutoencoderModel {

    /** Short name used in files and {@code results.json} ({@code pc}, {@code vae}, {@code autoencoder}). */
    String name();

    /** Sizes of levels 1..L, bottom first (a copy). */
    int[] levelSizes();

    /** One unsupervised pass over {@code data} (features only are used). */
    void trainEpoch(DataSetIterator data);

    /**
     * The embedding of {@code x} at every level.
     *
     * @param x data, [batch, nIn] (not modified)
     * @return index l - 1 holds level l, [batch, size of level l]; fresh arrays
     */
    INDArray[] embed(INDArray x);

    /**
     * Whether {@link #reconstructFrom} works from {@code level}: a model reconstructs only through the maps it
     * learned (a VAE decodes only from its code).
     */
    boolean reconstructsFrom(int level);

    /**
     * The model's reconstruction of the data from one level's embedding of it.
     *
     * @param embedding the embedding of the data at {@code level}, as {@link #embed} returns it (not modified)
     * @param level     level in [1, L] with {@link #reconstructsFrom} true
     * @return the reconstruction, [batch, nIn], a fresh array
     */
    INDArray reconstructFrom(INDArray embedding, int level);

    /** Hyperparameters and architecture (and, once trained, any learned state worth reporting), for
     * {@code results.json}. */
    Map<String, Object> describe();
}
