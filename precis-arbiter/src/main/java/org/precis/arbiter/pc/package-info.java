/**
 * Arbiter search spaces for the predictive-coding layers, used in a {@code MultiLayerSpace} like any of Arbiter's
 * layer spaces: {@link org.precis.arbiter.pc.PredictiveCodingOutputLayerSpace} for the supervised
 * {@link org.precis.pc.conf.PredictiveCodingOutputLayer} and {@link org.precis.arbiter.pc.GenerativePcLayerSpace}
 * for the generative {@link org.precis.pc.conf.GenerativePcLayer}. Both share the
 * dimensions of {@link org.precis.arbiter.pc.RelaxationLayerSpace}.
 */
package org.precis.arbiter.pc;
