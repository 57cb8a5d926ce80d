/**
 * Implementations of the predictive-coding layers ({@link org.precis.pc.layers.PredictiveCodingOutputLayerImpl},
 * {@link org.precis.pc.layers.GenerativePcLayerImpl}), each created by its configuration's {@code instantiate(...)},
 * and the engine they share: one relaxation loop over a wiring of levels and predictions (bottom-up or top-down),
 * the Gaussian and categorical energies, and one class per precision form. The engine is package-private; users
 * meet the layers through a {@code MultiLayerNetwork} or {@code ComputationGraph}, and their reports through
 * {@link org.precis.pc.layers.PcLayer}.
 */
package org.precis.pc.layers;
