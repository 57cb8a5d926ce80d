package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;

/**
 * The precision-aware relaxation step ({@code algorithms.md} §1b): eta_l = min(stateRate, c / L_l) keeps every step
 * from raising the energy whatever the precisions; a rise is counted, can be made fatal, and never stops relaxation
 * as if it had converged.
 */
class StepBoundTest {

    private static MultiLayerNetwork network(PredictiveCodingOutputLayer.Builder layer) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).list().layer(layer.build()).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** A 4-6-5-3 hierarchy whose every level has a large precision: 1 / 0.002 = 500 on hidden levels and output. */
    private static PredictiveCodingOutputLayer.Builder stiff(Activation hidden, double stepBound) {
        return new PredictiveCodingOutputLayer.Builder().nIn(4).hiddenLayerSizes(6, 5).nOut(3)
                .hiddenActivation(hidden).activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN)
                .hiddenPrecision(PrecisionForm.DIAGONAL).outputPrecision(PrecisionForm.FULL)
                .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS).precisionDamping(1e-3).initialPrecision(500)
                .stateRate(0.1).stepBound(stepBound).relaxationSteps(40);
    }

    private static PredictiveCodingOutputLayerImpl relax(MultiLayerNetwork net, long seed) {
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 4);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 16, 3);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(y);
        layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        return layer;
    }

    private static double[] totals(double[][] trace) {
        double[] out = new double[trace.length];
        for (int t = 0; t < trace.length; t++) {
            for (double e : trace[t]) {
                out[t] += e;
            }
        }
        return out;
    }

    /** Activations with a continuous derivative, for which the bound's curvature argument holds. */
    static Stream<Arguments> hiddenActivations() {
        return Stream.of(Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS, Activation.IDENTITY)
                .flatMap(a -> Stream.of(Arguments.of(a, 1L), Arguments.of(a, 2L), Arguments.of(a, 3L)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("hiddenActivations")
    void withTheBoundNoStepRaisesTheEnergyEvenWithPrecisionsOfFiveHundred(Activation hidden, long seed) {
        PredictiveCodingOutputLayerImpl layer = relax(network(stiff(hidden, 0.5)), seed);
        double[] total = totals(layer.lastEnergyTrace());
        assertThat(total).hasSize(41);
        for (int t = 1; t < total.length; t++) {
            assertThat(total[t]).as("energy after step %d", t).isLessThanOrEqualTo(total[t - 1]);
        }
        assertThat(total[40]).isLessThan(total[0]);
        assertThat(layer.energyRises()).isZero();
    }

    @Test
    void withReluTheBoundLeavesAtMostSmallRisesWhereAStepCrossesAKink() {
        // ReLU's derivative jumps at 0, so no curvature bound holds across the kink: a step that switches a unit on or
        // off can raise the energy a little. The bound still keeps every such rise tiny and relaxation descending.
        for (long seed = 1; seed <= 3; seed++) {
            PredictiveCodingOutputLayerImpl layer = relax(network(stiff(Activation.RELU, 0.5)), seed);
            double[] total = totals(layer.lastEnergyTrace());
            for (int t = 1; t < total.length; t++) {
                assertThat(total[t]).as("energy after step %d, seed %d", t, seed)
                        .isLessThanOrEqualTo(total[t - 1] * (1 + 1e-3));
            }
            assertThat(total[total.length - 1]).isLessThan(0.9 * total[0]);
        }
    }

    @Test
    void withoutTheBoundTheSameRelaxationRaisesTheEnergyAndCountsEveryRise() {
        // eta Pi = 0.1 x 500 = 50, far beyond the stable 2: the bound above is what keeps descent stable.
        PredictiveCodingOutputLayerImpl layer = relax(network(stiff(Activation.TANH, 0.0).relaxationSteps(3)), 1);
        double[] total = totals(layer.lastEnergyTrace());
        int rises = 0;
        for (int t = 1; t < total.length; t++) {
            if (total[t] > total[t - 1]) {
                rises++;
            }
        }
        assertThat(rises).isPositive();
        assertThat(layer.energyRises()).isEqualTo(rises);
    }

    @Test
    void eachLevelStepsAtTheStateRateCappedByTheBoundOverItsCurvature() {
        // L_l = lambda_max(Pi_l) + lambda_max(Pi_{l+1}) max f'^2 ||W_{l+1}||^2, computed here from an exact SVD.
        double bound = 0.4;
        MultiLayerNetwork net = network(new PredictiveCodingOutputLayer.Builder().nIn(4).hiddenLayerSizes(6, 5)
                .nOut(3).hiddenActivation(Activation.SIGMOID).activation(Activation.IDENTITY)
                .topEnergy(TopEnergy.GAUSSIAN).hiddenPrecision(PrecisionForm.DIAGONAL)
                .outputPrecision(PrecisionForm.SCALAR).precisionEstimator(PrecisionEstimator.GRADIENT)
                .varianceFloor(1e-3).stateRate(0.5).stepBound(bound));
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        layer.getParam(PcParamInitializer.precisionKey(1)).assign(Nd4j.createFromArray(
                new double[][] {{-1, -2, 0, 0.5, -3, -0.5}}));
        layer.getParam(PcParamInitializer.precisionKey(2)).assign(Nd4j.createFromArray(
                new double[][] {{-2, -1, -1, 0, -4}}));
        layer.getParam(PcParamInitializer.precisionKey(3)).assign(-1.5);
        relax(net, 4);
        double[] steps = layer.lastRelaxed().stepSizes();

        double pi1 = Math.exp(3);
        double pi2 = Math.exp(4);
        double pi3 = Math.exp(1.5);
        double l1 = pi1 + pi2 * 0.25 * 0.25 * squaredSpectralNorm(layer.getParam(PcParamInitializer.weightKey(2)));
        double l2 = pi2 + pi3 * squaredSpectralNorm(layer.getParam(PcParamInitializer.weightKey(3)));
        assertThat(steps[1]).isCloseTo(Math.min(0.5, bound / l1), within(1e-4 * bound / l1));
        assertThat(steps[2]).isCloseTo(Math.min(0.5, bound / l2), within(1e-4 * bound / l2));
    }

    private static double squaredSpectralNorm(INDArray w) {
        INDArray gram = w.transpose().mmul(w);
        double[] eigenvalues = FullWeighting.eigenvalues(gram);
        return eigenvalues[eigenvalues.length - 1];
    }

    @Test
    void aRisingStepIsNeverTakenForConvergence() {
        // Without the bound this relaxation oscillates; a tolerance must not stop it at the first rise.
        PredictiveCodingOutputLayerImpl layer;
        try {
            layer = relax(network(stiff(Activation.IDENTITY, 0.0).stateRate(0.0035).relaxationSteps(12)
                    .tolerance(0.5)), 2);
        } catch (RelaxationDivergedException diverged) {
            throw new AssertionError("this configuration is meant to oscillate, not diverge", diverged);
        }
        double[] total = totals(layer.lastEnergyTrace());
        int last = total.length - 1;
        for (int t = 1; t < last; t++) {
            boolean rose = total[t] > total[t - 1];
            boolean smallDecrease = !rose && total[t - 1] - total[t] < 0.5 * Math.abs(total[t - 1]);
            assertThat(smallDecrease).as("relaxation went on after step %d, which met the stop rule", t).isFalse();
        }
        assertThat(layer.energyRises()).isPositive();
    }

    @Test
    void failOnEnergyRiseThrowsNamingTheLayerAndStep() {
        MultiLayerNetwork net = network(stiff(Activation.IDENTITY, 0.0).stateRate(0.0035).relaxationSteps(12)
                .failOnEnergyRise(true).name("stiff"));
        assertThatThrownBy(() -> relax(net, 2)).isInstanceOf(EnergyRoseException.class)
                .hasMessageContaining("stiff").hasMessageContaining("at step 1");
    }

    @Test
    void theGenerativeLayerBoundsItsStepsToo() {
        // Pixel precision 500 with the generative default state rate of 0.1.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(new GenerativePcLayer.Builder().nIn(8).latentSizes(5, 3).activation(Activation.SIGMOID)
                        .levelPrecisions(PrecisionForm.DIAGONAL, PrecisionForm.NONE, PrecisionForm.NONE)
                        .precisionDamping(1e-3).initialPrecision(500).relaxationSteps(40).build())
                .build());
        net.init();
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) net.getLayer(0);
        Nd4j.getRandom().setSeed(9);
        layer.inferLatents(Nd4j.rand(DataType.DOUBLE, 12, 8));
        double[] total = totals(layer.lastEnergyTrace());
        for (int t = 1; t < total.length; t++) {
            assertThat(total[t]).as("energy after step %d", t).isLessThanOrEqualTo(total[t - 1]);
        }
        assertThat(layer.energyRises()).isZero();
    }
}
