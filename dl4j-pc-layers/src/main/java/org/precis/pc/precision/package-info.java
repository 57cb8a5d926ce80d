/**
 * Precision (inverse covariance) of a predictive-coding level: how each {@link org.precis.pc.conf.PrecisionForm}
 * maps its log-variance parameters to the precision, its log-determinant and the gradient of the energy with
 * respect to those parameters ({@code shared/ALGORITHMS.md} §1, table of precision forms).
 */
package org.precis.pc.precision;
