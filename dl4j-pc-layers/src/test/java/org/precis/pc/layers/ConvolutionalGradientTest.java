package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.iter.NdIndexIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.ConvolutionalLevel.Pooling;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.ConvolutionalMirror;
import org.precis.pc.testutil.TinyNets;

/**
 * Convolutional levels against an independent reference ({@link ConvolutionalMirror}: DL4J's own convolution,
 * pooling and dense layers with the same weights, and the energy summed in plain Java), in double precision: the
 * feed-forward sweep, the energy, and central finite differences of the energy for every gradient the engine uses
 * (weights, biases, per-channel and scalar precisions, the state step of every level, and dF/dx_0).
 *
 * <p>The hierarchy: a 1x8x8 image; level 1 a 3x3 convolution to 2 channels, padding 1, pooled 2x2 (8x8 to 4x4);
 * level 2 a 2x2 convolution to 3 channels with stride 2 (4x4 to 2x2); a dense hidden level of 4; an output of 3.
 */
class ConvolutionalGradientTest {

    private static final double H = 1e-6;
    private static final int BATCH = 3;

    static PredictiveCodingOutputLayer.Builder hierarchy(Pooling pooling, PrecisionForm hidden, TopEnergy top,
            PrecisionForm output) {
        return new PredictiveCodingOutputLayer.Builder().nIn(64).inputShape(1, 8, 8)
                .convolutionalLevels(
                        new ConvolutionalLevel.Builder(2, 3, 3).padding(1, 1).pooling(pooling, 2, 2).build(),
                        new ConvolutionalLevel.Builder(3, 2, 2).stride(2, 2).build())
                .hiddenLayerSizes(4).nOut(3).hiddenActivation(Activation.TANH)
                .topEnergy(top).hiddenPrecision(hidden).outputPrecision(output)
                .relaxationSteps(5).stateRate(0.1);
    }

    static PredictiveCodingOutputLayerImpl layer(PredictiveCodingOutputLayer.Builder builder) {
        MultiLayerNetwork net = TinyNets.single(builder, 42);
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        TinyNets.randomisePrecisions(layer, 7);
        Nd4j.getRandom().setSeed(11);
        for (int l = 1; l <= 4; l++) {
            layer.getParam(PcParamInitializer.biasKey(l)).assign(Nd4j.randn(DataType.DOUBLE, 1,
                    layer.getParam(PcParamInitializer.biasKey(l)).length()).muli(0.3));
        }
        return layer;
    }

