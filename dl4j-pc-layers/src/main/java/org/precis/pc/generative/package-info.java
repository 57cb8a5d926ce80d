/**
 * Generative (unsupervised) predictive coding: a deterministic PC auto-encoder as a DL4J pretrain layer
 * ({@link org.precis.pc.generative.GenerativePcLayer}). Levels predict downwards, the data is clamped at the
 * bottom and every latent level is inferred by relaxation; the inferred latents are the embeddings (Ofner et al.
 * 2021, arXiv 2111.06942; {@code shared/ALGORITHMS.md} §1, "Generative direction").
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Adam(1e-3))
 *         .list().layer(new GenerativePcLayer.Builder().nIn(784).latentSizes(128, 32)
 *                 .activation(Activation.SIGMOID).build()).build());
 * net.init();
 * net.pretrain(trainIter);                                   // unsupervised training
 * GenerativePcLayerImpl pc = (GenerativePcLayerImpl) net.getLayer(0);
 * INDArray top = net.output(images);                         // embedding of the top level
 * INDArray level1 = pc.embedding(images, 1);
 * INDArray recon = pc.reconstruct(images);
 * }</pre>
 */
package org.precis.pc.generative;
