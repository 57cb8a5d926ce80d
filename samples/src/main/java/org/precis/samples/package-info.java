/**
 * The Precis experiment program: {@code java -jar precis-samples.jar <subcommand>}. See {@link
 * org.precis.samples.PrecisCli} for the subcommands and {@code README.md} for the command-line contract.
 */
package org.precis.samples;
