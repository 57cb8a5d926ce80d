/**
 * The training listener that applies K-FAC inside DL4J's own {@code fit()}: in {@code onGradientCalculation}, after
 * backprop and before the updater, it rewrites the gradient of every preconditioned layer in place.
 */
package org.precis.natgrad.listener;
