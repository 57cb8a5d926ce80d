/**
 * K-FAC natural-gradient training for Deeplearning4j networks (Martens and Grosse 2015; see
 * {@code site/src/docs/algorithms.md} §3): per-layer curvature blocks ({@code .blocks}), an estimator for one network
 * and its step policy ({@code .estimator}), the {@code KFac} updater configuration ({@code .config}), and the DL4J
 * integration ({@code .wrap}, {@code .listener}); and {@code .updaters}, ND4J's Adam computed in Java
 * ({@link org.precis.natgrad.updaters.JavaAdam}), for any network.
 *
 * <p>Entry points: {@link org.precis.natgrad.KFacTraining#attach(org.deeplearning4j.nn.multilayer.MultiLayerNetwork)}
 * after {@code .updater(new KFac())} in the configuration, or
 * {@link org.precis.natgrad.KFacTraining#fit} to build and train a network in one call.
 */
package org.precis.natgrad;
