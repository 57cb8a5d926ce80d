/**
 * The {@code search} subcommand: an Arbiter random or grid search over the hyperparameters of one arm
 * ({@code bp-adam}, {@code kfac}, {@code pc}, {@code pc-precision}), scored on a validation part of the training
 * data, with ranked candidates in {@code results.json}, CSV and HTML, and the best configuration saved for
 * {@code compare --arm-config}.
 */
package org.precis.samples.search;
