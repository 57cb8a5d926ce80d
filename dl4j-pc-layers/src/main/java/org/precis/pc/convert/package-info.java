/**
 * Conversion between plain DL4J multilayer perceptrons ({@code DenseLayer}s + {@code OutputLayer}) and the
 * supervised predictive-coding layer, in both directions.
 */
package org.precis.pc.convert;
