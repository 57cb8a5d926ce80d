/**
 * Runs arms on shared data: the same architecture, data order, noise, epochs and seeds for every arm, with
 * progress on the terminal and per-epoch figures collected for the reports.
 */
package org.precis.samples.experiment;
