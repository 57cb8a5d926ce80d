package org.precis.samples.report;

import java.util.List;
import org.precis.samples.experiment.ArmResult;

/**
 * When a run first reached a target test accuracy: the epoch and the training seconds spent until then.
 *
 * @param arm     arm name
 * @param seed    run seed
 * @param target  the target test accuracy
 * @param epochs  first epoch whose test accuracy is at least the target, or null if none reached it
 * @param seconds training seconds up to and including that epoch, or null if none reached it
 */
public record TimeToTarget(String arm, long seed, double target, Integer epochs, Double seconds) {

    /** The time to {@code target} of every result. */
    public static List<TimeToTarget> of(List<ArmResult> results, double target) {
        return results.stream().map(r -> of(r, target)).toList();
    }

    /** The time to {@code target} of one result. */
    public static TimeToTarget of(ArmResult result, double target) {
        double seconds = 0;
        for (int e = 0; e < result.testAccuracyPerEpoch().size(); e++) {
            seconds += result.secondsPerEpoch().get(e);
            if (result.testAccuracyPerEpoch().get(e) >= target) {
                return new TimeToTarget(result.name(), result.seed(), target, e + 1, seconds);
            }
        }
        return new TimeToTarget(result.name(), result.seed(), target, null, null);
    }
}
