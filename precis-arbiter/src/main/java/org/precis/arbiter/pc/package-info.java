/**
 * Arbiter search space for the supervised predictive-coding layer
 * ({@link org.precis.pc.conf.PredictiveCodingOutputLayer}):
 * {@link org.precis.arbiter.pc.PredictiveCodingOutputLayerSpace}, used in a {@code MultiLayerSpace} like any of
 * Arbiter's layer spaces.
 */
package org.precis.arbiter.pc;
