package org.precis.natgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.blocks.CurvatureBlock;
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.config.CurvatureApproximation;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;

/**
 * The estimator inside real DL4J training against independent oracles: per-example gradients from DL4J's own
 * backprop at batch size 1 on an unattached copy of the network, and the closed-form Fisher of a softmax output.
 */
class FisherOracleTest {

    private static final int IN = 4;
    private static final int HIDDEN = 5;
    private static final int CLASSES = 3;

    /** Mean over examples of g_n g_n^T for per-example gradient vectors g_n of one layer. */
    private static double[][] explicitFisherBlock(MultiLayerNetwork reference, DataSet data, int layer) {
        List<double[]> perExample = new ArrayList<>();
        for (int n = 0; n < data.numExamples(); n++) {
            DataSet one = data.get(n);
            reference.setInput(one.getFeatures());
            reference.setLabels(one.getLabels());
            reference.computeGradientAndScore();
            perExample.add(TinyNets.gradientVector(reference, layer));
        }
        return TinyNets.meanOuterProduct(perExample);
    }

    private static void assertClose(double[][] actual, double[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int p = 0; p < expected.length; p++) {
            for (int q = 0; q < expected[p].length; q++) {
                assertThat(actual[p][q]).as("entry (%d, %d)", p, q).isCloseTo(expected[p][q], within(tolerance));
            }
        }
    }

