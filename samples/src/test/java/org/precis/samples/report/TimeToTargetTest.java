package org.precis.samples.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.precis.samples.experiment.ArmResult;

class TimeToTargetTest {

    private static ArmResult run(List<Double> accuracies, List<Double> seconds) {
        return new ArmResult("a", 1, 0, 0, accuracies.get(accuracies.size() - 1), accuracies, List.of(1.0, 1.0, 1.0),
                "cross-entropy", seconds, List.of(), List.of(), Map.of(), Map.of());
    }

    @Test
    void theFirstEpochAtOrAboveTheTargetCountsWithTheSecondsUpToIt() {
        TimeToTarget t = TimeToTarget.of(run(List.of(0.80, 0.87, 0.90), List.of(2.0, 3.0, 4.0)), 0.87);

        assertThat(t.epochs()).isEqualTo(2);
        assertThat(t.seconds()).isEqualTo(5.0);
    }

    @Test
    void aTargetNeverReachedHasNoEpochAndNoSeconds() {
        TimeToTarget t = TimeToTarget.of(run(List.of(0.80, 0.85, 0.86), List.of(2.0, 3.0, 4.0)), 0.87);

        assertThat(t.epochs()).isNull();
        assertThat(t.seconds()).isNull();
    }
}
