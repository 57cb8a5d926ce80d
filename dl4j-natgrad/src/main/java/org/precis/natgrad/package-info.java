/**
 * K-FAC natural-gradient training for Deeplearning4j networks (Martens and Grosse 2015; see
 * {@code shared/ALGORITHMS.md} §3): per-layer curvature blocks, an estimator for one network and a step policy.
 */
package org.precis.natgrad;
