package org.precis.natgrad.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.precis.natgrad.blocks.InverseMethod;

/** The updater configuration: defaults, JSON/YAML round trips inside a DL4J configuration, validation, the step. */
class KFacTest {

    private static KFac everythingChanged() {
        return KFac.builder()
                .learningRateSchedule(new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.9))
                .learningRate(0.3).momentum(0.5).damping(0.02).factorDecay(0.8).curvatureUpdatePeriod(2)
                .inverseUpdatePeriod(6).inverseMethod(InverseMethod.EIGEN).klClip(0.01).weightDecay(1e-4)
                .fisherType(FisherType.SAMPLED).approximation(CurvatureApproximation.DIAGONAL)
                .dampingAdaptationPeriod(3).dampingDecay(0.9).dampingBoost(1.2).minDamping(1e-6).maxDamping(50)
                .build();
    }

    private static KFac adaptiveWithEverythingChanged() {
        KFac k = everythingChanged();
        k.setLearningRateSchedule(null);
        k.setAdaptive(true);
        k.validate();
        return k;
    }

    private static MultiLayerConfiguration configuration(KFac kfac) {
        return new NeuralNetConfiguration.Builder().updater(kfac).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    @Test
    void defaultsAreTheDocumentedConstants() {
        // Section 3 of algorithms.md: beta 0.95, lambda 1e-3, k 10, kappa 1e-3.
        KFac k = new KFac();
        assertThat(k.getFactorDecay()).isEqualTo(KFac.DEFAULT_FACTOR_DECAY).isEqualTo(0.95);
        assertThat(k.getDamping()).isEqualTo(KFac.DEFAULT_DAMPING).isEqualTo(1e-3);
        assertThat(k.getInverseUpdatePeriod()).isEqualTo(KFac.DEFAULT_INVERSE_UPDATE_PERIOD).isEqualTo(10);
        assertThat(k.getKlClip()).isEqualTo(KFac.DEFAULT_KL_CLIP).isEqualTo(1e-3);
        assertThat(k).isEqualTo(KFac.builder().build());
    }

    @Test
    void theAdaptiveModeIsOffByDefaultAndItsRuleIsMartensAndGrosses() {
        // Section 6.5: T1 = 5, omega = 19/20 per iteration for the decay, its inverse for the boost.
        KFac k = new KFac();
        assertThat(k.isAdaptive()).isFalse();
        assertThat(k.getDampingAdaptationPeriod()).isEqualTo(KFac.DEFAULT_DAMPING_ADAPTATION_PERIOD).isEqualTo(5);
        assertThat(k.getDampingDecay()).isEqualTo(KFac.DEFAULT_DAMPING_DECAY).isEqualTo(0.95);
        assertThat(k.getDampingBoost() * k.getDampingDecay()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(k.getMinDamping()).isEqualTo(1e-8);
        assertThat(k.getMaxDamping()).isEqualTo(KFac.DEFAULT_MAX_DAMPING);
    }

    @Test
    void theAdaptiveOptionsSurviveAJsonRoundTrip() {
        KFac kfac = adaptiveWithEverythingChanged();
        MultiLayerConfiguration conf = configuration(kfac);

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());

        assertThat(((BaseLayer) restored.getConf(0).getLayer()).getIUpdater()).isEqualTo(kfac)
                .isNotEqualTo(everythingChanged());
        assertThat(MultiLayerConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
    }

    @Test
    void everyHyperparameterSurvivesAJsonRoundTripOfTheNetworkConfiguration() {
        // Users switch to K-FAC by changing the updater; the configuration's JSON must carry all of it.
        KFac kfac = everythingChanged();
        MultiLayerConfiguration conf = configuration(kfac);

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());

        assertThat(restored).isEqualTo(conf);
        assertThat(((BaseLayer) restored.getConf(0).getLayer()).getIUpdater()).isEqualTo(kfac);
        assertThat(((BaseLayer) restored.getConf(1).getLayer()).getIUpdater()).isEqualTo(kfac);
    }

    @Test
    void everyHyperparameterSurvivesAYamlRoundTrip() {
        MultiLayerConfiguration conf = configuration(everythingChanged());

        assertThat(MultiLayerConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
    }

    @Test
    void cloneIsEqualButIndependent() {
        KFac original = everythingChanged();
        KFac copy = original.clone();
        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);

        copy.setDamping(0.5);
        assertThat(original.getDamping()).isEqualTo(0.02);
    }

    static Stream<Arguments> badHyperparameters() {
        return Stream.<Object[]>of(
                new Object[] {"learningRate", (Consumer<KFac.Builder>) b -> b.learningRate(-0.1)},
                new Object[] {"momentum", (Consumer<KFac.Builder>) b -> b.momentum(1.0)},
                new Object[] {"damping", (Consumer<KFac.Builder>) b -> b.damping(-1e-3)},
                new Object[] {"damping", (Consumer<KFac.Builder>) b -> b.damping(Double.NaN)},
                new Object[] {"factorDecay", (Consumer<KFac.Builder>) b -> b.factorDecay(1.0)},
                new Object[] {"curvatureUpdatePeriod", (Consumer<KFac.Builder>) b -> b.curvatureUpdatePeriod(0)},
                new Object[] {"inverseUpdatePeriod", (Consumer<KFac.Builder>) b -> b.inverseUpdatePeriod(0)},
                new Object[] {"inverseUpdatePeriod",
                    (Consumer<KFac.Builder>) b -> b.curvatureUpdatePeriod(3).inverseUpdatePeriod(10)},
                new Object[] {"klClip", (Consumer<KFac.Builder>) b -> b.klClip(-1)},
                new Object[] {"weightDecay", (Consumer<KFac.Builder>) b -> b.weightDecay(Double.POSITIVE_INFINITY)},
                new Object[] {"fisherType", (Consumer<KFac.Builder>) b -> b.fisherType(null)},
                new Object[] {"dampingAdaptationPeriod", (Consumer<KFac.Builder>) b -> b.dampingAdaptationPeriod(0)},
                new Object[] {"dampingDecay", (Consumer<KFac.Builder>) b -> b.dampingDecay(0)},
                new Object[] {"dampingDecay", (Consumer<KFac.Builder>) b -> b.dampingDecay(1.01)},
                new Object[] {"dampingBoost", (Consumer<KFac.Builder>) b -> b.dampingBoost(0.99)},
                new Object[] {"minDamping", (Consumer<KFac.Builder>) b -> b.minDamping(-1)},
                new Object[] {"maxDamping", (Consumer<KFac.Builder>) b -> b.minDamping(1).maxDamping(0.5)},
                new Object[] {"damping (the initial", (Consumer<KFac.Builder>) b -> b.adaptive(true).damping(0)},
                new Object[] {"damping (the initial", (Consumer<KFac.Builder>) b -> b.adaptive(true).damping(1e5)},
                new Object[] {"learningRateSchedule", (Consumer<KFac.Builder>) b -> b.adaptive(true)
                        .learningRateSchedule(new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.9))})
                .map(a -> Arguments.of(a[0], a[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHyperparameters")
    void buildRejectsABadHyperparameterByName(String name, Consumer<KFac.Builder> change) {
        KFac.Builder builder = KFac.builder();
        change.accept(builder);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KFac: " + name);
    }

    @Test
    void withoutMomentumTheStepIsPlainSgd() {
        // A layer K-FAC does not precondition trains with SGD at the same learning rate.
        INDArray gradient = Nd4j.create(new double[] {1.0, -2.0, 0.5});
        INDArray expected = gradient.dup();
        GradientUpdater<?> sgd = new Sgd(0.3).instantiate((INDArray) null, true);
        sgd.applyUpdater(expected, 0, 0);

        KFac kfac = KFac.builder().learningRate(0.3).momentum(0.0).build();
        GradientUpdater<?> updater = kfac.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 3), true);
        kfac.markPreconditioned(0);
        updater.applyUpdater(gradient, 0, 0);

        assertThat(gradient.toDoubleVector()).containsExactly(expected.toDoubleVector());
    }

    @Test
    void momentumIsTheHeavyBallOnTheScaledGradient() {
        // v1 = lr g1; v2 = mu v1 + lr g2; the step is v.
        KFac kfac = KFac.builder().learningRate(0.5).momentum(0.9).build();
        GradientUpdater<?> updater = kfac.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2), true);
        INDArray g1 = Nd4j.create(new double[] {1.0, 2.0});
        INDArray g2 = Nd4j.create(new double[] {-1.0, 4.0});
        kfac.markPreconditioned(0);
        updater.applyUpdater(g1, 0, 0);
        kfac.markPreconditioned(1);
        updater.applyUpdater(g2, 1, 0);

        assertThat(g1.toDoubleVector()).containsExactly(0.5, 1.0);
        assertThat(g2.toDoubleVector()).containsExactly(0.9 * 0.5 - 0.5, 0.9 * 1.0 + 2.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void momentumIsTheSameOnAGradientThatIsNotOneRunOfMemory(DataType type) {
        // A column of a row-major matrix: every other element in memory, so not a BLAS vector of stride 1.
        KFac kfac = KFac.builder().learningRate(0.5).momentum(0.9).build();
        GradientUpdater<?> updater = kfac.instantiate(Nd4j.zeros(type, 1, 2), true);
        INDArray g1 = Nd4j.create(new double[][] {{1.0, 7.0}, {2.0, 7.0}}).castTo(type).getColumn(0);
        INDArray g2 = Nd4j.create(new double[][] {{-1.0, 7.0}, {4.0, 7.0}}).castTo(type).getColumn(0);
        assertThat(g1.elementWiseStride()).isNotEqualTo(1);
        kfac.markPreconditioned(0);
        updater.applyUpdater(g1, 0, 0);
        kfac.markPreconditioned(1);
        updater.applyUpdater(g2, 1, 0);

        assertThat(g1.toDoubleVector()).containsExactly(new double[] {0.5, 1.0}, within(1e-6));
        assertThat(g2.toDoubleVector()).containsExactly(new double[] {0.9 * 0.5 - 0.5, 0.9 * 1.0 + 2.0}, within(1e-6));
    }

    @Test
    void inAdaptiveModeTheUpdaterAppliesTheGivenStepAndRemembersIt() {
        // The step already holds the learning rate and momentum chosen by the quadratic model.
        KFac kfac = KFac.builder().adaptive(true).learningRate(0.5).momentum(0.9).build();
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        GradientUpdater<?> updater = kfac.instantiate(state, true);
        INDArray step = Nd4j.create(new double[] {1.0, -2.0});
        kfac.markPreconditioned(0);

        updater.applyUpdater(step, 0, 0);

        assertThat(step.toDoubleVector()).containsExactly(1.0, -2.0);
        assertThat(state.toDoubleVector()).containsExactly(1.0, -2.0);
    }

    @Test
    void aLearningRateScheduleOverridesTheFixedRate() {
        KFac kfac = KFac.builder().learningRateSchedule(new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.5))
                .build();

        assertThat(kfac.getLearningRate(0, 2)).isEqualTo(0.1 * 0.25);
    }
}
