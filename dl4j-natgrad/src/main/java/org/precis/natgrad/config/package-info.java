/**
 * The K-FAC updater configuration ({@link org.precis.natgrad.config.KFac}), an ND4J {@code IUpdater} that carries
 * every K-FAC hyperparameter in a DL4J configuration's JSON, and its worker
 * {@link org.precis.natgrad.config.KFacUpdater}, which applies learning rate and momentum to the natural gradient.
 */
package org.precis.natgrad.config;
