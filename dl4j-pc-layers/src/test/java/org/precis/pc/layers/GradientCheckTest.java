package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.TinyNets;

/**
 * DL4J's own GradientCheckUtil on a Dense layer below a single-level PC layer. With one level there is nothing
 * to relax, so the energy is the layer's score and its local gradients (and the epsilon that trains the Dense
 * layer) must be exact gradients of the score. With hidden levels PC gradients are by design not gradients of
 * the feed-forward loss; those are checked against the energy instead ({@link EnergyGradientTest}).
 */
class GradientCheckTest {

    private DataType previous;

    @BeforeEach
    void doublePrecision() {
        previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(previous, previous);
    }

    @ParameterizedTest(name = "output precision {0}")
    @EnumSource(PrecisionForm.class)
    void gaussianTopGradientsPassDl4jGradientCheck(PrecisionForm form) {
        // Log-variances are parameters of the score; running moments are state, not checked by gradients.
        check(new PredictiveCodingOutputLayer.Builder().nIn(5).nOut(3).activation(Activation.TANH)
                .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(form).precisionEstimator(PrecisionEstimator.GRADIENT),
                Nd4j.randn(DataType.DOUBLE, 6, 3));
    }

    @Test
    void categoricalTopGradientsPassDl4jGradientCheck() {
        check(new PredictiveCodingOutputLayer.Builder().nIn(5).nOut(3).topEnergy(TopEnergy.CATEGORICAL),
                TinyNets.oneHot(new int[] {0, 1, 2, 2, 1, 0}, 3));
    }

    @ParameterizedTest(name = "output precision {0}")
    @EnumSource(value = PrecisionForm.class, names = {"SCALAR", "DIAGONAL", "FULL"})
    void withRunningMomentsEveryTrainedParameterPassesDl4jGradientCheck(PrecisionForm form) {
        // The running moment is state, not a parameter of the score: excluded, as DL4J excludes BatchNormalization's
        // running mean and variance. With Pi fixed by it, weights, biases and epsilon are exact gradients.
        check(new PredictiveCodingOutputLayer.Builder().nIn(5).nOut(3).activation(Activation.TANH)
                .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(form)
                .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS).initialPrecision(3.0),
                Nd4j.randn(DataType.DOUBLE, 6, 3), Set.of("1_" + PcParamInitializer.momentKey(1)));
    }

    private static void check(PredictiveCodingOutputLayer.Builder pc, INDArray labels) {
        check(pc, labels, Set.of());
    }

    private static void check(PredictiveCodingOutputLayer.Builder pc, INDArray labels, Set<String> excluded) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(12)
                .dataType(DataType.DOUBLE).updater(new NoOp()).miniBatch(false).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(pc.build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 4);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                .labels(labels).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).excludeParams(excluded));
        assertThat(ok).isTrue();
    }
}