    static INDArray[] data(TopEnergy top) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, 64);
        INDArray y = top == TopEnergy.CATEGORICAL ? TinyNets.oneHot(new int[] {0, 2, 1}, 3)
                : Nd4j.randn(DataType.DOUBLE, BATCH, 3);
        return new INDArray[] {x, y};
    }

    /** x_0..x_L after the layer's last relaxation, the top clamped to {@code y}. */
    private static INDArray[] relaxedValues(PredictiveCodingOutputLayerImpl layer, INDArray x, INDArray y) {
        INDArray[] hidden = layer.lastHiddenValues();
        INDArray[] v = new INDArray[hidden.length + 2];
        v[0] = x;
        System.arraycopy(hidden, 0, v, 1, hidden.length);
        v[hidden.length + 1] = y;
        return v;
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of(Pooling.MAX, PrecisionForm.DIAGONAL, TopEnergy.GAUSSIAN, PrecisionForm.DIAGONAL),
                Arguments.of(Pooling.AVG, PrecisionForm.SCALAR, TopEnergy.GAUSSIAN, PrecisionForm.SCALAR),
                Arguments.of(Pooling.MAX, PrecisionForm.NONE, TopEnergy.CATEGORICAL, PrecisionForm.NONE),
                Arguments.of(Pooling.AVG, PrecisionForm.DIAGONAL, TopEnergy.CATEGORICAL, PrecisionForm.NONE));
    }

    @ParameterizedTest(name = "{0} pooling")
    @EnumSource(value = Pooling.class)
    void feedForwardOutputEqualsDl4jsConvolutionalNetworkWithTheSameWeights(Pooling pooling) {
        PredictiveCodingOutputLayerImpl layer = layer(hierarchy(pooling, PrecisionForm.NONE, TopEnergy.CATEGORICAL,
                PrecisionForm.NONE));
        ConvolutionalMirror mirror = new ConvolutionalMirror(layer);
        INDArray x = data(TopEnergy.CATEGORICAL)[0];
        INDArray expected = x;
        for (int l = 1; l <= 4; l++) {
            expected = mirror.prediction(l, expected);
        }
        INDArray out = layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertThat(out.shape()).containsExactly(BATCH, 3);
        assertThat(out.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @ParameterizedTest(name = "{0} pooling, hidden {1}, top {2} {3}")
    @MethodSource("forms")
    void reportedEnergyEqualsTheReferenceEnergyAtTheRelaxedValues(Pooling pooling, PrecisionForm hidden,
            TopEnergy top, PrecisionForm output) {
        INDArray[] d = data(top);
        PredictiveCodingOutputLayerImpl layer = layer(hierarchy(pooling, hidden, top, output));
        layer.setInput(d[0], LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(d[1]);
        layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        double[][] trace = layer.lastEnergyTrace();
        double reported = 0;
        for (double e : trace[trace.length - 1]) {
            reported += e;
        }
        ConvolutionalMirror mirror = new ConvolutionalMirror(layer);
        double reference = mirror.energy(relaxedValues(layer, d[0], d[1]), top == TopEnergy.CATEGORICAL) / BATCH;
        assertThat(trace).hasNumberOfRows(6);
        assertThat(reported).isCloseTo(reference, within(1e-10));
    }

    @ParameterizedTest(name = "{0} pooling, hidden {1}, top {2} {3}")
    @MethodSource("forms")
    void everyWeightBiasAndPrecisionGradientEqualsCentralFiniteDifferencesOfTheEnergy(Pooling pooling,
            PrecisionForm hidden, TopEnergy top, PrecisionForm output) {
        INDArray[] d = data(top);
        PredictiveCodingOutputLayerImpl layer = layer(hierarchy(pooling, hidden, top, output));
        layer.setInput(d[0], LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(d[1]);
        Gradient g = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()).getFirst();
        ConvolutionalMirror mirror = new ConvolutionalMirror(layer);
        INDArray[] v = relaxedValues(layer, d[0], d[1]);
        boolean categorical = top == TopEnergy.CATEGORICAL;
        int checked = 0;
        for (int l = 1; l <= 4; l++) {
            for (String key : new String[] {"W", "b"}) {
                INDArray param = mirror.parameter(l, key);
                // DL4J keeps a convolution's bias as a vector; the PC layer as a row [1, channels].
                INDArray grad = g.getGradientFor(key + l);
                assertThat(grad.length()).isEqualTo(param.length());
                grad = grad.reshape(param.shape());
                NdIndexIterator it = new NdIndexIterator(param.shape());
                while (it.hasNext()) {
                    long[] i = it.next();
                    double orig = param.getDouble(i);
                    param.putScalar(i, orig + H);
                    double plus = mirror.energy(v, categorical);
                    param.putScalar(i, orig - H);
                    double minus = mirror.energy(v, categorical);
                    param.putScalar(i, orig);
                    double fd = (plus - minus) / (2 * H);
                    assertThat(grad.getDouble(i)).as("%s%d%s", key, l, java.util.Arrays.toString(i))
                            .isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                    checked++;
                }
            }
            double[] s = mirror.logVariances[l - 1];
            if (s == null) {
                continue;
            }
            INDArray grad = g.getGradientFor(PcParamInitializer.precisionKey(l));
            assertThat(grad.length()).isEqualTo(s.length);
            for (int i = 0; i < s.length; i++) {
                double orig = s[i];
                s[i] = orig + H;
                double plus = mirror.energy(v, categorical);
                s[i] = orig - H;
                double minus = mirror.energy(v, categorical);
                s[i] = orig;
                double fd = (plus - minus) / (2 * H);
                assertThat(grad.getDouble(i)).as("s%d[%d]", l, i).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                checked++;
            }
        }
        // 2*1*3*3 + 2, 3*2*2*2 + 3, 12*4 + 4, 4*3 + 3 weights and biases.
        assertThat(checked).isGreaterThanOrEqualTo(20 + 27 + 52 + 15);
    }

    @ParameterizedTest(name = "{0} pooling, hidden {1}")
    @MethodSource("forms")
    void everyLevelsRelaxationStepIsMinusTheStateRateTimesTheEnergyGradient(Pooling pooling, PrecisionForm hidden,
            TopEnergy ignored, PrecisionForm output) {
        // Relaxed inference from zero with the top free (Gaussian): one step at a fixed rate moves every level by
        // -eta dF/dx_l at the zero values, which the reference differentiates level by level.
        double eta = 0.05;
        INDArray x = data(TopEnergy.GAUSSIAN)[0];
        PredictiveCodingOutputLayerImpl layer = layer(hierarchy(pooling, hidden, TopEnergy.GAUSSIAN,
                output == PrecisionForm.NONE ? PrecisionForm.DIAGONAL : output)
                .inferenceMode(InferenceMode.RELAXED).relaxationSteps(1).stateRate(eta));
        INDArray top = layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray[] hiddenValues = layer.lastHiddenValues();
        ConvolutionalMirror mirror = new ConvolutionalMirror(layer);
        INDArray[] zero = new INDArray[5];
        zero[0] = x;
        for (int l = 1; l <= 4; l++) {
            zero[l] = Nd4j.zeros(DataType.DOUBLE, BATCH, ((PredictiveCodingOutputLayer) layer.conf().getLayer())
                    .levelSize(l));
        }
        int checked = 0;
        for (int l = 1; l <= 4; l++) {
            INDArray moved = l < 4 ? hiddenValues[l - 1] : top;
            for (int n = 0; n < BATCH; n++) {
                for (int i = 0; i < moved.size(1); i++) {
                    zero[l].putScalar(n, i, H);
                    double plus = mirror.energy(zero, false);
                    zero[l].putScalar(n, i, -H);
                    double minus = mirror.energy(zero, false);
                    zero[l].putScalar(n, i, 0.0);
                    double fd = (plus - minus) / (2 * H);
                    assertThat(-moved.getDouble(n, i) / eta).as("dF/dx_%d[%d, %d]", l, n, i)
                            .isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(BATCH * (32 + 12 + 4 + 3));
    }

    @ParameterizedTest(name = "{0} pooling")
    @EnumSource(value = Pooling.class, names = {"MAX", "AVG"})
    void epsilonEqualsFiniteDifferencesOfTheEnergyWithRespectToTheInputImage(Pooling pooling) {
        INDArray[] d = data(TopEnergy.GAUSSIAN);
        PredictiveCodingOutputLayerImpl layer = layer(hierarchy(pooling, PrecisionForm.DIAGONAL, TopEnergy.GAUSSIAN,
                PrecisionForm.DIAGONAL));
        layer.setInput(d[0], LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(d[1]);
        Pair<Gradient, INDArray> p = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        INDArray eps = p.getSecond();
        ConvolutionalMirror mirror = new ConvolutionalMirror(layer);
        INDArray[] v = relaxedValues(layer, d[0].dup(), d[1]);
        for (int n = 0; n < BATCH; n++) {
            for (int i = 0; i < 64; i++) {
                double orig = v[0].getDouble(n, i);
                v[0].putScalar(n, i, orig + H);
                double plus = mirror.energy(v, false);
                v[0].putScalar(n, i, orig - H);
                double minus = mirror.energy(v, false);
                v[0].putScalar(n, i, orig);
                assertThat(eps.getDouble(n, i)).as("dF/dx_0[%d, %d]", n, i)
                        .isCloseTo((plus - minus) / (2 * H), within(1e-6));
            }
        }
    }

    @Test
    void anImageBatchIsReadAsItsNchwFlatteningAndItsEpsilonKeepsTheImageShape() {
        INDArray[] d = data(TopEnergy.CATEGORICAL);
        PredictiveCodingOutputLayerImpl layer = layer(hierarchy(Pooling.MAX, PrecisionForm.NONE,
                TopEnergy.CATEGORICAL, PrecisionForm.NONE));
        INDArray flat = layer.activate(d[0], false, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray image = d[0].reshape('c', BATCH, 1, 8, 8).dup('c');
        assertThat(layer.activate(image, false, LayerWorkspaceMgr.noWorkspaces()).sub(flat).amaxNumber()
                .doubleValue()).isZero();
        layer.setInput(image, LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(d[1]);
        INDArray eps = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertThat(eps.shape()).containsExactly(BATCH, 1, 8, 8);
    }
}
