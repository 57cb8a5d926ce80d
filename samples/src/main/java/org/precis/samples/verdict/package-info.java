/**
 * Verdicts on the founding paper's claims, computed from measured figures: each claim holds, does not hold, or
 * its difference lies within the spread over seeds.
 */
package org.precis.samples.verdict;
