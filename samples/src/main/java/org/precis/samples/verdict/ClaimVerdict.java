package org.precis.samples.verdict;

/**
 * One claim and its verdict, with the figures behind it.
 *
 * @param claim      short identifier, e.g. {@code label-noise-beats-sgd}
 * @param statement  the claim in words
 * @param verdict    the outcome
 * @param difference the measured difference the verdict rests on (NaN when not measured)
 * @param threshold  how large the difference had to be to count (spread over seeds, or the minimum margin)
 * @param evidence   the figures in words
 */
public record ClaimVerdict(String claim, String statement, Verdict verdict, double difference, double threshold,
        String evidence) {
}
