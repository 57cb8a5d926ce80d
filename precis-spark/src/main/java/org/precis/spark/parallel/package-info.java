/**
 * K-FAC under DL4J's {@code ParallelWrapper} in {@code AVERAGING} mode (several worker threads on one machine,
 * parameters and updater state averaged every {@code averagingFrequency} minibatches). Predictive-coding networks
 * need nothing from here: the default trainer context averages every parameter, learned precisions and running
 * estimates included.
 */
package org.precis.spark.parallel;
