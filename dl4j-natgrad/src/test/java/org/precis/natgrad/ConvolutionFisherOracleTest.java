package org.precis.natgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.blocks.ConvolutionKroneckerFactoredBlock;
import org.precis.natgrad.blocks.CurvatureBlock;
import org.precis.natgrad.blocks.InverseMethod;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;

/**
 * KFC, the Kronecker-factored block of a convolution, against the explicit Fisher built from DL4J's own
 * {@code ConvolutionLayer} backprop, one example at a time (double precision).
 *
 * <p>KFC is exact when the per-position derivatives are uncorrelated across positions, spatially homogeneous and
 * independent of the activations (Grosse and Martens 2016). The first test builds such a distribution exactly, with
 * no sampling: every example meets every direction u_k and every sign pattern eps in {-1, 1}^T, g_t = eps_t u_k, so
 * the cross terms between positions cancel in the mean and F = kron(mean_n sum_t abar abar^T, mean_k u u^T); KFC's A
 * (patch moment averaged over positions) times G (gradient moment summed over positions) must equal it.
 */
class ConvolutionFisherOracleTest {

    private static final int CHANNELS = 2;
    private static final int FILTERS = 2;

    private static MultiLayerNetwork convolution(int size, int kernel, int stride, int padding, ConvolutionMode mode) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                        .convolutionMode(mode).nOut(FILTERS).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(size, size, CHANNELS)).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** The per-example gradient [dW; db] in the block's row-major order: row (c kH + i) kW + j is W[:, c, i, j]. */
    private static double[] gradientVector(Layer conv, INDArray image, INDArray delta) {
        conv.setInput(image, LayerWorkspaceMgr.noWorkspaces());
        Gradient g = conv.backpropGradient(delta, LayerWorkspaceMgr.noWorkspaces()).getFirst();
        INDArray w = g.getGradientFor("W");
        INDArray matrix = Nd4j.vstack(w.reshape('c', FILTERS, w.length() / FILTERS).transpose(),
                g.getGradientFor("b").reshape(1, FILTERS));
        return Nd4j.toFlattened('c', matrix).toDoubleVector();
    }

    private static void assertClose(double[][] actual, double[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int p = 0; p < expected.length; p++) {
            for (int q = 0; q < expected[p].length; q++) {
                assertThat(actual[p][q]).as("entry (%d, %d)", p, q).isCloseTo(expected[p][q], within(tolerance));
            }
        }
    }

    @ParameterizedTest(name = "{0}x{0} input, kernel {1}, stride {2}, padding {3}, {4}")
    @CsvSource({"3, 2, 1, 0, Truncate", "4, 3, 2, 1, Truncate", "4, 2, 2, 0, Same"})
    void kfcEqualsTheExplicitFisherWhenDerivativesAreUncorrelatedAcrossPositions(int size, int kernel, int stride,
            int padding, ConvolutionMode mode) {
        MultiLayerNetwork net = convolution(size, kernel, stride, padding, mode);
        Layer conv = net.getLayer(0);
        Nd4j.getRandom().setSeed(17);
        int examples = 3;
        INDArray images = Nd4j.randn(DataType.DOUBLE, examples, CHANNELS, size, size);
        INDArray directions = Nd4j.randn(DataType.DOUBLE, 2, FILTERS);
        INDArray probe = conv.activate(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), false,
                LayerWorkspaceMgr.noWorkspaces());
        int outH = (int) probe.size(2);
        int outW = (int) probe.size(3);
        int positions = outH * outW;
        assertThat(positions).isGreaterThan(1);

        List<INDArray> blockImages = new ArrayList<>();
        List<INDArray> blockDeltas = new ArrayList<>();
        List<double[]> perExample = new ArrayList<>();
        for (int n = 0; n < examples; n++) {
            INDArray image = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, n + 1)).dup();
            for (int k = 0; k < directions.rows(); k++) {
                for (int pattern = 0; pattern < 1 << positions; pattern++) {
                    INDArray delta = Nd4j.zeros(DataType.DOUBLE, 1, FILTERS, outH, outW);
                    for (int t = 0; t < positions; t++) {
                        double sign = (pattern >> t & 1) == 1 ? 1.0 : -1.0;
                        for (int o = 0; o < FILTERS; o++) {
                            delta.putScalar(new long[] {0, o, t / outW, t % outW}, sign * directions.getDouble(k, o));
                        }
                    }
                    perExample.add(gradientVector(conv, image, delta.dup()));
                    blockImages.add(image);
                    blockDeltas.add(delta);
                }
            }
        }
        double[][] fisher = TinyNets.meanOuterProduct(perExample);

        ConvolutionLayer c = (ConvolutionLayer) conv.conf().getLayer();
        ConvolutionKroneckerFactoredBlock block = new ConvolutionKroneckerFactoredBlock(CHANNELS, FILTERS,
                c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(), mode == ConvolutionMode.Same,
                InverseMethod.CHOLESKY, "conv");
        block.updateCurvature(Nd4j.concat(0, blockImages.toArray(new INDArray[0])),
                Nd4j.concat(0, blockDeltas.toArray(new INDArray[0])), 0.95);

        assertThat(block.inputSize()).isEqualTo((long) CHANNELS * kernel * kernel);
        assertClose(block.toDenseMatrix().toDoubleMatrix(), fisher, 1e-10);
    }

    @Test
    void forAOneByOneOutputKfcIsTheExactFisherOfOneExampleInsideTraining() {
        // A kernel as large as the image leaves one position, where KFC is the dense layer's exact factorisation:
        // the block recorded by the wrapper during fit must equal g g^T from DL4J's own backprop of that example.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE)
                .updater(new KFac()).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(3, 3, 2)).build();
        MultiLayerNetwork net = TinyNets.network(conf);
        MultiLayerNetwork reference = net.clone();
        Nd4j.getRandom().setSeed(8);
        DataSet one = new DataSet(Nd4j.randn(DataType.DOUBLE, 1, 2, 3, 3), Nd4j.create(new double[][] {{0, 1, 0}}));
        KFacListener kfac = KFacTraining.attach(net);

        net.fit(one);

        reference.setInput(one.getFeatures());
        reference.setLabels(one.getLabels());
        reference.computeGradientAndScore();
        INDArray w = reference.gradient().gradientForVariable().get("0_W");
        INDArray b = reference.gradient().gradientForVariable().get("0_b");
        double[] g = Nd4j.toFlattened('c', Nd4j.vstack(w.reshape('c', 3, 18).transpose(), b.reshape(1, 3)))
                .toDoubleVector();
        double[][] expected = TinyNets.meanOuterProduct(List.of(g));
        CurvatureBlock block = kfac.estimator().layers().get(0).block();
        assertThat(block).isInstanceOf(ConvolutionKroneckerFactoredBlock.class);
        assertClose(block.toDenseMatrix().toDoubleMatrix(), expected, 1e-10);
    }

    private static MultiLayerConfiguration convolutionalClassifier(KFac kfac) {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).updater(kfac).list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(3).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
    }

    private static DataSet images(long seed, int examples) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, examples, 1, 6, 6);
        // Class = the brightest of three horizontal bands.
        INDArray y = Nd4j.zeros(DataType.DOUBLE, examples, 3);
        for (int n = 0; n < examples; n++) {
            int best = 0;
            double bestSum = Double.NEGATIVE_INFINITY;
            for (int band = 0; band < 3; band++) {
                double sum = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * band, 2 * band + 2),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).sumNumber().doubleValue();
                if (sum > bestSum) {
                    bestSum = sum;
                    best = band;
                }
            }
            y.putScalar(n, best, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    void theConvolutionsGradientIsReplacedByItsNaturalGradientInDl4jsWeightLayout() {
        // The updater must receive m A^-1 [dW; db] G^-1 of the mean gradient, written back into DL4J's
        // [O, C, kH, kW] weight gradient through the block's (C kH kW) x O orientation.
        MultiLayerNetwork net = TinyNets.network(convolutionalClassifier(KFac.builder().klClip(0).build()));
        MultiLayerNetwork reference = net.clone();
        DataSet data = images(6, 8);
        KFacListener kfac = KFacTraining.attach(net);
        assertThat(kfac.estimator().layers()).hasSize(3);
        List<double[]> seen = new ArrayList<>();
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                INDArray w = ((MultiLayerNetwork) model).gradient().gradientForVariable().get("0_W");
                INDArray b = ((MultiLayerNetwork) model).gradient().gradientForVariable().get("0_b");
                seen.add(Nd4j.toFlattened('c', Nd4j.vstack(w.reshape('c', 3, 9).transpose(), b.reshape(1, 3)))
                        .toDoubleVector());
            }
        });

        net.fit(data);

        reference.setInput(data.getFeatures());
        reference.setLabels(data.getLabels());
        reference.computeGradientAndScore();
        INDArray w = reference.gradient().gradientForVariable().get("0_W");
        INDArray b = reference.gradient().gradientForVariable().get("0_b");
        INDArray mean = Nd4j.vstack(w.reshape('c', 3, 9).transpose(), b.reshape(1, 3)).divi(8);
        INDArray natural = kfac.estimator().layers().get(0).block().multiplyInverse(mean).muli(8);
        assertThat(seen.get(0)).containsExactly(Nd4j.toFlattened('c', natural).toDoubleVector(), within(1e-10));
    }

    @Test
    void kfacTrainsAConvolutionalNetwork() {
        MultiLayerNetwork net = TinyNets.network(convolutionalClassifier(new KFac()));
        KFacTraining.attach(net);
        assertThat(TinyNets.lossRatioAfter(net, images(7, 32), 30)).isLessThan(0.5);
    }
}
