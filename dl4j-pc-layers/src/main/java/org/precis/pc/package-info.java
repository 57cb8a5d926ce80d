/**
 * Precision-weighted predictive coding (PC) as Deeplearning4j layers.
 *
 * <p>A PC layer holds a whole hierarchy of value nodes and relaxes them on every batch before it learns with
 * local, precision-weighted updates (Ofner et al. 2021, arXiv 2111.06942; see {@code site/src/docs/algorithms.md} §1).
 *
 * <p>Where to start:
 * <ul>
 *   <li>{@link org.precis.pc.PcNetworks}: ready-made PC perceptrons, with or without learned precision;</li>
 *   <li>{@link org.precis.pc.conf.PredictiveCodingOutputLayer}: the layer configuration and all its options,
 *       usable as the last layer of any {@code MultiLayerNetwork} or {@code ComputationGraph};</li>
 *   <li>{@link org.precis.pc.convert.PcConversions}: switch an existing MLP configuration to PC, and export a
 *       PC-trained network as a plain DL4J network;</li>
 *   <li>{@link org.precis.pc.stats.PcStatisticsListener}: per-level energy across relaxation and the learned
 *       precisions during training;</li>
 *   <li>{@link org.precis.pc.conf.GenerativePcLayer}: the unsupervised, generative PC layer (a pretrain layer:
 *       {@code net.pretrain(...)}), whose inferred latents are hierarchical embeddings.</li>
 * </ul>
 *
 * <p>Run training JVMs with {@code OMP_NUM_THREADS=1} on small machines: ND4J's OpenMP and OpenBLAS threads
 * otherwise contend and a small MLP trains several times slower.
 */
package org.precis.pc;
