/**
 * The {@code autoencode} subcommand: the generative predictive-coding layer against DL4J's
 * {@code VariationalAutoencoder} and a stacked DL4J {@code AutoEncoder} of the same sizes, compared by test
 * reconstruction error, linear-probe accuracy of each level's embedding, 2-D projections of the embeddings,
 * traversals of top-level latents, and the mutual information gap on the sprite data set
 * ({@code org.precis.data.sprites}).
 *
 * <p>Call order of a model ({@link org.precis.samples.autoencode.AutoencoderModel}): create -> trainEpoch* ->
 * embed / reconstruct / decodeTop.
 */
package org.precis.samples.autoencode;
