/**
 * Data for Precis experiments and for library users: Fashion-MNIST read from local IDX files
 * ({@link org.precis.data.fashion}), user CSV files through DataVec ({@link org.precis.data.csv}) and the
 * input- and label-noise transforms of the paper's robustness experiments ({@link org.precis.data.noise}), and a
 * dSprites-like sprite data set with known factors of variation, drawn in code ({@link org.precis.data.sprites}).
 */
package org.precis.data;
