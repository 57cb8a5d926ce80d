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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.ReferencePc;
import org.precis.pc.testutil.TinyNets;

/**
 * The energy the layer reports and every gradient it writes agree with an independent plain-Java energy and its
 * central finite differences at the relaxed values (double precision, tiny networks).
 */
class EnergyGradientTest {

    private static final double H = 1e-6;
    private static final int BATCH = 5;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of(PrecisionForm.NONE, PrecisionForm.NONE, TopEnergy.GAUSSIAN),
                Arguments.of(PrecisionForm.SCALAR, PrecisionForm.SCALAR, TopEnergy.GAUSSIAN),
                Arguments.of(PrecisionForm.DIAGONAL, PrecisionForm.DIAGONAL, TopEnergy.GAUSSIAN),
                Arguments.of(PrecisionForm.FULL, PrecisionForm.FULL, TopEnergy.GAUSSIAN),
                Arguments.of(PrecisionForm.DIAGONAL, PrecisionForm.NONE, TopEnergy.CATEGORICAL),
                Arguments.of(PrecisionForm.FULL, PrecisionForm.NONE, TopEnergy.CATEGORICAL));
    }

    private static PredictiveCodingOutputLayerImpl relaxedLayer(PrecisionForm hidden, PrecisionForm output,
            TopEnergy top, INDArray x, INDArray y) {
        return relaxedLayer(hidden, output, top, Activation.TANH, x, y);
    }

    private static PredictiveCodingOutputLayerImpl relaxedLayer(PrecisionForm hidden, PrecisionForm output,
            TopEnergy top, Activation hiddenActivation, INDArray x, INDArray y) {
        MultiLayerNetwork net = TinyNets.single(new PredictiveCodingOutputLayer.Builder()
                .nIn(3).hiddenLayerSizes(4, 3).nOut(3)
                .hiddenActivation(hiddenActivation)
                .topEnergy(top)
                .hiddenPrecision(hidden).outputPrecision(output)
                .relaxationSteps(6).stateRate(0.2), 42);
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        TinyNets.randomisePrecisions(layer, 7);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(y);
        return layer;
    }

    private static INDArray[] data(TopEnergy top) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, 3);
        INDArray y = top == TopEnergy.CATEGORICAL ? TinyNets.oneHot(new int[] {0, 2, 1, 2, 0}, 3)
                : Nd4j.randn(DataType.DOUBLE, BATCH, 3);
        return new INDArray[] {x, y};
    }

    private static double[][][] values(PredictiveCodingOutputLayerImpl layer, INDArray x, INDArray y) {
        INDArray[] hidden = layer.lastHiddenValues();
        double[][][] v = new double[hidden.length + 2][][];
        v[0] = x.toDoubleMatrix();
        for (int i = 0; i < hidden.length; i++) {
            v[i + 1] = hidden[i].toDoubleMatrix();
        }
        v[hidden.length + 1] = y.toDoubleMatrix();
        return v;
    }

    @ParameterizedTest(name = "hidden {0}, output {1}, top {2}")
    @MethodSource("forms")
    void reportedEnergyEqualsTheReferenceEnergyAtTheRelaxedValues(PrecisionForm hidden, PrecisionForm output,
            TopEnergy top) {
        INDArray[] d = data(top);
        PredictiveCodingOutputLayerImpl layer = relaxedLayer(hidden, output, top, d[0], d[1]);
        layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        double[][] trace = layer.lastEnergyTrace();
        double reported = 0;
        for (double e : trace[trace.length - 1]) {
            reported += e;
        }
        double reference = ReferencePc.energy(TinyNets.mirror(layer), values(layer, d[0], d[1])) / BATCH;
        assertThat(trace).hasNumberOfRows(7);
        assertThat(reported).isCloseTo(reference, within(1e-10));
    }

    @ParameterizedTest(name = "hidden {0}, output {1}, top {2}")
    @MethodSource("forms")
    void everyParameterGradientEqualsCentralFiniteDifferencesOfTheEnergy(PrecisionForm hidden,
            PrecisionForm output, TopEnergy top) {
        INDArray[] d = data(top);
        PredictiveCodingOutputLayerImpl layer = relaxedLayer(hidden, output, top, d[0], d[1]);
        Gradient g = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()).getFirst();
        ReferencePc.Net ref = TinyNets.mirror(layer);
        double[][][] v = values(layer, d[0], d[1]);
        int checked = 0;
        for (String key : layer.paramTable().keySet()) {
            int l = PcParamInitializer.levelOf(key) - 1;
            double[][] target = key.startsWith(PcParamInitializer.WEIGHT_PREFIX) ? ref.w[l]
                    : key.startsWith(PcParamInitializer.PRECISION_PREFIX) ? ref.s[l] : new double[][] {ref.b[l]};
            double[][] grad = g.getGradientFor(key).toDoubleMatrix();
            for (int i = 0; i < target.length; i++) {
                for (int j = 0; j < target[i].length; j++) {
                    double orig = target[i][j];
                    target[i][j] = orig + H;
                    double plus = ReferencePc.energy(ref, v);
                    target[i][j] = orig - H;
                    double minus = ReferencePc.energy(ref, v);
                    target[i][j] = orig;
                    double fd = (plus - minus) / (2 * H);
                    assertThat(grad[i][j]).as("%s[%d,%d]", key, i, j).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Activation.class, names = {"RELU", "SIGMOID", "IDENTITY", "TANH"})
    void weightGradientsMatchFiniteDifferencesForEachHiddenActivationWithAnInPlaceDerivative(Activation act) {
        INDArray[] d = data(TopEnergy.GAUSSIAN);
        PredictiveCodingOutputLayerImpl layer = relaxedLayer(PrecisionForm.DIAGONAL, PrecisionForm.NONE,
                TopEnergy.GAUSSIAN, act, d[0], d[1]);
        Gradient g = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()).getFirst();
        ReferencePc.Net ref = TinyNets.mirror(layer);
        double[][][] v = values(layer, d[0], d[1]);
        for (int l = 0; l < 3; l++) {
            double[][] grad = g.getGradientFor(PcParamInitializer.weightKey(l + 1)).toDoubleMatrix();
            for (int i = 0; i < ref.w[l].length; i++) {
                for (int j = 0; j < ref.w[l][i].length; j++) {
                    double orig = ref.w[l][i][j];
                    ref.w[l][i][j] = orig + H;
                    double plus = ReferencePc.energy(ref, v);
                    ref.w[l][i][j] = orig - H;
                    double minus = ReferencePc.energy(ref, v);
                    ref.w[l][i][j] = orig;
                    double fd = (plus - minus) / (2 * H);
                    assertThat(grad[i][j]).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                }
            }
        }
    }

    @Test
    void epsilonEqualsFiniteDifferencesOfTheEnergyWithRespectToTheInput() {
        INDArray[] d = data(TopEnergy.GAUSSIAN);
        PredictiveCodingOutputLayerImpl layer = relaxedLayer(PrecisionForm.DIAGONAL, PrecisionForm.FULL,
                TopEnergy.GAUSSIAN, d[0], d[1]);
        Pair<Gradient, INDArray> p = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        double[][] eps = p.getSecond().toDoubleMatrix();
        ReferencePc.Net ref = TinyNets.mirror(layer);
        double[][][] v = values(layer, d[0], d[1]);
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < 3; i++) {
                double orig = v[0][r][i];
                v[0][r][i] = orig + H;
                double plus = ReferencePc.energy(ref, v);
                v[0][r][i] = orig - H;
                double minus = ReferencePc.energy(ref, v);
                v[0][r][i] = orig;
                assertThat(eps[r][i]).isCloseTo((plus - minus) / (2 * H), within(1e-6));
            }
        }
    }
}