    @Test
    void fullBlocksEqualTheBlockDiagonalOfTheExplicitEmpiricalFisher() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(
                KFac.builder().approximation(CurvatureApproximation.FULL).build(), IN, HIDDEN, CLASSES));
        MultiLayerNetwork reference = net.clone();
        DataSet data = TinyNets.teacherData(1, 6, IN, CLASSES);
        KFacListener kfac = KFacTraining.attach(net);

        net.fit(data);

        for (int layer = 0; layer < 2; layer++) {
            CurvatureBlock block = kfac.estimator().layers().get(layer).block();
            assertClose(block.toDenseMatrix().toDoubleMatrix(), explicitFisherBlock(reference, data, layer), 1e-10);
        }
    }

    @Test
    void kroneckerBlocksEqualTheExplicitEmpiricalFisherForOneExample() {
        // For a single example the Kronecker factorisation of a dense layer's Fisher block is exact.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        MultiLayerNetwork reference = net.clone();
        DataSet data = TinyNets.teacherData(2, 1, IN, CLASSES);
        KFacListener kfac = KFacTraining.attach(net);

        net.fit(data);

        for (int layer = 0; layer < 2; layer++) {
            CurvatureBlock block = kfac.estimator().layers().get(layer).block();
            assertThat(block).isInstanceOf(DenseKroneckerFactoredBlock.class);
            assertClose(block.toDenseMatrix().toDoubleMatrix(), explicitFisherBlock(reference, data, layer), 1e-10);
        }
    }

    @ParameterizedTest(name = "{0} inputs, {1} hidden units, batch 8: natural gradient from the factors {2}")
    @CsvSource({"4, 5, false", "64, 32, true"})
    void theUpdaterReceivesTheNaturalGradientOfTheMeanGradientInPlace(int inputs, int hidden,
                                                                      boolean fromFactors) {
        // DL4J sums the gradient over the batch and divides later: the listener must precondition the mean and hand
        // back m times the natural gradient, in the very arrays the updater reads. A wide first layer takes the
        // product in the other order, from the factors of its gradient (input and delta); the result is the same.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(
                KFac.builder().klClip(0).build(), inputs, hidden, CLASSES));
        MultiLayerNetwork reference = net.clone();
        DataSet data = TinyNets.teacherData(3, 8, inputs, CLASSES);
        KFacListener kfac = KFacTraining.attach(net);
        assertThat(kfac.estimator().layers().get(0).block().prefersGradientFactors(8)).isEqualTo(fromFactors);
        List<double[]> seen = new ArrayList<>();
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                seen.add(TinyNets.gradientVector((MultiLayerNetwork) model, 0));
                seen.add(TinyNets.gradientVector((MultiLayerNetwork) model, 1));
            }
        });

        net.fit(data);

        reference.setInput(data.getFeatures());
        reference.setLabels(data.getLabels());
        reference.computeGradientAndScore();
        for (int layer = 0; layer < 2; layer++) {
            INDArray w = reference.gradient().gradientForVariable().get(layer + "_W");
            INDArray b = reference.gradient().gradientForVariable().get(layer + "_b");
            INDArray mean = Nd4j.vstack(w, b.reshape(1, w.columns())).divi(8);
            INDArray natural = kfac.estimator().layers().get(layer).block().multiplyInverse(mean).muli(8);
            assertThat(seen.get(layer)).containsExactly(Nd4j.toFlattened('c', natural).toDoubleVector(),
                    within(1e-10));
        }
    }

    @Test
    void theSampledFisherAveragesToTheTrueFisherOfASoftmaxModel() {
        // True Fisher of softmax logits: E_y~p[(p - e_y)(p - e_y)^T] = diag(p) - p p^T. With learning rate 0 the
        // model is fixed, and the moving average of sampled G factors must approach the mean of it over inputs.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(KFac.builder().learningRate(0).momentum(0)
                .factorDecay(0.99).klClip(0).fisherType(FisherType.SAMPLED).build(), IN, HIDDEN, CLASSES));
        DataSet data = TinyNets.teacherData(4, 20, IN, CLASSES);
        KFacListener kfac = KFacTraining.attach(net);
        Nd4j.getRandom().setSeed(99);

        for (int step = 0; step < 600; step++) {
            net.fit(data);
        }

        List<INDArray> activations = net.feedForward(data.getFeatures(), false);
        double[][] h = activations.get(1).toDoubleMatrix();
        double[][] p = activations.get(2).toDoubleMatrix();
        double[][] w2 = net.getParam("1_W").toDoubleMatrix();
        double[][] outputFisher = new double[CLASSES][CLASSES];
        double[][] hiddenFisher = new double[HIDDEN][HIDDEN];
        for (int n = 0; n < p.length; n++) {
            double[][] f = new double[CLASSES][CLASSES];
            for (int i = 0; i < CLASSES; i++) {
                for (int j = 0; j < CLASSES; j++) {
                    f[i][j] = (i == j ? p[n][i] : 0.0) - p[n][i] * p[n][j];
                    outputFisher[i][j] += f[i][j] / p.length;
                }
            }
            // Hidden pre-activation gradient: g_h = D W2 g_out with D = diag(1 - h^2) (tanh),
            // so E[g_h g_h^T] = D W2 F W2^T D.
            for (int a = 0; a < HIDDEN; a++) {
                for (int b = 0; b < HIDDEN; b++) {
                    double sum = 0.0;
                    for (int i = 0; i < CLASSES; i++) {
                        for (int j = 0; j < CLASSES; j++) {
                            sum += w2[a][i] * f[i][j] * w2[b][j];
                        }
                    }
                    hiddenFisher[a][b] += (1 - h[n][a] * h[n][a]) * sum * (1 - h[n][b] * h[n][b]) / p.length;
                }
            }
        }
        DenseKroneckerFactoredBlock hidden = (DenseKroneckerFactoredBlock) kfac.estimator().layers().get(0).block();
        DenseKroneckerFactoredBlock output = (DenseKroneckerFactoredBlock) kfac.estimator().layers().get(1).block();
        assertClose(output.outputFactor().toDoubleMatrix(), outputFisher, 0.02);
        assertClose(hidden.outputFactor().toDoubleMatrix(), hiddenFisher, 0.02);
    }

    @Test
    void forALinearMseLayerTheSampledKroneckerBlockIsExactlyTheTrueFisher() {
        // MSE over K outputs is the Gaussian likelihood N(z, K/2 I); with sampled targets g = 2 (z - y) / K has
        // E[g g^T] = (2 / K) I for every example, independent of the input, so the true Fisher block
        // E[abar abar^T kron g g^T] factorises exactly as A kron (2 / K) I.
        int outputs = 4;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.DOUBLE)
                .updater(KFac.builder().learningRate(0).momentum(0).factorDecay(0.99).klClip(0)
                        .fisherType(FisherType.SAMPLED).build())
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(IN).nOut(outputs)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);
        KFacListener kfac = KFacTraining.attach(net);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 20, IN);
        DataSet data = new DataSet(x, Nd4j.randn(DataType.DOUBLE, 20, outputs));

        for (int step = 0; step < 600; step++) {
            net.fit(data);
        }

        DenseKroneckerFactoredBlock block = (DenseKroneckerFactoredBlock) kfac.estimator().layers().get(0).block();
        double[][] expectedG = new double[outputs][outputs];
        for (int i = 0; i < outputs; i++) {
            expectedG[i][i] = 2.0 / outputs;
        }
        assertClose(block.outputFactor().toDoubleMatrix(), expectedG, 0.03);
        INDArray abar = Nd4j.hstack(x, Nd4j.ones(DataType.DOUBLE, 20, 1));
        assertClose(block.inputFactor().toDoubleMatrix(), abar.transpose().mmul(abar).divi(20).toDoubleMatrix(),
                1e-10);
    }

    @Test
    void theEmpiricalFisherUsesTheTrainingLabels() {
        // Guards the sampled test above: with the true labels G is mean (p - y)(p - y)^T, exactly, after one step.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        DataSet data = TinyNets.teacherData(5, 10, IN, CLASSES);
        double[][] p = net.output(data.getFeatures()).toDoubleMatrix();
        double[][] y = data.getLabels().toDoubleMatrix();
        KFacListener kfac = KFacTraining.attach(net);

        net.fit(data);

        double[][] expected = new double[CLASSES][CLASSES];
        for (int n = 0; n < p.length; n++) {
            for (int i = 0; i < CLASSES; i++) {
                for (int j = 0; j < CLASSES; j++) {
                    expected[i][j] += (p[n][i] - y[n][i]) * (p[n][j] - y[n][j]) / p.length;
                }
            }
        }
        DenseKroneckerFactoredBlock output = (DenseKroneckerFactoredBlock) kfac.estimator().layers().get(1).block();
        assertClose(output.outputFactor().toDoubleMatrix(), expected, 1e-12);
        assertThat(output.outputFactor().dataType()).isEqualTo(DataType.DOUBLE);
    }
}
