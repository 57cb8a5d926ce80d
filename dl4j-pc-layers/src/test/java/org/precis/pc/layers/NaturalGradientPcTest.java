package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.conf.WeightPreconditioner;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.testutil.TinyNets;

/**
 * Natural-gradient PC ({@code WeightPreconditioner.KRONECKER}) is K-FAC's step ({@code algorithms.md} §3) for the
 * equivalent network: exactly on one linear level, and in the limit where PC's weight gradients are backprop's on a
 * deep nonlinear one. Expected steps are computed here from the formula, on explicit matrices.
 */
class NaturalGradientPcTest {

    /** K-FAC's step (A + pi sqrt(lambda) I)^-1 V (G + sqrt(lambda)/pi I)^-1, pi = sqrt((tr A / dA) / (tr G / dG)). */
    private static INDArray kfacStep(INDArray a, INDArray g, INDArray v, double lambda) {
        double pi = Math.sqrt((trace(a) / a.rows()) / (trace(g) / g.rows()));
        INDArray ainv = inverse(shifted(a, pi * Math.sqrt(lambda)));
        INDArray ginv = inverse(shifted(g, Math.sqrt(lambda) / pi));
        return ainv.mmul(v).mmul(ginv);
    }

    private static double[][] shifted(INDArray m, double shift) {
        double[][] out = m.toDoubleMatrix();
        for (int i = 0; i < out.length; i++) {
            out[i][i] += shift;
        }
        return out;
    }

