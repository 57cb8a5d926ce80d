package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.ReferenceGenerativePc;

/**
 * The energy the generative layer reports, every parameter gradient it writes and every relaxation step agree
 * with an independent plain-Java energy and its central finite differences (double precision, tiny nets).
 */
class GenerativeEnergyGradientTest {

    private static final double H = 1e-6;
    private static final int BATCH = 5;
    private static final int N_IN = 4;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of((Object) new PrecisionForm[] {PrecisionForm.NONE, PrecisionForm.NONE, PrecisionForm.NONE}),
                Arguments.of((Object) new PrecisionForm[] {PrecisionForm.SCALAR, PrecisionForm.SCALAR,
                        PrecisionForm.SCALAR}),
                Arguments.of((Object) new PrecisionForm[] {PrecisionForm.DIAGONAL, PrecisionForm.DIAGONAL,
                        PrecisionForm.DIAGONAL}),
                Arguments.of((Object) new PrecisionForm[] {PrecisionForm.FULL, PrecisionForm.FULL, PrecisionForm.FULL}),
                Arguments.of((Object) new PrecisionForm[] {PrecisionForm.FULL, PrecisionForm.DIAGONAL,
                        PrecisionForm.SCALAR}));
    }

    /** A layer 4 <- 3 <- 2 with random precisions, biases and prior mean, so no parameter sits at a special value. */
    static GenerativePcLayerImpl layer(PrecisionForm[] forms, int steps, double rate) {
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) ReferenceGenerativePc.single(
                new GenerativePcLayer.Builder().nIn(N_IN).latentSizes(3, 2).activation(Activation.SIGMOID)
                        .hiddenActivation(Activation.TANH).levelPrecisions(forms)
                        .relaxationSteps(steps).stateRate(rate), 42).getLayer(0);
        Nd4j.getRandom().setSeed(7);
        for (String key : layer.paramTable().keySet()) {
            INDArray p = layer.getParam(key);
            if (!key.startsWith(PcParamInitializer.WEIGHT_PREFIX)) {
                INDArray r = Nd4j.rand(DataType.DOUBLE, p.shape()).subi(0.5).muli(0.8);
                if (p.rank() == 2 && p.size(0) > 1 && p.size(0) == p.size(1)) {
                    // The strict upper triangle of a full precision's parameters is unused: keep it at zero.
                    for (int i = 0; i < p.size(0); i++) {
                        for (int j = i + 1; j < p.size(1); j++) {
                            r.putScalar(i, j, 0.0);
                        }
                    }
                }
                p.assign(r);
            }
        }
        return layer;
    }

    static INDArray data() {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, BATCH, N_IN);
    }

    private static double[][][] values(INDArray x, INDArray[] latents) {
        double[][][] v = new double[latents.length + 1][][];
        v[0] = x.toDoubleMatrix();
        for (int l = 1; l <= latents.length; l++) {
            v[l] = latents[l - 1].toDoubleMatrix();
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void reportedEnergyAndScoreEqualTheReferenceEnergyAtTheRelaxedLatents(PrecisionForm[] forms) {
        GenerativePcLayerImpl layer = layer(forms, 6, 0.1);
        INDArray x = data();
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        double score = layer.score();
        INDArray[] latents = layer.inferLatents(x);
        double reference = ReferenceGenerativePc.energy(ReferenceGenerativePc.mirror(layer), values(x, latents))
                / BATCH;
        double[][] trace = layer.lastEnergyTrace();
        double reported = 0;
        for (double e : trace[trace.length - 1]) {
            reported += e;
        }
        assertThat(trace).hasNumberOfRows(7);
        assertThat(trace[0]).hasSize(3);
        assertThat(reported).isCloseTo(reference, within(1e-10));
        assertThat(score).isCloseTo(reference, within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void everyParameterGradientEqualsCentralFiniteDifferencesOfTheEnergy(PrecisionForm[] forms) {
        GenerativePcLayerImpl layer = layer(forms, 6, 0.1);
        INDArray x = data();
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        Gradient g = layer.gradient();
        double[][][] v = values(x, layer.inferLatents(x));
        ReferenceGenerativePc.Net ref = ReferenceGenerativePc.mirror(layer);
        int checked = 0;
        for (String key : layer.paramTable().keySet()) {
            double[][] target;
            if (key.equals(PcParamInitializer.PRIOR_MEAN_KEY)) {
                target = new double[][] {ref.m};
            } else {
                int l = PcParamInitializer.levelOf(key);
                target = key.startsWith(PcParamInitializer.WEIGHT_PREFIX) ? ref.w[l]
                        : key.startsWith(PcParamInitializer.PRECISION_PREFIX) ? ref.s[l] : new double[][] {ref.b[l]};
            }
            double[][] grad = g.getGradientFor(key).toDoubleMatrix();
            for (int i = 0; i < target.length; i++) {
                for (int j = 0; j < target[i].length; j++) {
                    double orig = target[i][j];
                    target[i][j] = orig + H;
                    double plus = ReferenceGenerativePc.energy(ref, v);
                    target[i][j] = orig - H;
                    double minus = ReferenceGenerativePc.energy(ref, v);
                    target[i][j] = orig;
                    double fd = (plus - minus) / (2 * H);
                    assertThat(grad[i][j]).as("%s[%d,%d]", key, i, j)
                            .isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                    checked++;
                }
            }
        }
        // W1 (12) + W2 (6) + b1 (4) + b2 (3) + m (2) at least, plus precisions.
        assertThat(checked).isGreaterThanOrEqualTo(27);
    }

    @Test
    void oneRelaxationStepMovesEveryLatentAgainstTheFiniteDifferenceGradientOfTheEnergy() {
        // x_l <- x_l - eta dF/dx_l: one step from a warm start must equal it, with dF/dx_l from the reference.
        double rate = 0.05;
        GenerativePcLayerImpl layer = layer(new PrecisionForm[] {PrecisionForm.DIAGONAL, PrecisionForm.FULL,
                PrecisionForm.SCALAR}, 1, rate);
        INDArray x = data();
        Nd4j.getRandom().setSeed(11);
        INDArray[] start = {Nd4j.randn(DataType.DOUBLE, BATCH, 3), Nd4j.randn(DataType.DOUBLE, BATCH, 2)};
        INDArray[] after = layer.inferLatents(x, start);
        double[][][] v = values(x, start);
        ReferenceGenerativePc.Net ref = ReferenceGenerativePc.mirror(layer);
        for (int l = 1; l <= 2; l++) {
            double[][] next = after[l - 1].toDoubleMatrix();
            for (int r = 0; r < BATCH; r++) {
                for (int i = 0; i < v[l][r].length; i++) {
                    double orig = v[l][r][i];
                    v[l][r][i] = orig + H;
                    double plus = ReferenceGenerativePc.energy(ref, v);
                    v[l][r][i] = orig - H;
                    double minus = ReferenceGenerativePc.energy(ref, v);
                    v[l][r][i] = orig;
                    double expected = orig - rate * (plus - minus) / (2 * H);
                    assertThat(next[r][i]).as("level %d [%d,%d]", l, r, i).isCloseTo(expected, within(1e-8));
                }
            }
        }
    }

    @Test
    void withASmallStateRateRelaxationLowersTheEnergyAtEveryStep() {
        // Gradient descent on a smooth energy with a small enough step decreases it monotonically.
        GenerativePcLayerImpl layer = layer(new PrecisionForm[] {PrecisionForm.DIAGONAL, PrecisionForm.FULL,
                PrecisionForm.SCALAR}, 40, 0.02);
        layer.inferLatents(data());
        double[][] trace = layer.lastEnergyTrace();
        assertThat(trace).hasNumberOfRows(41);
        double previous = Double.POSITIVE_INFINITY;
        for (double[] step : trace) {
            double total = 0;
            for (double e : step) {
                total += e;
            }
            assertThat(total).isLessThan(previous);
            previous = total;
        }
    }
    @Test
    void relaxationStopsAtTheFirstStepThatLowersTheEnergyByLessThanTheTolerance() {
        // The documented rule: stop once (E_{t-1} - E_t) < tolerance * |E_{t-1}|, and not before.
        double tolerance = 0.02;
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) ReferenceGenerativePc.single(
                new GenerativePcLayer.Builder().nIn(N_IN).latentSizes(3, 2).activation(Activation.SIGMOID)
                        .relaxationSteps(200).stateRate(0.05).tolerance(tolerance), 42).getLayer(0);
        layer.inferLatents(data());
        double[][] trace = layer.lastEnergyTrace();
        double[] total = new double[trace.length];
        for (int t = 0; t < trace.length; t++) {
            for (double v : trace[t]) {
                total[t] += v;
            }
        }
        int last = trace.length - 1;
        assertThat(last).isBetween(1, 199);
        assertThat(total[last - 1] - total[last]).isLessThan(tolerance * Math.abs(total[last - 1]));
        for (int t = 1; t < last; t++) {
            assertThat(total[t - 1] - total[t]).isGreaterThanOrEqualTo(tolerance * Math.abs(total[t - 1]));
        }
    }
}
