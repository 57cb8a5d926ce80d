package org.precis.natgrad.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The dense backward pass from kept pre-activations against DL4J's own {@code BaseLayer.backpropGradient} on an
 * identical layer: the same weight, bias and input gradients (the same ND4J operations, so the same floats), and
 * DL4J's pass whenever the kept pre-activations might not describe the pass.
 */
class DenseBackwardTest {

    private static final int N_IN = 7;
    private static final int N_OUT = 5;
    private static final int BATCH = 6;

    private static MultiLayerNetwork network(Activation activation, double dropout, DataType type) {
        DenseLayer.Builder dense = new DenseLayer.Builder().nIn(N_IN).nOut(N_OUT).activation(activation);
        if (dropout > 0) {
            dense.dropOut(new Dropout(dropout));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new Sgd(0.1)).list()
                .layer(dense.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(N_OUT).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        // The gradient views the backward passes write into, as fit() makes them.
        net.initGradientsView();
        return net;
    }

    /** Copies of a result that no later pass can overwrite: weight gradient, bias gradient, input gradient. */
    private static INDArray[] copies(Pair<Gradient, INDArray> result) {
        Map<String, INDArray> g = result.getFirst().gradientForVariable();
        return new INDArray[] {g.get("W").dup(), g.get("b").dup(), result.getSecond().dup()};
    }

    private static INDArray[] dl4jPass(Layer layer, INDArray input, INDArray epsilon, long seed) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Nd4j.getRandom().setSeed(seed);
        layer.activate(input.dup(), true, mgr);
        return copies(layer.backpropGradient(epsilon.dup(), mgr));
    }

    private static INDArray[] keptPass(Layer layer, INDArray input, INDArray epsilon, long seed) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        DenseBackward backward = new DenseBackward();
        Nd4j.getRandom().setSeed(seed);
        layer.setInput(input.dup(), mgr);
        backward.activate(layer, true, mgr);
        Pair<Gradient, INDArray> result = backward.backprop(layer, epsilon.dup(), mgr, null);
        assertThat(result).as("backward pass from the kept pre-activations").isNotNull();
        return copies(result);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID", "LEAKYRELU", "IDENTITY", "SOFTPLUS"})
    void givesDl4jsGradientsForEachActivation(Activation activation) {
        Nd4j.getRandom().setSeed(11);
        INDArray input = Nd4j.randn(DataType.FLOAT, BATCH, N_IN);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, BATCH, N_OUT);
        INDArray[] expected = dl4jPass(network(activation, 0, DataType.FLOAT).getLayer(0), input, epsilon, 5);
        INDArray[] actual = keptPass(network(activation, 0, DataType.FLOAT).getLayer(0), input, epsilon, 5);
        for (int i = 0; i < 3; i++) {
            assertThat(actual[i]).as(new String[] {"weight gradient", "bias gradient", "input gradient"}[i])
                    .isEqualTo(expected[i]);
        }
        // Not vacuous: every gradient has non-zero entries.
        assertThat(expected[0].norm2Number().doubleValue()).isPositive();
        assertThat(expected[2].norm2Number().doubleValue()).isPositive();
    }

    @Test
    void aLayerWithDropoutKeepsDl4jsPasses() {
        // Dropout changes the input inside DL4J's forward pass: that pass and DL4J's backward pass are used as they are.
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Nd4j.getRandom().setSeed(12);
        INDArray input = Nd4j.randn(DataType.DOUBLE, BATCH, N_IN);
        INDArray epsilon = Nd4j.randn(DataType.DOUBLE, BATCH, N_OUT);
        Layer plain = network(Activation.TANH, 0.5, DataType.DOUBLE).getLayer(0);
        Layer layer = network(Activation.TANH, 0.5, DataType.DOUBLE).getLayer(0);
        DenseBackward backward = new DenseBackward();
        Nd4j.getRandom().setSeed(9);
        INDArray expected = plain.activate(input.dup(), true, mgr).dup();
        Nd4j.getRandom().setSeed(9);
        layer.setInput(input.dup(), mgr);
        assertThat(backward.activate(layer, true, mgr)).isEqualTo(expected);
        assertThat(backward.backprop(layer, epsilon, mgr, null)).isNull();
    }

    @Test
    void declinesWhenThePreActivationsMayNotDescribeThePass() {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Layer layer = network(Activation.RELU, 0, DataType.FLOAT).getLayer(0);
        INDArray input = Nd4j.randn(DataType.FLOAT, BATCH, N_IN);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, BATCH, N_OUT);
        DenseBackward backward = new DenseBackward();

        assertThat(backward.backprop(layer, epsilon, mgr, null)).as("no forward pass yet").isNull();

        layer.setInput(input, mgr);
        backward.activate(layer, false, mgr);
        assertThat(backward.backprop(layer, epsilon, mgr, null)).as("after an inference pass").isNull();

        backward.activate(layer, true, mgr);
        layer.setInput(input.dup(), mgr);
        assertThat(backward.backprop(layer, epsilon, mgr, null)).as("after a new input array").isNull();

        backward.activate(layer, true, mgr);
        layer.setMaskArray(Nd4j.ones(DataType.FLOAT, BATCH, 1));
        assertThat(backward.backprop(layer, epsilon, mgr, null)).as("with a mask").isNull();
        layer.setMaskArray(null);

        backward.activate(layer, true, mgr);
        assertThat(backward.backprop(layer, epsilon, mgr, null)).as("once per forward pass").isNotNull();
        assertThat(backward.backprop(layer, epsilon, mgr, null)).as("twice per forward pass").isNull();
    }

    @Test
    void handsDeltaToTheSink() {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Layer layer = network(Activation.IDENTITY, 0, DataType.DOUBLE).getLayer(0);
        INDArray input = Nd4j.randn(DataType.DOUBLE, BATCH, N_IN);
        INDArray epsilon = Nd4j.randn(DataType.DOUBLE, BATCH, N_OUT);
        DenseBackward backward = new DenseBackward();
        layer.setInput(input, mgr);
        backward.activate(layer, true, mgr);
        INDArray[] delta = new INDArray[1];
        backward.backprop(layer, epsilon, mgr, d -> delta[0] = d.dup());
        // The identity's delta is epsilon itself.
        assertThat(delta[0]).isEqualTo(epsilon);
    }

    @Test
    void supportsPlainDenseLayersOnly() {
        assertThat(DenseBackward.supports(network(Activation.RELU, 0, DataType.FLOAT).getLayer(0))).isTrue();
        assertThat(DenseBackward.supports(network(Activation.RELU, 0, DataType.FLOAT).getLayer(1)))
                .as("an output layer").isFalse();
        MultiLayerNetwork other = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).hasLayerNorm(true).build())
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).hasBias(false).build())
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).weightNoise(new DropConnect(0.5)).build())
                .layer(new OutputLayer.Builder().nIn(3).nOut(2).build())
                .build());
        other.init();
        for (int i = 0; i < 3; i++) {
            assertThat(DenseBackward.supports(other.getLayer(i))).as("layer " + i).isFalse();
        }
    }
}
