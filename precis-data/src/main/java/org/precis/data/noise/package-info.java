/**
 * The noise of the robustness experiments ({@code algorithms.md} §4) as DL4J {@code DataSetPreProcessor}s that
 * any {@code DataSetIterator} can use: Gaussian input noise and symmetric label noise. Combine them with
 * {@code CompositeDataSetPreProcessor}, label noise first.
 */
package org.precis.data.noise;
