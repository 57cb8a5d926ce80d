package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.ReferencePc;
import org.precis.pc.testutil.TinyNets;

/** Behaviour of the relaxation itself: descent, its limit, and its relation to backpropagation. */
class RelaxationTest {

    private static PredictiveCodingOutputLayer.Builder gaussianMlp() {
        return new PredictiveCodingOutputLayer.Builder().nIn(3).hiddenLayerSizes(4, 3).nOut(2)
                .hiddenActivation(Activation.TANH).activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN);
    }

    private static PredictiveCodingOutputLayerImpl relaxOnce(MultiLayerNetwork net, INDArray x, INDArray y) {
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(y);
        layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        return layer;
    }

    @Test
    void withASmallStateRateRelaxationLowersTheEnergyAtEveryStep() {
        // Gradient descent on a smooth energy with a small enough step must decrease it monotonically.
        MultiLayerNetwork net = TinyNets.single(new PredictiveCodingOutputLayer.Builder().nIn(3)
                .hiddenLayerSizes(6, 5).nOut(3).stateRate(0.02).relaxationSteps(40), 11);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 3);
        PredictiveCodingOutputLayerImpl layer = relaxOnce(net, x,
                TinyNets.oneHot(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, 3));
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
    void withAVanishingOutputNudgeRelaxedPcWeightGradientsApproachBackpropGradients() {
        // Output precision beta weights the clamped top: at equilibrium the hidden errors are O(beta) and PC's
        // local weight gradients equal beta times backprop's gradients of 1/2||y - mu||^2 up to O(beta^2)
        // (equilibrium-propagation limit; Millidge et al. 2020). Stated tolerance: 1% relative at beta = 1e-3.
        double beta = 1e-3;
        MultiLayerNetwork net = TinyNets.single(gaussianMlp().outputPrecision(PrecisionForm.SCALAR)
                .initialPrecision(beta).stateRate(0.1).relaxationSteps(600), 5);
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 4, 2);
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        ReferencePc.Net ref = TinyNets.mirror(layer);
        double[][][] bp = ReferencePc.backpropWeightGradients(ref, x.toDoubleMatrix(), y.toDoubleMatrix());
        relaxOnce(net, x, y);
        Gradient g = layer.gradient();
        for (int l = 1; l <= 3; l++) {
            double[][] pc = g.getGradientFor(PcParamInitializer.weightKey(l)).dup().divi(beta).toDoubleMatrix();
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < pc.length; i++) {
                for (int j = 0; j < pc[i].length; j++) {
                    diff += Math.pow(pc[i][j] - bp[l - 1][i][j], 2);
                    norm += Math.pow(bp[l - 1][i][j], 2);
                }
            }
            assertThat(Math.sqrt(diff / norm)).as("relative error at level %d", l).isLessThan(1e-2);
        }
    }

    @Test
    void relaxedInferenceConvergesToTheFeedForwardSweep() {
        // The feed-forward sweep is the energy minimum with the top free, so relaxation from zero reaches it.
        MultiLayerNetwork ff = TinyNets.single(gaussianMlp(), 9);
        MultiLayerNetwork relaxed = TinyNets.single(gaussianMlp().inferenceMode(InferenceMode.RELAXED)
                .stateRate(0.2).relaxationSteps(800), 9);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 3);
        INDArray expected = ff.output(x);
        INDArray actual = relaxed.output(x);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-8);
        MultiLayerNetwork fewSteps = TinyNets.single(gaussianMlp().inferenceMode(InferenceMode.RELAXED)
                .stateRate(0.2).relaxationSteps(3), 9);
        assertThat(fewSteps.output(x).sub(expected).amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void aToleranceStopsRelaxationOnceTheEnergyStopsFalling() {
        MultiLayerNetwork net = TinyNets.single(gaussianMlp().stateRate(0.1).relaxationSteps(500).tolerance(1e-3), 4);
        Nd4j.getRandom().setSeed(4);
        PredictiveCodingOutputLayerImpl layer = relaxOnce(net, Nd4j.randn(DataType.DOUBLE, 4, 3),
                Nd4j.randn(DataType.DOUBLE, 4, 2));
        double[][] trace = layer.lastEnergyTrace();
        assertThat(trace.length - 1).isBetween(2, 499);
        double before = sum(trace[trace.length - 2]);
        double last = sum(trace[trace.length - 1]);
        assertThat(before - last).isLessThan(1e-3 * Math.abs(before));
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
