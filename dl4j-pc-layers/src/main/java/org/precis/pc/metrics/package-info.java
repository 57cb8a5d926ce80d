/**
 * Measures of learned representations, such as the disentanglement of predictive-coding embeddings
 * ({@link org.precis.pc.metrics.MutualInformationGap}).
 */
package org.precis.pc.metrics;
