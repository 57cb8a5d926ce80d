/**
 * Evaluation of learned representations, for any model that embeds data at one or several levels
 * ({@link org.precis.eval.LevelledModel}): linear-probe accuracy ({@link org.precis.eval.LinearProbe}),
 * disentanglement by the mutual information gap ({@link org.precis.eval.MutualInformationGap}), reconstruction error
 * from each level ({@link org.precis.eval.Embeddings}), and 2-D pictures by PCA ({@link org.precis.eval.Pca}) or
 * t-SNE ({@link org.precis.eval.Tsne}).
 */
package org.precis.eval;
