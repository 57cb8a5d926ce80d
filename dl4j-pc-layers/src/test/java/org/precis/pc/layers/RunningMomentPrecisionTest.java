package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;

/**
 * The running-moment precision estimator ({@code algorithms.md} §1b): S &lt;- beta S + (1 - beta) mean(e e^T) and
 * Pi = (S + lambda I)^-1, the output precision learned from the feed-forward residual, S kept as model state.
 */
class RunningMomentPrecisionTest {

    private static final double DECAY = 0.9;
    private static final double DAMPING = 1e-3;

    private static MultiLayerNetwork linearGaussian(int n, PrecisionForm form, double learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Sgd(learningRate)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(n).nOut(n).activation(Activation.IDENTITY)
                        .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(form)
                        .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS).precisionDecay(DECAY)
                        .precisionDamping(DAMPING).build())
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PrecisionForm.class, names = {"SCALAR", "DIAGONAL", "FULL"})
    void oneBatchMovesTheMomentToBetaSPlusOneMinusBetaTheFeedForwardResidualsSecondMoment(PrecisionForm form) {
        // With a zero learning rate the weights stay put, so the residual is that of the network's own output.
        MultiLayerNetwork net = linearGaussian(3, form, 0.0);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 40, 3);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 40, 3).muli(0.7);
        double[][] e = y.sub(net.output(x)).toDoubleMatrix();
        double[][] before = net.getLayer(0).getParam(PcParamInitializer.momentKey(1)).toDoubleMatrix();

        net.fit(x, y);

        double[][] after = net.getLayer(0).getParam(PcParamInitializer.momentKey(1)).toDoubleMatrix();
        for (int i = 0; i < after.length; i++) {
            for (int j = 0; j < after[i].length; j++) {
                double moment = batchMoment(e, form, i, j);
                assertThat(after[i][j]).as("S[%d][%d]", i, j)
                        .isCloseTo(DECAY * before[i][j] + (1 - DECAY) * moment, within(1e-12));
            }
        }
    }

    /** The batch moment the form keeps, written from its definition. */
    private static double batchMoment(double[][] e, PrecisionForm form, int i, int j) {
        double sum = 0;
        for (double[] row : e) {
            switch (form) {
                case SCALAR -> {
                    for (double v : row) {
                        sum += v * v / row.length;
                    }
                }
                case DIAGONAL -> sum += row[j] * row[j];
                case FULL -> sum += row[i] * row[j];
                default -> throw new IllegalArgumentException(form.name());
            }
        }
        return sum / e.length;
    }

    @Test
    void learnedOutputVariancesRecoverKnownPerOutputNoiseVariancesWithinTenPercent() {
        double[] sigma = {0.2, 0.5, 1.0};
        int n = 2000;
        Random rnd = new Random(17);
        INDArray x = Nd4j.create(DataType.DOUBLE, n, 3);
        INDArray y = Nd4j.create(DataType.DOUBLE, n, 3);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 3; j++) {
                x.putScalar(r, j, rnd.nextGaussian());
            }
            for (int j = 0; j < 3; j++) {
                y.putScalar(r, j, x.getDouble(r, (j + 1) % 3) - 0.5 * x.getDouble(r, j) + sigma[j] * rnd.nextGaussian());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Adam(0.05)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(3).nOut(3).activation(Activation.IDENTITY)
                        .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(PrecisionForm.DIAGONAL).build())
                .build());
        net.init();
        DataSet all = new DataSet(x, y);
        // 300 full batches: the weights must converge too, or the residual still carries model error.
        for (int i = 0; i < 300; i++) {
            net.fit(all);
        }
        double[] variances = ((PredictiveCodingOutputLayerImpl) net.getLayer(0)).currentVariances(1);
        for (int j = 0; j < 3; j++) {
            double expected = sigma[j] * sigma[j];
            assertThat(variances[j]).as("variance of output %d", j).isCloseTo(expected, within(0.1 * expected));
        }
    }

    @Test
    void noEigenvalueOfAFullRunningPrecisionExceedsOneOverTheDamping() {
        // Perfectly predictable targets drive the error moment to zero: Pi then approaches, and never passes, I/lambda.
        MultiLayerNetwork net = linearGaussian(3, PrecisionForm.FULL, 0.0);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 30, 3);
        INDArray y = net.output(x);
        for (int i = 0; i < 300; i++) {
            net.fit(x, y);
        }
        FullMomentPrecision pi = new FullMomentPrecision(3, DataType.DOUBLE, DAMPING, DECAY);
        pi.refresh(net.getLayer(0).getParam(PcParamInitializer.momentKey(1)));
        assertThat(pi.maxEigenvalue()).isLessThanOrEqualTo(1.0 / DAMPING).isGreaterThan(0.99 / DAMPING);
        double[] eigenvalues = FullWeighting.eigenvalues(pi.pi);
        assertThat(eigenvalues[eigenvalues.length - 1]).isCloseTo(pi.maxEigenvalue(), within(1e-6 / DAMPING));
    }

    @Test
    void theFullPrecisionIsTheInverseOfTheDampedMoment() {
        FullMomentPrecision pi = new FullMomentPrecision(3, DataType.DOUBLE, 0.1, DECAY);
        INDArray s = Nd4j.createFromArray(new double[][] {{2, 0.5, 0.1}, {0.5, 1, -0.3}, {0.1, -0.3, 0.5}});
        pi.refresh(s);
        INDArray damped = s.add(Nd4j.eye(3).castTo(DataType.DOUBLE).muli(0.1));
        INDArray identity = damped.mmul(pi.pi);
        assertThat(identity.sub(Nd4j.eye(3).castTo(DataType.DOUBLE)).amaxNumber().doubleValue()).isLessThan(1e-12);
        // log det Pi = -log det(S + lambda I), here by the product of the Cholesky diagonal (independent of syev).
        double[][] l = cholesky(damped.toDoubleMatrix());
        double logDet = 0;
        for (int i = 0; i < 3; i++) {
            logDet -= 2 * Math.log(l[i][i]);
        }
        assertThat(pi.logDet()).isCloseTo(logDet, within(1e-12));
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        return l;
    }

    @Test
    void theOutputPrecisionComesFromTheFeedForwardResidualNotTheRelaxedError() {
        // A hidden level lets relaxation move: the relaxed top error is then smaller than the feed-forward one.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.0)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(3).hiddenLayerSizes(5).nOut(2)
                        .activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN)
                        .outputPrecision(PrecisionForm.SCALAR).precisionDecay(DECAY).stateRate(0.2)
                        .relaxationSteps(30).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 20, 3);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 20, 2);
        double feedForward = y.sub(net.output(x)).norm2Number().doubleValue();
        double moment = feedForward * feedForward / (20 * 2);
        double before = net.getLayer(0).getParam(PcParamInitializer.momentKey(2)).getDouble(0);
        net.fit(x, y);
        double after = net.getLayer(0).getParam(PcParamInitializer.momentKey(2)).getDouble(0);
        assertThat(after).isCloseTo(DECAY * before + (1 - DECAY) * moment, within(1e-12));
    }

    @Test
    void runningMomentsSurviveSaveAndLoadAndTrainingContinuesIdentically(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).updater(new Adam(0.01)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(4).hiddenLayerSizes(5).nOut(3)
                        .topEnergy(TopEnergy.GAUSSIAN).activation(Activation.IDENTITY)
                        .hiddenPrecision(PrecisionForm.DIAGONAL).outputPrecision(PrecisionForm.FULL).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(8);
        DataSet data = new DataSet(Nd4j.randn(DataType.DOUBLE, 30, 4), Nd4j.randn(DataType.DOUBLE, 30, 3));
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        INDArray moment = net.getLayer(0).getParam(PcParamInitializer.momentKey(2)).dup();
        File file = dir.resolve("pc.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(restored.getLayer(0).getParam(PcParamInitializer.momentKey(2))).isEqualTo(moment);
        for (int i = 0; i < 3; i++) {
            net.fit(data);
            restored.fit(data);
        }
        assertThat(restored.params()).isEqualTo(net.params());
    }

    @Test
    void aNonFiniteBatchMomentIsRefusedAndNothingIsWritten() {
        DiagonalMomentPrecision pi = new DiagonalMomentPrecision(2, 1, DataType.DOUBLE, DAMPING, DECAY);
        INDArray s = Nd4j.createFromArray(new double[][] {{0.5, 0.5}});
        pi.refresh(s);
        INDArray e = Nd4j.createFromArray(new double[][] {{1, Double.NaN}, {0.5, 0.5}});
        INDArray view = Nd4j.createFromArray(new double[][] {{7, 7}});
        assertThatThrownBy(() -> pi.writeGradient(e, e.ulike(), Nd4j.ones(DataType.DOUBLE, 1, 2), s, view))
                .isInstanceOf(Moments.NonFiniteMomentException.class);
        assertThat(view.toDoubleVector()).containsExactly(7, 7);
    }

    @Test
    void aCorruptedMomentInASavedModelStopsTrainingNamingTheLayerAndLevelBeforeAnyParameterChanges() {
        MultiLayerNetwork net = linearGaussian(2, PrecisionForm.DIAGONAL, 0.1);
        net.getLayer(0).getParam(PcParamInitializer.momentKey(1)).putScalar(0, Double.NaN);
        INDArray params = net.params().dup();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 2);
        assertThatThrownBy(() -> net.fit(x, x)).isInstanceOf(RelaxationDivergedException.class)
                .hasMessageContaining("level 1");
        assertThat(net.params().toDoubleVector()).containsExactly(params.toDoubleVector());
    }
}
