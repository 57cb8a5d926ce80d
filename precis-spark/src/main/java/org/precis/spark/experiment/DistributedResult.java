package org.precis.spark.experiment;

import java.util.List;
import java.util.Map;

/**
 * One training run of {@code spark-compare}: an arm and a seed, on one machine ({@code workers} 0) or under
 * parameter averaging.
 *
 * @param arm                  the arm's name
 * @param seed                 the run's seed
 * @param mode                 {@code single} (one machine, no Spark) or the Spark master URL
 * @param workers              parallel workers; 0 for the single-machine run
 * @param averagingFrequency   minibatches per worker between averagings; 0 for the single-machine run
 * @param curvature            K-FAC curvature sharing ({@code averaged}, {@code per-round}), or null when the arm
 *                             has no K-FAC or runs on one machine
 * @param testAccuracyPerEpoch test accuracy after each epoch
 * @param secondsPerEpoch      wall seconds of training per epoch (evaluation excluded)
 * @param examplesPerSecond    training examples per wall second over all epochs
 * @param breakdown            where the time went (null for the single-machine run)
 * @param diagnostics          the arm's diagnostics of the trained network (such as learned precisions)
 */
public record DistributedResult(String arm, long seed, String mode, int workers, int averagingFrequency,
        String curvature, List<Double> testAccuracyPerEpoch, List<Double> secondsPerEpoch, double examplesPerSecond,
        TimeBreakdown breakdown, Map<String, Double> diagnostics) {

    /** Mode of the single-machine runs. */
    public static final String SINGLE = "single";

    /** Copies the lists and the map. */
    public DistributedResult {
        testAccuracyPerEpoch = List.copyOf(testAccuracyPerEpoch);
        secondsPerEpoch = List.copyOf(secondsPerEpoch);
        diagnostics = Map.copyOf(diagnostics);
    }

    /** @return the test accuracy after the last epoch */
    public double testAccuracy() {
        return testAccuracyPerEpoch.get(testAccuracyPerEpoch.size() - 1);
    }

    /** @return the setting this run belongs to, e.g. {@code single} or {@code 2 workers} or {@code 2 workers, per-round} */
    public String setting() {
        if (workers == 0) {
            return SINGLE;
        }
        String base = workers + (workers == 1 ? " worker" : " workers")
                + (mode.startsWith("local[") ? "" : " (" + mode + ")");
        return curvature == null || curvature.equals("averaged") ? base : base + ", " + curvature;
    }
}
