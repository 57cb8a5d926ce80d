package org.precis.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model that represents data at levels 1..L (level 0 the data, L the top code) and may reconstruct the data from
 * some of them: a hierarchical auto-encoder, a generative predictive-coding network, a stack of encoders. What
 * {@link Embeddings} needs to embed a whole data set and measure reconstructions; read-only.
 */
public interface LevelledModel {

    /** @return sizes of levels 1..L, bottom first (a copy) */
    int[] levelSizes();

    /**
     * The embedding of {@code x} at every level.
     *
     * @param x data, [batch, nIn] (not modified)
     * @return index l - 1 holds level l, [batch, size of level l]; fresh arrays
     */
    INDArray[] embed(INDArray x);

    /**
     * @param level level in [1, L]
     * @return whether {@link #reconstructFrom} works from that level (a VAE decodes only from its code)
     */
    boolean reconstructsFrom(int level);

    /**
     * The model's reconstruction of the data from one level's embedding of it.
     *
     * @param embedding the embedding of the data at {@code level}, as {@link #embed} returns it (not modified)
     * @param level level in [1, L] with {@link #reconstructsFrom} true
     * @return the reconstruction, [batch, nIn], a fresh array
     */
    INDArray reconstructFrom(INDArray embedding, int level);
}
