/**
 * Predictive-coding layers in DL4J's training UI (optional module {@code precis-ui}).
 *
 * <p>{@link org.precis.ui.TrainingUi#addListeners} records, under one session of a DL4J stats storage, DL4J's own
 * statistics ({@code StatsListener}) and, for every PC layer, a {@link org.precis.ui.PcLevelsReport} of per-level
 * energy and precision; {@link org.precis.ui.TrainingUi#serve} starts DL4J's UI server, whose {@code /train} pages
 * show the first and whose {@code /pc} page ({@link org.precis.ui.PcUiModule}, found by the service loader) shows the
 * second. A {@code FileStatsStorage} keeps both for viewing later.
 */
package org.precis.ui;
