/**
 * Arbiter hyperparameter search for Precis: search spaces for the predictive-coding layer
 * ({@link org.precis.arbiter.pc}) and the K-FAC updater ({@link org.precis.arbiter.natgrad}), plus the small
 * parameter spaces they share.
 *
 * <p>Spaces follow Arbiter's own (1.0.0-beta7) conventions: every dimension is a {@code ParameterSpace} field, a
 * dimension left unset keeps the configuration's documented default, and a space serialises to JSON/YAML with
 * Arbiter's {@code JsonMapper} and reads back equal.
 */
package org.precis.arbiter;
