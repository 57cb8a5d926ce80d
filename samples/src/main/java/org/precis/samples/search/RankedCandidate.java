package org.precis.samples.search;

import java.util.Map;

/**
 * One candidate of a search, as reported in {@code results.json}, the CSV and the HTML page.
 *
 * @param rank               1 for the best validation accuracy; failed candidates rank after all others
 * @param index              Arbiter's candidate number, from 0, in the order candidates were drawn
 * @param status             {@code Complete} or {@code Failed}
 * @param validationAccuracy accuracy on the validation part (0..1), or null when the candidate failed
 * @param seconds            training and scoring time, or null when unknown
 * @param hyperparameters    the values the candidate trained with, by name (empty when it could not be built)
 * @param error              first line of the failure, or null
 */
public record RankedCandidate(int rank, int index, String status, Double validationAccuracy, Double seconds,
        Map<String, Object> hyperparameters, String error) {
}
