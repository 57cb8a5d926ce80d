/**
 * Introspection of predictive-coding layers during training: per-level energy across relaxation steps and the
 * current precisions, as snapshots a {@code TrainingListener} can log or plot.
 */
package org.precis.pc.stats;
