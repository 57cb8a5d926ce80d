package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.ConvolutionalLevel.Pooling;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.ConvolutionalMirror;

/**
 * Relaxation of convolutional levels with learned precisions: the step bound's operator norm of a convolution, the
 * energy descending at every step with precisions of 500, and the per-channel running moments.
 */
class ConvolutionalRelaxationTest {

    private static MultiLayerNetwork network(PredictiveCodingOutputLayer.Builder layer) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).updater(new NoOp()).list().layer(layer.build()).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** A 1x8x8 image, two convolutional levels, a dense level of 5 and a Gaussian output of 3. */
    private static PredictiveCodingOutputLayer.Builder hierarchy(Pooling pooling) {
        return new PredictiveCodingOutputLayer.Builder().nIn(64).inputShape(1, 8, 8)
                .convolutionalLevels(
                        new ConvolutionalLevel.Builder(3, 3, 3).padding(1, 1).pooling(pooling, 2, 2).build(),
                        new ConvolutionalLevel.Builder(4, 3, 3).build())
                .hiddenLayerSizes(5).nOut(3).activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN);
    }

    @ParameterizedTest(name = "stride {0}, padding {1}")
    @CsvSource({"1, 0", "1, 1", "2, 1"})
    void theStepBoundUsesTheConvolutionsOperatorNorm(int stride, int padding) {
        // Identity activations and no precision: L_1 = 1 + ||K_2||^2, with K_2 the convolution of level 2 as a
        // matrix on the flattened image, built here column by column from DL4J's own ConvolutionLayer.
        PredictiveCodingOutputLayer.Builder b = new PredictiveCodingOutputLayer.Builder().nIn(36).inputShape(1, 6, 6)
                .convolutionalLevels(new ConvolutionalLevel.Builder(2, 3, 3).padding(1, 1).build(),
                        new ConvolutionalLevel.Builder(3, 3, 3).stride(stride, stride).padding(padding, padding)
                                .build())
                .hiddenLayerSizes(4).nOut(3).hiddenActivation(Activation.IDENTITY).activation(Activation.IDENTITY)
                .topEnergy(TopEnergy.GAUSSIAN);
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) network(b).getLayer(0);
        Wiring wiring = layer.wiring();
        Precision[] precision = new Precision[5];
        INDArray[] w = new INDArray[5];
        for (int l = 1; l <= 4; l++) {
            precision[l] = wiring.precision(l, (PredictiveCodingOutputLayer) layer.conf().getLayer(), DataType.DOUBLE);
            w[l] = layer.getParam(PcParamInitializer.weightKey(l));
        }
        double[] bound = new double[5];
        new CurvatureBound(wiring, DataType.DOUBLE).compute(precision, new boolean[5], w, bound);

        MultiLayerNetwork conv = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new ConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(padding, padding)
                        .convolutionMode(ConvolutionMode.Truncate).nOut(3).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build());
        conv.init();
        conv.getLayer(0).getParam("W").assign(w[2]);
        conv.getLayer(0).getParam("b").assign(0.0);
        INDArray basis = Nd4j.eye(72).castTo(DataType.DOUBLE).reshape('c', 72, 2, 6, 6);
        INDArray columns = conv.output(basis).reshape('c', 72, -1);
        INDArray s = Nd4j.create(DataType.DOUBLE, Math.min(columns.rows(), columns.columns()));
        Nd4j.getBlasWrapper().lapack().gesvd(columns.dup('f'), s, null, null);
        double norm = s.maxNumber().doubleValue();
        // Power iteration approaches the norm from below (200 iterations at most on the first batch).
        assertThat(bound[1]).isCloseTo(1 + norm * norm, within(1e-4 * norm * norm))
                .isLessThanOrEqualTo(1 + norm * norm * (1 + 1e-9));
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

    @ParameterizedTest(name = "{0} pooling")
    @EnumSource(value = Pooling.class)
    void withTheStepBoundEveryStepLowersTheEnergyEvenWithPrecisionsOfFiveHundred(Pooling pooling) {
        MultiLayerNetwork net = network(hierarchy(pooling).hiddenActivation(Activation.TANH)
                .hiddenPrecision(PrecisionForm.DIAGONAL).outputPrecision(PrecisionForm.DIAGONAL)
                .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS).initialPrecision(500).stateRate(0.1)
                .stepBound(0.5).relaxationSteps(30));
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        for (long seed = 1; seed <= 3; seed++) {
            Nd4j.getRandom().setSeed(seed);
            layer.setInput(Nd4j.randn(DataType.DOUBLE, 8, 64), LayerWorkspaceMgr.noWorkspaces());
            layer.setLabels(Nd4j.randn(DataType.DOUBLE, 8, 3));
            layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
            double[] total = totals(layer.lastEnergyTrace());
            assertThat(total).hasSize(31);
            for (int t = 1; t < total.length; t++) {
                assertThat(total[t]).as("energy after step %d, seed %d", t, seed).isLessThanOrEqualTo(total[t - 1]);
            }
            assertThat(total[30]).isLessThan(total[0]);
        }
        assertThat(layer.energyRises()).isZero();
    }

    @Test
    void aDiagonalRunningMomentLearnsOneVariancePerChannelFromEveryPositionOfItsFeatureMaps() {
        double decay = 0.9;
        MultiLayerNetwork net = network(hierarchy(Pooling.MAX).hiddenActivation(Activation.TANH)
                .hiddenPrecision(PrecisionForm.DIAGONAL).precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS)
                .precisionDecay(decay).initialPrecision(2).relaxationSteps(4).stateRate(0.1));
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 64);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 6, 3);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(y);
        var gradient = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()).getFirst();
        ConvolutionalMirror mirror = new ConvolutionalMirror(layer);
        INDArray[] hidden = layer.lastHiddenValues();
        // Level 1: 3 channels of 4x4; level 2: 4 channels of 2x2.
        int[][] shapes = {{3, 16}, {4, 4}};
        INDArray source = x;
        for (int l = 1; l <= 2; l++) {
            INDArray e = hidden[l - 1].sub(mirror.prediction(l, source));
            INDArray moment = layer.getParam(PcParamInitializer.momentKey(l));
            assertThat(moment.length()).isEqualTo(shapes[l - 1][0]);
            INDArray written = gradient.getGradientFor(PcParamInitializer.momentKey(l));
            for (int c = 0; c < shapes[l - 1][0]; c++) {
                int positions = shapes[l - 1][1];
                INDArray channel = e.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(c * positions, (c + 1) * positions));
                double batchMoment = channel.mul(channel).meanNumber().doubleValue();
                double expected = (1 - decay) * (moment.getDouble(c) - batchMoment);
                assertThat(written.getDouble(c)).as("level %d channel %d", l, c).isCloseTo(expected, within(1e-12));
            }
            source = hidden[l - 1];
        }
    }
}
