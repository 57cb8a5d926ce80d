/**
 * DL4J's training UI for the experiment program: {@code --ui}, {@code --stats} and {@code --stats-every} of
 * {@code compare} and {@code noise} ({@link org.precis.samples.ui.TrainingUiOptions}), which record every run under
 * its own session ({@link org.precis.samples.ui.TrainingUiRecorder}), and the {@code ui} subcommand that opens a saved
 * statistics file ({@link org.precis.samples.ui.UiCommand}).
 */
package org.precis.samples.ui;
