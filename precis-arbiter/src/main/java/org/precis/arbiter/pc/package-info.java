/**
 * Arbiter search spaces for the predictive-coding layers, used in a {@code MultiLayerSpace} like any of Arbiter's
 * layer spaces: {@link org.precis.arbiter.pc.PredictiveCodingOutputLayerSpace} for the supervised
 * {@link org.precis.pc.conf.PredictiveCodingOutputLayer} and {@link org.precis.arbiter.pc.GenerativePcLayerSpace}
 * for the generative {@link org.precis.pc.generative.GenerativePcLayer}.
 */
package org.precis.arbiter.pc;