    /** Gauss-Jordan inverse with partial pivoting, in plain Java. */
    private static INDArray inverse(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, out[i], 0, n);
        }
        return Nd4j.create(out);
    }

    private static double trace(INDArray m) {
        double t = 0;
        for (int i = 0; i < m.rows(); i++) {
            t += m.getDouble(i, i);
        }
        return t;
    }

    /** [x, 1]: the inputs with the bias column. */
    private static INDArray withOnes(INDArray x) {
        return Nd4j.hstack(x, Nd4j.ones(DataType.DOUBLE, x.rows(), 1));
    }

    private static INDArray meanOuter(INDArray rows) {
        return rows.transpose().mmul(rows).divi(rows.rows());
    }

    private static INDArray stacked(Gradient g, int level) {
        return Nd4j.vstack(g.getGradientFor(PcParamInitializer.weightKey(level)),
                g.getGradientFor(PcParamInitializer.biasKey(level)));
    }

    private static double relativeError(INDArray actual, INDArray expected) {
        return actual.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
    }

    private static PredictiveCodingOutputLayerImpl train(MultiLayerNetwork net, INDArray x, INDArray y) {
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.setLabels(y);
        layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        return layer;
    }

    @Test
    void onOneLinearLevelWithItsPrecisionAsTheGSideTheStepIsKfacsStepFromTheSameBatch() {
        // The output precision's running moment is set to this batch's residual moment E[e e^T]: then both factors
        // come from the same batch, and the step must be K-FAC's to rounding.
        double lambda = 1e-3;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY)
                        .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(PrecisionForm.FULL)
                        .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS)
                        .weightPreconditioner(WeightPreconditioner.KRONECKER).kroneckerDamping(lambda)
                        .kroneckerKlClip(0).build())
                .build());
        net.init();
        net.initGradientsView();
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        Nd4j.getRandom().setSeed(10);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 40, 4);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 40, 3);
        INDArray e = y.sub(net.output(x));
        INDArray g = meanOuter(e);
        layer.getParam(PcParamInitializer.momentKey(1)).assign(g);

        Gradient gradient = train(net, x, y).gradient();

        INDArray xbar = withOnes(x);
        INDArray v = xbar.transpose().mmul(e).negi();
        INDArray expected = kfacStep(meanOuter(xbar), g, v, lambda);
        assertThat(relativeError(stacked(gradient, 1), expected)).isLessThan(1e-6);
    }

    @Test
    void onADeepTanhNetworkInTheBackpropLimitTheStepApproachesKfacsStepOfTheBackpropNetwork() {
        // A weakly clamped output (precision beta) makes PC's signals those of backprop on the loss
        // beta/2 ||y - mu||^2 up to O(beta^2) (RelaxationTest): delta_beta = beta delta. K-FAC's step for that loss
        // uses the factors A and beta^2 G and the gradient beta V; PC's step must approach it.
        double beta = 1e-3;
        double lambda = 1e-3;
        MultiLayerNetwork net = TinyNets.single(new PredictiveCodingOutputLayer.Builder().nIn(3).hiddenLayerSizes(4, 3)
                .nOut(2).hiddenActivation(Activation.TANH).activation(Activation.IDENTITY)
                .topEnergy(TopEnergy.GAUSSIAN).outputPrecision(PrecisionForm.SCALAR).initialPrecision(beta)
                .stateRate(0.1).relaxationSteps(600).weightPreconditioner(WeightPreconditioner.KRONECKER)
                .kroneckerDamping(lambda).kroneckerKlClip(0), 5);
        PredictiveCodingOutputLayerImpl layer = (PredictiveCodingOutputLayerImpl) net.getLayer(0);
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 24, 3);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 24, 2);

        // Backpropagation through the same network, written out: a = h W + b, h = tanh(a), identity output.
        INDArray[] w = new INDArray[4];
        INDArray[] b = new INDArray[4];
        for (int l = 1; l <= 3; l++) {
            w[l] = layer.getParam(PcParamInitializer.weightKey(l)).dup();
            b[l] = layer.getParam(PcParamInitializer.biasKey(l)).dup();
        }
        INDArray[] h = new INDArray[4];
        h[0] = x;
        for (int l = 1; l <= 3; l++) {
            INDArray pre = h[l - 1].mmul(w[l]).addiRowVector(b[l]);
            h[l] = l < 3 ? Transforms.tanh(pre, true) : pre;
        }
        INDArray[] delta = new INDArray[4];
        delta[3] = h[3].sub(y);
        for (int l = 2; l >= 1; l--) {
            INDArray slope = h[l].mul(h[l]).rsubi(1.0);
            delta[l] = delta[l + 1].mmul(w[l + 1].transpose()).muli(slope);
        }

        Gradient gradient = train(net, x, y).gradient();

        for (int l = 1; l <= 3; l++) {
            INDArray xbar = withOnes(h[l - 1]);
            INDArray scaled = delta[l].mul(beta);
            INDArray v = xbar.transpose().mmul(scaled);
            INDArray expected = kfacStep(meanOuter(xbar), meanOuter(scaled), v, lambda);
            assertThat(relativeError(stacked(gradient, l), expected)).as("level %d", l).isLessThan(1e-2);
        }
    }

    @Test
    void theKlClipScalesEveryStepSoTheFisherNormOfTheUpdateIsKappa() {
        // K-FAC's clip: lr^2 sum(N * V) over the batch-mean gradients V and natural gradients N, at most kappa.
        double kappa = 1e-4;
        double lr = 0.5;
        MultiLayerNetwork clipped = natgradNetwork(kappa, lr);
        MultiLayerNetwork unclipped = natgradNetwork(0, lr);
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 20, 4);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 20, 2).muli(3);
        Gradient free = train(unclipped, x, y).gradient();
        Gradient bounded = train(clipped, x, y).gradient();
        double norm = 0;
        for (int l = 1; l <= 2; l++) {
            // The raw gradient V of each level, from a network without preconditioning.
            norm += stacked(free, l).mul(rawGradient(x, y, l)).sumNumber().doubleValue();
        }
        double meanNorm = norm / (20.0 * 20.0) * lr * lr;
        assertThat(meanNorm).as("the unclipped step is outside the trust region").isGreaterThan(kappa);
        double scale = Math.sqrt(kappa / meanNorm);
        for (int l = 1; l <= 2; l++) {
            assertThat(relativeError(stacked(bounded, l), stacked(free, l).mul(scale))).isLessThan(1e-9);
        }
    }

    private MultiLayerNetwork natgradNetwork(double klClip, double lr) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(6)
                .dataType(DataType.DOUBLE).updater(new Sgd(lr)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(4).hiddenLayerSizes(3).nOut(2)
                        .activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN)
                        .weightPreconditioner(WeightPreconditioner.KRONECKER).kroneckerKlClip(klClip).build())
                .build());
        net.init();
        net.initGradientsView();
        return net;
    }

    private INDArray rawGradient(INDArray x, INDArray y, int level) {
        MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(6)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.5)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(4).hiddenLayerSizes(3).nOut(2)
                        .activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN).build())
                .build());
        plain.init();
        plain.initGradientsView();
        return stacked(train(plain, x, y).gradient(), level);
    }
}
