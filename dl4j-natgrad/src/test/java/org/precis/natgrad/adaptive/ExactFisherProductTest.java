package org.precis.natgrad.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The forward-mode Fisher-vector products of {@link DenseChain} against the explicit Fisher of a tiny network,
 * assembled independently from per-example gradients of DL4J's own backprop: for a softmax output,
 * {@code F = mean_n sum_c p_nc g_nc g_nc^T} with {@code g_nc} the gradient of {@code -log p_c(x_n)}; for an identity
 * output with squared error, {@code F = mean_n (2/K) sum_k j_nk j_nk^T} with {@code j_nk} the gradient of output
 * {@code k}, which backprop gives for a label chosen so that the loss's gradient at the output is the unit vector.
 */
class ExactFisherProductTest {

    private static final int IN = 4;
    private static final int HIDDEN = 5;
    private static final int OUT = 3;
    private static final int EXAMPLES = 6;

    private static MultiLayerNetwork network(Activation hidden, Activation output, LossFunctions.LossFunction loss) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(31).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.0)).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(hidden).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(loss).nIn(HIDDEN).nOut(OUT).activation(output).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Biases away from zero, so that their part of the products is exercised too.
        Nd4j.getRandom().setSeed(32);
        net.setParams(net.params().add(Nd4j.randn(DataType.DOUBLE, 1, net.numParams()).muli(0.3)));
        return net;
    }

    /** @return the full parameter gradient of one example with the given label row, in the network's flat order */
    private static double[] gradient(MultiLayerNetwork net, INDArray x, INDArray label) {
        net.setInput(x);
        net.setLabels(label);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup().toDoubleVector();
    }

    /** Splits a flat parameter vector (DL4J's order: per layer W in 'f' order, then b) into [dW; db] matrices. */
    private static List<INDArray> perLayer(MultiLayerNetwork net, double[] flat) {
        INDArray view = Nd4j.create(flat).reshape(1, flat.length);
        MultiLayerNetwork copy = net.clone();
        copy.setParams(view);
        List<INDArray> matrices = new ArrayList<>();
        for (int l = 0; l < net.getnLayers(); l++) {
            INDArray w = copy.getLayer(l).getParam("W");
            INDArray b = copy.getLayer(l).getParam("b");
            matrices.add(Nd4j.vstack(w, b.reshape(1, w.columns())).dup());
        }
        return matrices;
    }

    private static double[][] explicitSoftmaxFisher(MultiLayerNetwork net, INDArray x) {
        INDArray p = net.output(x);
        int d = (int) net.numParams();
        double[][] fisher = new double[d][d];
        for (int n = 0; n < EXAMPLES; n++) {
            for (int c = 0; c < OUT; c++) {
                INDArray label = Nd4j.zeros(DataType.DOUBLE, 1, OUT).putScalar(0, c, 1.0);
                double[] g = gradient(net, x.getRow(n, true), label);
                double weight = p.getDouble(n, c) / EXAMPLES;
                addOuter(fisher, g, g, weight);
            }
        }
        return fisher;
    }

    private static double[][] explicitSquaredErrorFisher(MultiLayerNetwork net, INDArray x) {
        INDArray z = net.output(x);
        int d = (int) net.numParams();
        double[][] fisher = new double[d][d];
        for (int n = 0; n < EXAMPLES; n++) {
            for (int k = 0; k < OUT; k++) {
                // d/dz (1/K) sum (y - z)^2 = (2/K)(z - y) = e_k when y = z - (K/2) e_k: backprop returns j_nk.
                INDArray label = z.getRow(n, true).dup();
                label.putScalar(0, k, label.getDouble(0, k) - OUT / 2.0);
                double[] j = gradient(net, x.getRow(n, true), label);
                addOuter(fisher, j, j, 2.0 / OUT / EXAMPLES);
            }
        }
        return fisher;
    }

    private static void addOuter(double[][] m, double[] a, double[] b, double weight) {
        for (int p = 0; p < a.length; p++) {
            for (int q = 0; q < b.length; q++) {
                m[p][q] += weight * a[p] * b[q];
            }
        }
    }

    /** Checks {@code (F v)_i = e_i^T F v} for every parameter i, with e_i and v mapped to per-layer matrices. */
    private static void assertProductsMatch(MultiLayerNetwork net, INDArray x, double[][] explicit) {
        DenseChain chain = new DenseChain(Arrays.asList(net.getLayers()));
        DenseChain.Pass pass = chain.forward(x, null);
        int d = explicit.length;
        Nd4j.getRandom().setSeed(33);
        double[] v = Nd4j.randn(DataType.DOUBLE, 1, d).toDoubleVector();
        INDArray jv = chain.tangent(pass, perLayer(net, v));
        double scale = 0.0;
        double[] expected = new double[d];
        for (int i = 0; i < d; i++) {
            for (int q = 0; q < d; q++) {
                expected[i] += explicit[i][q] * v[q];
            }
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(scale).isGreaterThan(1e-3);
        for (int i = 0; i < d; i++) {
            double[] unit = new double[d];
            unit[i] = 1.0;
            double actual = chain.fisherProduct(pass, chain.tangent(pass, perLayer(net, unit)), jv);
            assertThat(actual).as("(F v)_%d", i).isCloseTo(expected[i], within(1e-10 * scale));
        }
    }

    @Test
    void theForwardModeProductEqualsTheExplicitFisherOfASoftmaxNetworkTimesAVector() {
        MultiLayerNetwork net = network(Activation.SIGMOID, Activation.SOFTMAX, LossFunctions.LossFunction.MCXENT);
        Nd4j.getRandom().setSeed(34);
        INDArray x = Nd4j.randn(DataType.DOUBLE, EXAMPLES, IN);

        assertProductsMatch(net, x, explicitSoftmaxFisher(net, x));
    }

    @Test
    void theForwardModeProductEqualsTheExplicitFisherOfASquaredErrorNetworkTimesAVector() {
        MultiLayerNetwork net = network(Activation.RELU, Activation.IDENTITY, LossFunctions.LossFunction.MSE);
        Nd4j.getRandom().setSeed(35);
        INDArray x = Nd4j.randn(DataType.DOUBLE, EXAMPLES, IN);

        assertProductsMatch(net, x, explicitSquaredErrorFisher(net, x));
    }

    @Test
    void theChainsLossIsDl4jsScore() {
        MultiLayerNetwork net = network(Activation.SIGMOID, Activation.SOFTMAX, LossFunctions.LossFunction.MCXENT);
        Nd4j.getRandom().setSeed(36);
        INDArray x = Nd4j.randn(DataType.DOUBLE, EXAMPLES, IN);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, EXAMPLES, OUT);
        for (int n = 0; n < EXAMPLES; n++) {
            y.putScalar(n, n % OUT, 1.0);
        }
        DenseChain chain = new DenseChain(Arrays.asList(net.getLayers()));

        double loss = chain.loss(chain.forward(x, null), y);

        assertThat(loss).isCloseTo(net.score(new org.nd4j.linalg.dataset.DataSet(x, y)), within(1e-12));
    }
}
