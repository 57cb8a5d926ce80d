package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.TinyNets;

/** Precision learns the noise it should, and precision-weighted PC is K-FAC's update (algorithms.md §2). */
class PrecisionLearningTest {

    @Test
    void learnedOutputVariancesRecoverKnownPerOutputNoiseVariancesWithinTenPercent() {
        double[] sigma = {0.2, 0.5, 1.0};
        int n = 2000;
        Random rnd = new Random(17);
        double[][] a = new double[3][3];
        for (double[] row : a) {
            for (int j = 0; j < 3; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        INDArray x = Nd4j.create(DataType.DOUBLE, n, 3);
        INDArray y = Nd4j.create(DataType.DOUBLE, n, 3);
        for (int r = 0; r < n; r++) {
            double[] xi = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            for (int j = 0; j < 3; j++) {
                x.putScalar(r, j, xi[j]);
                double mean = 0;
                for (int i = 0; i < 3; i++) {
                    mean += xi[i] * a[i][j];
                }
                y.putScalar(r, j, mean + sigma[j] * rnd.nextGaussian());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Adam(0.05)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(3).nOut(3).activation(Activation.IDENTITY)
                        .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(PrecisionForm.DIAGONAL)
                        .precisionEstimator(PrecisionEstimator.GRADIENT)
                        // Below every true variance, so the floor never binds (the default floor of 1 would).
                        .varianceFloor(1e-4).build())
                .build());
        net.init();
        // Full batch: the fixed point is then exactly the maximum-likelihood variance of the residuals.
        DataSet all = new DataSet(x, y);
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
    void withPrecisionAtTheInverseErrorSecondMomentThePcUpdateIsTheKfacEmpiricalFisherUpdate() {
        // One linear level, A = I: K-FAC's step is dW G^-1 with G = E[e e^T] (the gradient at the output of
        // 1/2||e||^2 is -e) and dW = -x^T e; PC with Pi = G^-1 computes -x^T e Pi. Computed here independently.
        int batch = 50;
        MultiLayerNetwork net = TinyNets.single(new PredictiveCodingOutputLayer.Builder().nIn(3).nOut(3)
                .activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN).outputPrecision(PrecisionForm.FULL)
                .varianceFloor(1e-6).varianceCeiling(1e6), 8);
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        Nd4j.getRandom().setSeed(8);
        double[][] x = Nd4j.randn(DataType.DOUBLE, batch, 3).toDoubleMatrix();
        double[][] y = Nd4j.randn(DataType.DOUBLE, batch, 3).muli(2).toDoubleMatrix();
        double[][] w = layer.getParam(PcParamInitializer.weightKey(1)).toDoubleMatrix();
        double[] b = layer.getParam(PcParamInitializer.biasKey(1)).toDoubleVector();

        double[][] e = new double[batch][3];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < 3; j++) {
                double mu = b[j];
                for (int i = 0; i < 3; i++) {
                    mu += x[r][i] * w[i][j];
                }
                e[r][j] = y[r][j] - mu;
            }
        }
        double[][] g = new double[3][3];
        for (double[] row : e) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    g[i][j] += row[i] * row[j] / batch;
                }
            }
        }
        double[][] gInv = invert3(g);
        double[][] chol = cholesky(gInv);
        INDArray s = layer.getParam(PcParamInitializer.precisionKey(1));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < i; j++) {
                s.putScalar(i, j, chol[i][j]);
            }
            s.putScalar(i, i, Math.log(chol[i][i]));
        }

        layer.setInput(Nd4j.create(x), LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(Nd4j.create(y));
        double[][] pc = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()).getFirst()
                .getGradientFor(PcParamInitializer.weightKey(1)).toDoubleMatrix();

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double kfac = 0;
                for (int k = 0; k < 3; k++) {
                    double dw = 0;
                    for (int r = 0; r < batch; r++) {
                        dw -= x[r][i] * e[r][k];
                    }
                    kfac += dw * gInv[k][j];
                }
                assertThat(pc[i][j]).isCloseTo(kfac, within(1e-9 * (1 + Math.abs(kfac))));
            }
        }
    }

    private static double[][] invert3(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // Cofactor of m[j][i] (transpose for the adjugate).
                int r0 = (j + 1) % 3;
                int r1 = (j + 2) % 3;
                int c0 = (i + 1) % 3;
                int c1 = (i + 2) % 3;
                inv[i][j] = (m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]) / det;
            }
        }
        return inv;
    }

    private static double[][] cholesky(double[][] m) {
        int n = m.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = m[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        return l;
    }

    @Test
    void precisionParametersStayWithinTheVarianceBoundsAfterUpdates() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Adam(0.5)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(2).nOut(2).activation(Activation.IDENTITY)
                        .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(PrecisionForm.DIAGONAL)
                        .precisionEstimator(PrecisionEstimator.GRADIENT).varianceFloor(0.5).varianceCeiling(2).build())
                .build());
        net.init();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 20, 2);
        for (int i = 0; i < 30; i++) {
            // Perfectly predictable targets drive the variance down, as far as the floor allows.
            net.fit(x, net.output(x));
        }
        double[] v = ((PredictiveCodingOutputLayerImpl) net.getLayer(0)).currentVariances(1);
        assertThat(v[0]).isCloseTo(0.5, within(1e-9));
        assertThat(v[1]).isCloseTo(0.5, within(1e-9));
    }
}
