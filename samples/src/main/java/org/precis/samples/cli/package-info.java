/**
 * Command-line options shared by the subcommands (picocli mixins), following the contract in
 * {@code DESIGN.md}: data selection, architecture, budget, seeds, noise and output directory.
 */
package org.precis.samples.cli;
