/**
 * Implementations of the predictive-coding layers. Each is created by its configuration's
 * {@code instantiate(...)}; users normally meet them only through a {@code MultiLayerNetwork} or
 * {@code ComputationGraph}.
 */
package org.precis.pc.layers;
