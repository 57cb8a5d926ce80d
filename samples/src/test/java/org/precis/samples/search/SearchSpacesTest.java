package org.precis.samples.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;

class SearchSpacesTest {

    private static final NetworkShape SHAPE = new NetworkShape(20, new int[] {8, 6}, 3);

    private static List<Map<String, Object>> sample(String arm, int n) {
        RandomSearchGenerator generator = new RandomSearchGenerator(SearchSpaces.forArm(arm, SHAPE, 2, 1), null);
        generator.setRngSeed(9);
        List<Map<String, Object>> drawn = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = generator.getCandidate();
            assertThat(c.getException()).isNull();
            DL4JConfiguration conf = (DL4JConfiguration) c.getValue();
            assertThat(conf.getNumEpochs()).isEqualTo(2);
            drawn.add(Hyperparameters.of(conf.getMultiLayerConfiguration()));
        }
        return drawn;
    }

    private static Set<Object> values(List<Map<String, Object>> drawn, String name) {
        Set<Object> seen = new HashSet<>();
        drawn.forEach(h -> seen.add(h.get(name)));
        return seen;
    }

    private static void assertRange(List<Map<String, Object>> drawn, String name, double min, double max) {
        // why: each searched dimension must stay in its declared range and actually vary between candidates.
        Set<Object> seen = values(drawn, name);
        assertThat(seen).as(name).hasSizeGreaterThan(1)
                .allSatisfy(v -> assertThat(((Number) v).doubleValue()).as(name).isBetween(min, max));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bp-sgd", "bp-adam", "kfac", "pc", "pc-precision", "kfac-adaptive", "pc-momentum",
            "pc-precision-momentum", "pc-natgrad"})
    void everyArmsSpaceReadsBackEqualFromJson(String arm) {
        MultiLayerSpace space = SearchSpaces.forArm(arm, SHAPE, 2, 1);
        assertThat(MultiLayerSpace.fromJson(space.toJson())).isEqualTo(space);
    }

    @Test
    void bpAdamSearchesLearningRateL2AndHiddenActivation() {
        List<Map<String, Object>> drawn = sample("bp-adam", 40);
        assertRange(drawn, "learningRate", SearchSpaces.ADAM_LR_MIN, SearchSpaces.ADAM_LR_MAX);
        assertRange(drawn, "l2", SearchSpaces.L2_MIN, SearchSpaces.L2_MAX);
        assertThat(values(drawn, "hiddenActivation")).hasSizeGreaterThan(1);
        assertThat(values(drawn, "updater")).containsExactly("Adam");
    }

    @Test
    void bpSgdSearchesTheSameDimensionsAsBpAdamWithPlainSgd() {
        List<Map<String, Object>> drawn = sample("bp-sgd", 40);
        assertRange(drawn, "learningRate", SearchSpaces.SGD_LR_MIN, SearchSpaces.SGD_LR_MAX);
        assertRange(drawn, "l2", SearchSpaces.L2_MIN, SearchSpaces.L2_MAX);
        assertThat(values(drawn, "hiddenActivation")).hasSizeGreaterThan(1);
        assertThat(values(drawn, "updater")).containsExactly("Sgd");
        assertThat(sample("bp-adam", 1).get(0).keySet()).isEqualTo(drawn.get(0).keySet());
    }

    @Test
    void kfacSearchesEveryStepPolicyDimension() {
        List<Map<String, Object>> drawn = sample("kfac", 40);
        assertRange(drawn, "learningRate", SearchSpaces.KFAC_LR_MIN, SearchSpaces.KFAC_LR_MAX);
        assertRange(drawn, "momentum", SearchSpaces.MOMENTUM_MIN, SearchSpaces.MOMENTUM_MAX);
        assertRange(drawn, "damping", SearchSpaces.DAMPING_MIN, SearchSpaces.DAMPING_MAX);
        assertRange(drawn, "factorDecay", SearchSpaces.DECAY_MIN, SearchSpaces.DECAY_MAX);
        assertRange(drawn, "curvatureUpdatePeriod", SearchSpaces.CURVATURE_PERIOD_MIN,
                SearchSpaces.CURVATURE_PERIOD_MAX);
        assertRange(drawn, "inverseUpdatePeriod", SearchSpaces.INVERSE_MULTIPLE_MIN * SearchSpaces.CURVATURE_PERIOD_MIN,
                SearchSpaces.INVERSE_MULTIPLE_MAX * SearchSpaces.CURVATURE_PERIOD_MAX);
        assertRange(drawn, "klClip", SearchSpaces.KL_CLIP_MIN, SearchSpaces.KL_CLIP_MAX);
        assertThat(values(drawn, "updater")).containsExactly("KFac");
    }

    @Test
    void kfacAdaptiveSearchesTheInitialDampingAndThePeriodsButNotTheStepSize() {
        List<Map<String, Object>> drawn = sample("kfac-adaptive", 40);
        assertRange(drawn, "damping", SearchSpaces.INITIAL_DAMPING_MIN, SearchSpaces.INITIAL_DAMPING_MAX);
        assertRange(drawn, "dampingAdaptationPeriod", SearchSpaces.DAMPING_PERIOD_MIN,
                SearchSpaces.DAMPING_PERIOD_MAX);
        assertRange(drawn, "factorDecay", SearchSpaces.DECAY_MIN, SearchSpaces.DECAY_MAX);
        assertRange(drawn, "curvatureUpdatePeriod", SearchSpaces.CURVATURE_PERIOD_MIN,
                SearchSpaces.CURVATURE_PERIOD_MAX);
        assertThat(values(drawn, "adaptive")).containsExactly(true);
        assertThat(drawn.get(0)).doesNotContainKeys("learningRate", "momentum", "klClip");
    }

    @Test
    void pcSearchesRelaxationAndLearningRateOnTheGivenArchitecture() {
        List<Map<String, Object>> drawn = sample("pc", 40);
        assertRange(drawn, "learningRate", SearchSpaces.ADAM_LR_MIN, SearchSpaces.ADAM_LR_MAX);
        assertRange(drawn, "relaxationSteps", SearchSpaces.STEPS_MIN, SearchSpaces.STEPS_MAX);
        assertRange(drawn, "stateRate", SearchSpaces.STATE_RATE_MIN, SearchSpaces.STATE_RATE_MAX);
        assertThat(values(drawn, "hiddenLayerSizes")).containsExactly("[8, 6]");
        assertThat(values(drawn, "topEnergy")).containsExactly("CATEGORICAL");
    }

    @Test
    void pcPrecisionSearchesTheRunningEstimatorAndEveryPrecisionForm() {
        List<Map<String, Object>> drawn = sample("pc-precision", 60);
        assertRange(drawn, "learningRate", SearchSpaces.ADAM_LR_MIN, SearchSpaces.ADAM_LR_MAX);
        assertRange(drawn, "relaxationSteps", SearchSpaces.STEPS_MIN, SearchSpaces.STEPS_MAX);
        assertRange(drawn, "stateRate", SearchSpaces.STATE_RATE_MIN, SearchSpaces.STATE_RATE_MAX);
        assertRange(drawn, "initialPrecision", SearchSpaces.INITIAL_PRECISION_MIN,
                SearchSpaces.INITIAL_PRECISION_MAX);
        assertRange(drawn, "precisionDamping", SearchSpaces.PRECISION_DAMPING_MIN,
                SearchSpaces.PRECISION_DAMPING_MAX);
        assertRange(drawn, "precisionDecay", SearchSpaces.PRECISION_DECAY_MIN, SearchSpaces.PRECISION_DECAY_MAX);
        assertThat(values(drawn, "precisionEstimator")).containsExactly("RUNNING_MOMENTS");
        assertThat(values(drawn, "hiddenPrecision")).containsExactlyInAnyOrder("NONE", "SCALAR", "DIAGONAL");
        assertThat(values(drawn, "outputPrecision")).containsExactlyInAnyOrder("SCALAR", "DIAGONAL", "FULL");
        assertThat(values(drawn, "topEnergy")).containsExactly("GAUSSIAN");
        assertThat(values(drawn, "updater")).containsExactly("Adam");
        // why: the layer refuses an initial precision at or above 1 / damping; every draw must build.
        assertThat(drawn).allSatisfy(h -> assertThat((double) h.get("initialPrecision"))
                .isLessThan(1.0 / (double) h.get("precisionDamping")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-momentum", "pc-precision-momentum"})
    void momentumArmsSearchSgdLearningRateWithTheArmsMomentum(String arm) {
        List<Map<String, Object>> drawn = sample(arm, 40);
        assertRange(drawn, "learningRate", SearchSpaces.PC_MOMENTUM_LR_MIN, SearchSpaces.PC_MOMENTUM_LR_MAX);
        assertRange(drawn, "relaxationSteps", SearchSpaces.STEPS_MIN, SearchSpaces.STEPS_MAX);
        assertRange(drawn, "stateRate", SearchSpaces.STATE_RATE_MIN, SearchSpaces.STATE_RATE_MAX);
        assertThat(values(drawn, "updater")).containsExactly("Nesterovs");
        assertThat(values(drawn, "momentum")).containsExactly(Arms.MOMENTUM);
    }

    @Test
    void pcPrecisionMomentumKeepsTheArmsRunningDiagonalPrecisionOnEveryLevel() {
        List<Map<String, Object>> drawn = sample("pc-precision-momentum", 10);
        assertThat(values(drawn, "hiddenPrecision")).containsExactly("DIAGONAL");
        assertThat(values(drawn, "outputPrecision")).containsExactly("DIAGONAL");
        assertThat(values(drawn, "precisionEstimator")).containsExactly("RUNNING_MOMENTS");
        assertThat(values(drawn, "topEnergy")).containsExactly("GAUSSIAN");
        assertThat(values(sample("pc-momentum", 10), "topEnergy")).containsExactly("CATEGORICAL");
    }

    @Test
    void pcNatgradSearchesTheKroneckerStepOverKfacsRanges() {
        List<Map<String, Object>> drawn = sample("pc-natgrad", 40);
        assertRange(drawn, "learningRate", SearchSpaces.KFAC_LR_MIN, SearchSpaces.KFAC_LR_MAX);
        assertRange(drawn, "kroneckerDamping", SearchSpaces.DAMPING_MIN, SearchSpaces.DAMPING_MAX);
        assertRange(drawn, "kroneckerKlClip", SearchSpaces.KL_CLIP_MIN, SearchSpaces.KL_CLIP_MAX);
        assertRange(drawn, "relaxationSteps", SearchSpaces.STEPS_MIN, SearchSpaces.STEPS_MAX);
        assertRange(drawn, "stateRate", SearchSpaces.STATE_RATE_MIN, SearchSpaces.STATE_RATE_MAX);
        assertThat(values(drawn, "weightPreconditioner")).containsExactly("KRONECKER");
        assertThat(values(drawn, "hiddenPrecision")).containsExactly("NONE");
        assertThat(values(drawn, "outputPrecision")).containsExactly("FULL");
        assertThat(values(drawn, "updater")).containsExactly("Nesterovs");
        assertThat(values(drawn, "momentum")).containsExactly(Arms.MOMENTUM);
    }

    @Test
    void everyRegisteredPcArmHasASpace() {
        // why: an arm the sweep trains must be searchable with an equal budget.
        assertThat(SearchSpaces.ARMS).containsAll(Arms.names()).contains("pc-momentum", "pc-precision-momentum",
                "pc-natgrad");
    }

    @Test
    void anArmWithoutASpaceIsRefusedByName() {
        assertThatThrownBy(() -> SearchSpaces.forArm("bp-momentum", SHAPE, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bp-momentum");
    }
}
