/**
 * What an experiment leaves behind in its output directory: {@code results.json}, a per-epoch CSV, PNG plots
 * (XChart) and an {@code index.html} that shows them, plus the summary table printed on the terminal.
 */
package org.precis.samples.report;
