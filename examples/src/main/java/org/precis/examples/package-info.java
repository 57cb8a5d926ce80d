/**
 * Runnable examples, one file and one task each, in the style of DL4J's examples. Each has a {@code main} that runs it
 * on Fashion-MNIST (Debian's {@code dataset-fashion-mnist}) and a {@code run} method that does the work, which the
 * tests call on the 2,000-image fixture so that no example can stop working unnoticed. The guides on the site show
 * their code, checked against these files by the site's tests.
 *
 * <ul>
 *   <li>{@link org.precis.examples.PcClassifier}: a predictive-coding classifier from scratch;</li>
 *   <li>{@link org.precis.examples.ConvertExistingNetwork}: an existing configuration trained by PC, exported back;</li>
 *   <li>{@link org.precis.examples.KFacOnExistingNetwork}: K-FAC on an existing network, in two lines;</li>
 *   <li>{@link org.precis.examples.ArbiterPcSearch}: an Arbiter search over a PC layer's options;</li>
 *   <li>{@link org.precis.examples.GenerativeEmbeddings}: unsupervised embeddings per level, probed linearly;</li>
 *   <li>{@link org.precis.examples.PcTrainingUi}: a PC network in DL4J's training UI.</li>
 * </ul>
 */
package org.precis.examples;
