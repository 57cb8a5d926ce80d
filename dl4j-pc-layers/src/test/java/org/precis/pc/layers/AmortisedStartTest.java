package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.params.PcParamInitializer;

/**
 * The amortised start of the generative layer: a recognition pass trained to predict the relaxed latents, so
 * relaxation starts near its end.
 */
class AmortisedStartTest {

    private static GenerativePcLayer.Builder layer(GenerativeStart start) {
        return new GenerativePcLayer.Builder().nIn(12).latentSizes(6, 2).activation(Activation.SIGMOID)
                .precision(PrecisionForm.NONE).relaxationSteps(20).start(start);
    }

    private static MultiLayerNetwork network(GenerativePcLayer.Builder layer, IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(updater).list().layer(layer.build()).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** 1/2 sum_l ||x*_l - h_l(x*_{l-1} R_l + c_l)||^2 with h_1 = tanh and h_2 = identity, written out. */
    private static double recognitionLoss(GenerativePcLayerImpl layer, INDArray[] relaxed) {
        double loss = 0;
        for (int l = 1; l <= 2; l++) {
            INDArray pre = relaxed[l - 1].mmul(layer.getParam(PcParamInitializer.recognitionWeightKey(l)))
                    .addRowVector(layer.getParam(PcParamInitializer.recognitionBiasKey(l)));
            INDArray q = l == 1 ? Transforms.tanh(pre, true) : pre;
            loss += 0.5 * Transforms.pow(relaxed[l].sub(q), 2).sumNumber().doubleValue();
        }
        return loss;
    }

    @Test
    void recognitionGradientsAreTheFiniteDifferencesOfTheLossOfPredictingTheRelaxedLatents() {
        MultiLayerNetwork net = network(layer(GenerativeStart.AMORTISED), new NoOp());
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) net.getLayer(0);
        INDArray x = GenerativeTrainingTest.images().get(NDArrayIndex.interval(0, 10), NDArrayIndex.all());
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        Relaxation r = layer.lastRelaxed();
        INDArray[] relaxed = {x, r.value(1).dup(), r.value(2).dup()};
        double h = 1e-6;
        for (int l = 1; l <= 2; l++) {
            for (String key : new String[] {PcParamInitializer.recognitionWeightKey(l),
                    PcParamInitializer.recognitionBiasKey(l)}) {
                INDArray p = layer.getParam(key);
                INDArray grad = layer.gradient().getGradientFor(key);
                for (int i = 0; i < p.length(); i += 3) {
                    double v = p.getDouble(i);
                    p.putScalar(i, v + h);
                    double up = recognitionLoss(layer, relaxed);
                    p.putScalar(i, v - h);
                    double down = recognitionLoss(layer, relaxed);
                    p.putScalar(i, v);
                    assertThat(grad.getDouble(i)).as("%s[%d]", key, i).isCloseTo((up - down) / (2 * h),
                            within(1e-6));
                }
            }
        }
    }

    @Test
    void afterPretrainingTheAmortisedStartReachesThePriorStartsFinalEnergyInAtMostHalfTheSteps() {
        INDArray x = GenerativeTrainingTest.images();
        MultiLayerNetwork amortised = network(layer(GenerativeStart.AMORTISED), new Adam(0.02));
        amortised.pretrain(new ViewIterator(new DataSet(x, x), 16), 60);
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) amortised.getLayer(0);

        // The same trained generative weights, relaxed from the prior instead.
        GenerativePcLayer priorConf = layer.layerConf().clone();
        priorConf.setStart(GenerativeStart.PRIOR);
        MultiLayerNetwork prior = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).list().layer(priorConf).build());
        prior.init();
        GenerativePcLayerImpl priorLayer = (GenerativePcLayerImpl) prior.getLayer(0);
        for (String key : priorLayer.paramTable().keySet()) {
            priorLayer.getParam(key).assign(layer.getParam(key));
        }

        priorLayer.inferLatents(x);
        double[] fromPrior = totals(priorLayer.lastEnergyTrace());
        double target = fromPrior[fromPrior.length - 1];
        layer.inferLatents(x);
        double[] fromAmortised = totals(layer.lastEnergyTrace());
        int reached = -1;
        for (int t = 0; t < fromAmortised.length; t++) {
            if (fromAmortised[t] <= target) {
                reached = t;
                break;
            }
        }
        assertThat(reached).as("steps the amortised start needs to reach %s", target).isBetween(0, 10);
        assertThat(fromAmortised[0]).isLessThan(fromPrior[0]);
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

    @Test
    void theRecognitionMapsAreSavedWithTheModelAndTheStartIsInItsJson(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = network(layer(GenerativeStart.AMORTISED), new Adam(0.02));
        INDArray x = GenerativeTrainingTest.images();
        net.pretrain(new ViewIterator(new DataSet(x, x), 16), 2);
        assertThat(net.getLayerWiseConfigurations().toJson()).contains("AMORTISED");
        File file = dir.resolve("gen.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.output(x)).isEqualTo(net.output(x));
    }

    @Test
    void byDefaultThePixelsLearnAScalarPrecisionAndTheLatentsNone() {
        GenerativePcLayer defaults = new GenerativePcLayer.Builder().nIn(4).latentSizes(3, 2).build();
        assertThat(defaults.getPrecisionForms()).containsExactly(PrecisionForm.SCALAR, PrecisionForm.NONE,
                PrecisionForm.NONE);
        assertThat(defaults.getStart()).isEqualTo(GenerativeStart.PRIOR);
        assertThat(defaults.getStepBound()).isEqualTo(GenerativePcLayer.DEFAULT_STEP_BOUND);
    }
}
