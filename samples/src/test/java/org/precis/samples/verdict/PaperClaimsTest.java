package org.precis.samples.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.report.SettingSummary;

/** The verdicts follow from the figures: synthetic sweeps where each claim holds, fails, or is undecided. */
class PaperClaimsTest {

    private static final double MAX_SIGMA = 1.0;
    private static final double MAX_P = 0.6;

    /** Results of one arm in one setting: one run per accuracy given (seeds 1, 2, ...). */
    private static List<ArmResult> runs(String arm, double p, double sigma, Map<String, Double> diagnostics,
            double... accuracies) {
        List<ArmResult> out = new ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            out.add(new ArmResult(arm, i + 1, p, sigma, accuracies[i], List.of(accuracies[i]), List.of(1.0),
                    "cross-entropy", List.of(1.0), List.of(), List.of(), diagnostics, Map.of()));
        }
        return out;
    }

    private static ClaimVerdict verdict(List<ArmResult> results, String claim) {
        return PaperClaims.judge(new SettingSummary(results), MAX_SIGMA, MAX_P).stream()
                .filter(v -> v.claim().equals(claim)).findFirst().orElseThrow();
    }

    @Test
    void pcBeatingSgdByMoreThanTheSeedSpreadUnderLabelNoiseHolds() {
        List<ArmResult> results = new ArrayList<>();
        results.addAll(runs("pc-precision", MAX_P, 0, Map.of(), 0.80, 0.81, 0.79));
        results.addAll(runs("bp-sgd", MAX_P, 0, Map.of(), 0.70, 0.71, 0.69));

        ClaimVerdict v = verdict(results, "label-noise-beats-sgd");

        assertThat(v.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(v.difference()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void pcLosingToSgdBeyondTheSpreadUnderInputNoiseDoesNotHold() {
        List<ArmResult> results = new ArrayList<>();
        results.addAll(runs("pc-precision", 0, MAX_SIGMA, Map.of(), 0.60, 0.61, 0.59));
        results.addAll(runs("bp-sgd", 0, MAX_SIGMA, Map.of(), 0.70, 0.71, 0.69));

        assertThat(verdict(results, "input-noise-beats-sgd").verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    }

    @Test
    void aDifferenceSmallerThanTheSeedSpreadIsWithinTheSpread() {
        // Means differ by 0.02, but seeds scatter by 0.05: 2 * se = 2 * sqrt(2 * 0.05^2 / 3) ~ 0.082.
        List<ArmResult> results = new ArrayList<>();
        results.addAll(runs("pc-precision", MAX_P, 0, Map.of(), 0.77, 0.82, 0.72));
        results.addAll(runs("bp-sgd", MAX_P, 0, Map.of(), 0.75, 0.80, 0.70));

        ClaimVerdict v = verdict(results, "label-noise-beats-sgd");

        assertThat(v.verdict()).isEqualTo(Verdict.WITHIN_SEED_SPREAD);
        assertThat(v.threshold()).isCloseTo(2 * Math.sqrt(2 * 0.05 * 0.05 / 3),
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void cleanAccuracyWithinOnePointOfKfacIsComparableAndFarBelowIsNot() {
        List<ArmResult> close = new ArrayList<>();
        close.addAll(runs("pc-precision", 0, 0, Map.of(), 0.880, 0.881, 0.879));
        close.addAll(runs("kfac", 0, 0, Map.of(), 0.887, 0.888, 0.886));
        List<ArmResult> far = new ArrayList<>();
        far.addAll(runs("pc-precision", 0, 0, Map.of(), 0.850, 0.851, 0.849));
        far.addAll(runs("kfac", 0, 0, Map.of(), 0.887, 0.888, 0.886));

        assertThat(verdict(close, "clean-comparable-to-kfac").verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(verdict(far, "clean-comparable-to-kfac").verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    }

    @Test
    void aClaimWhoseArmsDidNotRunIsNotMeasured() {
        List<ArmResult> results = runs("bp-sgd", 0, 0, Map.of(), 0.8);

        assertThat(PaperClaims.judge(new SettingSummary(results), MAX_SIGMA, MAX_P))
                .extracting(ClaimVerdict::verdict).containsOnly(Verdict.NOT_MEASURED);
    }

    @Test
    void aSweepWithoutOneKindOfNoiseDoesNotJudgeThatKindsClaimsOnCleanData() {
        // Only label noise was swept: its strongest input noise is 0, where PC beating SGD says nothing about noise.
        List<ArmResult> results = new ArrayList<>();
        results.addAll(runs("pc-precision", 0, 0, Map.of(PaperClaims.OUTPUT_PRECISION, 10.0), 0.90, 0.91, 0.89));
        results.addAll(runs("bp-sgd", 0, 0, Map.of(), 0.70, 0.71, 0.69));

        List<ClaimVerdict> withoutInputNoise = PaperClaims.judge(new SettingSummary(results), 0, MAX_P);
        List<ClaimVerdict> withoutAnyNoise = PaperClaims.judge(new SettingSummary(results), 0, 0);

        ClaimVerdict input = withoutInputNoise.stream().filter(v -> v.claim().equals("input-noise-beats-sgd"))
                .findFirst().orElseThrow();
        assertThat(input.verdict()).isEqualTo(Verdict.NOT_MEASURED);
        assertThat(input.evidence()).contains("no input noise");
        assertThat(withoutAnyNoise).filteredOn(v -> !v.claim().equals("clean-comparable-to-kfac"))
                .extracting(ClaimVerdict::verdict).containsOnly(Verdict.NOT_MEASURED);
    }

    @Test
    void outputPrecisionFallingUnderLabelNoiseHoldsAndRisingDoesNot() {
        List<ArmResult> falls = new ArrayList<>();
        falls.addAll(runs("pc-precision", 0, 0, Map.of(PaperClaims.OUTPUT_PRECISION, 10.0), 0.88, 0.87, 0.89));
        falls.addAll(runs("pc-precision", MAX_P, 0, Map.of(PaperClaims.OUTPUT_PRECISION, 2.0), 0.70, 0.71, 0.69));
        List<ArmResult> rises = new ArrayList<>();
        rises.addAll(runs("pc-precision", 0, 0, Map.of(PaperClaims.OUTPUT_PRECISION, 2.0), 0.88, 0.87, 0.89));
        rises.addAll(runs("pc-precision", MAX_P, 0, Map.of(PaperClaims.OUTPUT_PRECISION, 10.0), 0.70, 0.71, 0.69));

        assertThat(verdict(falls, "output-precision-falls-with-label-noise").verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(verdict(rises, "output-precision-falls-with-label-noise").verdict())
                .isEqualTo(Verdict.DOES_NOT_HOLD);
    }

    @Test
    void withOneSeedTheSpreadIsUnknownAndNoClaimIsDecidedHoweverLargeTheDifference() {
        // One seed has no spread to judge a difference against: an sd of 0 would let noise decide.
        List<ArmResult> results = new ArrayList<>();
        results.addAll(runs("pc-precision", 0, 0, Map.of(PaperClaims.OUTPUT_PRECISION, 10.0), 0.50));
        results.addAll(runs("kfac", 0, 0, Map.of(), 0.88));
        results.addAll(runs("pc-precision", MAX_P, 0, Map.of(PaperClaims.OUTPUT_PRECISION, 2.0), 0.80));
        results.addAll(runs("bp-sgd", MAX_P, 0, Map.of(), 0.30));

        for (String claim : List.of("clean-comparable-to-kfac", "label-noise-beats-sgd",
                "output-precision-falls-with-label-noise")) {
            ClaimVerdict v = verdict(results, claim);
            assertThat(v.verdict()).as(claim).isEqualTo(Verdict.UNDECIDED);
            assertThat(v.evidence()).as(claim).contains("one seed").doesNotContain("sd 0.0000");
        }
        assertThat(verdict(results, "label-noise-beats-sgd").evidence()).contains("sd n/a, n 1")
                .contains("difference +0.5000");
    }
}
