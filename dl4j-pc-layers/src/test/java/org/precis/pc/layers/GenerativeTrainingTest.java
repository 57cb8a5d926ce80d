package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;

/** Pretraining through DL4J's own entry points, and what the trained layer returns. */
class GenerativeTrainingTest {

    private static final int N_IN = 12;
    private static final int EXAMPLES = 64;

    /** 64 fixed images of 12 pixels in (0, 1), generated from 2 uniform factors through a fixed random map. */
    static INDArray images() {
        Nd4j.getRandom().setSeed(5);
        INDArray z = Nd4j.rand(DataType.DOUBLE, EXAMPLES, 2).muli(2).subi(1);
        INDArray map = Nd4j.randn(DataType.DOUBLE, 2, N_IN).muli(2);
        return Transforms.sigmoid(z.mmul(map), false);
    }

    static MultiLayerNetwork network(GenerativePcLayer.Builder layer) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(0.02)).list().layer(layer.build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static GenerativePcLayer.Builder autoencoder() {
        return new GenerativePcLayer.Builder().nIn(N_IN).latentSizes(6, 2).activation(Activation.SIGMOID)
                .precision(PrecisionForm.NONE).relaxationSteps(20).stateRate(0.1);
    }

    private static double mse(INDArray a, INDArray b) {
        return Transforms.pow(a.sub(b), 2).meanNumber().doubleValue();
    }

    @Test
    void pretrainingLowersTheReconstructionErrorOfASmallFixedDataSet() {
        INDArray x = images();
        MultiLayerNetwork net = network(autoencoder());
        GenerativePcLayerImpl pc = (GenerativePcLayerImpl) net.getLayer(0);
        double before = mse(pc.reconstruct(x, 1), x);
        double beforeTop = mse(pc.reconstruct(x), x);
        net.pretrain(new ViewIterator(new DataSet(x, x), 16), 40);
        double after = mse(pc.reconstruct(x, 1), x);
        double afterTop = mse(pc.reconstruct(x), x);
        // Halving is far from what 160 Adam steps achieve here, and far beyond noise from the initialisation.
        assertThat(after).isLessThan(0.5 * before);
        assertThat(afterTop).isLessThan(0.5 * beforeTop);
    }

    @Test
    void activateReturnsTheInferredLatentsOfTheEmbeddingLevelsInOrder() {
        INDArray x = images().get(NDArrayIndex.interval(0, 8));
        MultiLayerNetwork net = network(autoencoder().embeddingLevels(2, 1));
        GenerativePcLayerImpl pc = (GenerativePcLayerImpl) net.getLayer(0);
        INDArray out = net.output(x);
        INDArray[] latents = pc.inferLatents(x);
        assertThat(out.shape()).containsExactly(8, 8);
        assertThat(out.get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, 2))).isEqualTo(latents[1]);
        assertThat(out.get(NDArrayIndex.all(),
                NDArrayIndex.interval(2, 8))).isEqualTo(latents[0]);
        assertThat(pc.embedding(x, 1)).isEqualTo(latents[0]);
    }

    @Test
    void generatingFromATopLatentIsTheTopDownSweepOfTheLearnedMaps() {
        // mu_1 = tanh(z W2 + b2), mu_0 = sigmoid(mu_1 W1 + b1), computed here with plain ND4J ops.
        MultiLayerNetwork net = network(autoencoder());
        GenerativePcLayerImpl pc = (GenerativePcLayerImpl) net.getLayer(0);
        Nd4j.getRandom().setSeed(9);
        INDArray z = Nd4j.randn(DataType.DOUBLE, 3, 2);
        INDArray mid = Transforms.tanh(z.mmul(pc.getParam("W2")).addRowVector(pc.getParam("b2")), true);
        INDArray expected = Transforms.sigmoid(mid.mmul(pc.getParam("W1")).addRowVector(pc.getParam("b1")), true);
        INDArray generated = pc.generate(z);
        assertThat(generated.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void aWarmStartFromConvergedLatentsBarelyMovesThem() {
        // Relaxation is descent on F: started at (near) a fixed point it must stay (near) there.
        INDArray x = images();
        MultiLayerNetwork net = network(autoencoder().relaxationSteps(400));
        GenerativePcLayerImpl pc = (GenerativePcLayerImpl) net.getLayer(0);
        INDArray[] converged = pc.inferLatents(x);
        INDArray[] again = pc.inferLatents(x, converged);
        INDArray[] cold = pc.inferLatents(x.dup());
        assertThat(again[1].sub(converged[1]).amaxNumber().doubleValue()).isLessThan(1e-3);
        assertThat(cold[1]).isEqualTo(converged[1]);
    }

    @Test
    void aComputationGraphPretrainsTheLayerAndOutputsItsEmbedding() {
        INDArray x = images();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(0.02)).graphBuilder().addInputs("in")
                .addLayer("gen", autoencoder().build(), "in").setOutputs("gen").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray before = graph.params().dup();
        graph.pretrainLayer("gen", new ViewIterator(new DataSet(x, x), 16));
        GenerativePcLayerImpl pc = (GenerativePcLayerImpl) graph.getLayer("gen");
        assertThat(graph.params()).isNotEqualTo(before);
        assertThat(graph.outputSingle(x)).isEqualTo(pc.embedding(x, 2));
    }

    @Test
    void supervisedFitLeavesTheGenerativeLayerUnchangedAndTrainsTheLayersAbove() {
        INDArray x = images();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, EXAMPLES, 2);
        for (int r = 0; r < EXAMPLES; r++) {
            y.putScalar(r, r % 2, 1.0);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(0.02)).list()
                .layer(autoencoder().relaxationSteps(5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray pcParams = net.getLayer(0).params().dup();
        INDArray outParams = net.getLayer(1).params().dup();
        net.fit(new DataSet(x, y));
        assertThat(net.getLayer(0).params()).isEqualTo(pcParams);
        assertThat(net.getLayer(1).params()).isNotEqualTo(outParams);
    }

    @Test
    void pretrainingScoreIsTheRelaxedEnergyAndFallsOverTraining() {
        INDArray x = images();
        MultiLayerNetwork net = network(autoencoder().precision(PrecisionForm.DIAGONAL)
                .precisionEstimator(PrecisionEstimator.GRADIENT).varianceFloor(0.1));
        GenerativePcLayerImpl pc = (GenerativePcLayerImpl) net.getLayer(0);
        net.pretrainLayer(0, x);
        double first = pc.score();
        net.pretrain(new ViewIterator(new DataSet(x, x), 16), 20);
        net.pretrainLayer(0, x);
        assertThat(pc.score()).isLessThan(first);
        double[] variances = pc.currentVariances(0);
        assertThat(variances).hasSize(N_IN);
        for (double v : variances) {
            assertThat(v).isBetween(0.1, 1e4);
        }
    }
}
