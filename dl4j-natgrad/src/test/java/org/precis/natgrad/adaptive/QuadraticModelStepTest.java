package org.precis.natgrad.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.natgrad.listener.KFacStepStatistics;

/**
 * The adaptive step on a linear least-squares network, whose loss {@code h = ||Xbar Theta - Y||^2 / (m K)} is exactly
 * quadratic with the Fisher as its Hessian: the chosen {@code (alpha, mu)} must be the closed-form minimiser of
 * {@code h(theta + alpha Delta + mu delta0) + lambda/2 ||alpha Delta + mu delta0||^2} over the plane, obtained here
 * from the normal equations of the residuals {@code R0 + alpha Xbar Delta + mu Xbar delta0}, and the model's
 * predicted change must equal the actual change ({@code rho = 1}).
 */
class QuadraticModelStepTest {

    private static final int IN = 5;
    private static final int OUT = 3;
    private static final int EXAMPLES = 40;
    private static final double DAMPING = 1e-2;

    private final DataSet data = regressionData();

    private static DataSet regressionData() {
        Nd4j.getRandom().setSeed(41);
        INDArray x = Nd4j.randn(DataType.DOUBLE, EXAMPLES, IN);
        INDArray y = x.mmul(Nd4j.randn(DataType.DOUBLE, IN, OUT)).addi(Nd4j.randn(DataType.DOUBLE, EXAMPLES, OUT));
        return new DataSet(x, y);
    }

    private static MultiLayerNetwork linearNetwork() {
        // The period keeps the damping at its initial value for the two steps checked in closed form.
        KFac kfac = KFac.builder().adaptive(true).damping(DAMPING).dampingAdaptationPeriod(1000).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .updater(kfac).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(IN).nOut(OUT)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray parameters(MultiLayerNetwork net) {
        INDArray w = net.getLayer(0).getParam("W");
        return Nd4j.vstack(w, net.getLayer(0).getParam("b").reshape(1, OUT)).dup();
    }

    private INDArray withOnes(INDArray x) {
        return Nd4j.hstack(x, Nd4j.ones(DataType.DOUBLE, x.rows(), 1));
    }

    /** {@code Delta = -(damped K-FAC curvature)^-1 g} at parameters {@code theta}, g the mean gradient of h. */
    private INDArray naturalDirection(KFacListener kfac, INDArray theta) {
        INDArray xbar = withOnes(data.getFeatures());
        INDArray residual = xbar.mmul(theta).subi(data.getLabels());
        INDArray gradient = xbar.transpose().mmul(residual).muli(2.0 / (EXAMPLES * OUT));
        return kfac.estimator().layers().get(0).block().multiplyInverse(gradient).negi();
    }

    /** Closed-form minimiser over {@code theta + sum_i w_i v_i} of h plus the damping term. */
    private double[] closedFormMinimiser(INDArray theta, INDArray... directions) {
        INDArray xbar = withOnes(data.getFeatures());
        INDArray r0 = xbar.mmul(theta).subi(data.getLabels());
        int n = directions.length;
        double c = 2.0 / (EXAMPLES * OUT);
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            INDArray pi = xbar.mmul(directions[i]);
            b[i] = c * pi.mul(r0).sumNumber().doubleValue();
            for (int j = 0; j < n; j++) {
                INDArray pj = xbar.mmul(directions[j]);
                a[i][j] = c * pi.mul(pj).sumNumber().doubleValue()
                        + DAMPING * directions[i].mul(directions[j]).sumNumber().doubleValue();
            }
        }
        if (n == 1) {
            return new double[] {-b[0] / a[0][0]};
        }
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return new double[] {(-b[0] * a[1][1] + b[1] * a[0][1]) / det, (-b[1] * a[0][0] + b[0] * a[1][0]) / det};
    }

    private static double loss(INDArray xbar, INDArray theta, INDArray y) {
        INDArray r = xbar.mmul(theta).subi(y);
        return r.mul(r).sumNumber().doubleValue() / (EXAMPLES * OUT);
    }

    @Test
    void theFirstStepIsTheExactMinimiserAlongTheNaturalGradient() {
        MultiLayerNetwork net = linearNetwork();
        KFacListener kfac = KFacTraining.attach(net);
        INDArray theta0 = parameters(net);

        net.fit(data);

        INDArray direction = naturalDirection(kfac, theta0);
        double alpha = closedFormMinimiser(theta0, direction)[0];
        KFacStepStatistics step = kfac.lastStep();
        assertThat(step.learningRate()).isCloseTo(alpha, within(1e-9 * Math.abs(alpha)));
        assertThat(step.momentum()).isZero();
        assertThat(step.damping()).isEqualTo(DAMPING);
        INDArray moved = parameters(net).subi(theta0);
        assertThat(moved.sub(direction.mul(alpha)).amaxNumber().doubleValue())
                .isLessThan(1e-10 * direction.mul(alpha).amaxNumber().doubleValue());
    }

    @Test
    void theSecondStepIsTheExactMinimiserOverTheNaturalGradientAndThePreviousStep() {
        MultiLayerNetwork net = linearNetwork();
        KFacListener kfac = KFacTraining.attach(net);
        INDArray theta0 = parameters(net);
        net.fit(data);
        INDArray theta1 = parameters(net);
        INDArray previous = theta1.sub(theta0);

        net.fit(data);

        INDArray direction = naturalDirection(kfac, theta1);
        double[] optimum = closedFormMinimiser(theta1, direction, previous);
        KFacStepStatistics step = kfac.lastStep();
        assertThat(step.learningRate()).isCloseTo(optimum[0], within(1e-8 * Math.abs(optimum[0])));
        assertThat(step.momentum()).isCloseTo(optimum[1], within(1e-8 * Math.abs(optimum[0]) + 1e-12));
        INDArray expected = direction.mul(optimum[0]).addi(previous.mul(optimum[1]));
        assertThat(parameters(net).subi(theta1).sub(expected).amaxNumber().doubleValue())
                .isLessThan(1e-9 * expected.amaxNumber().doubleValue());
    }

    @Test
    void onAQuadraticLossThePredictedChangeIsTheActualChange() {
        MultiLayerConfiguration conf = linearNetwork().getLayerWiseConfigurations().clone();
        KFac kfac = (KFac) ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer()).getIUpdater();
        kfac.setDampingAdaptationPeriod(1);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        KFacListener listener = KFacTraining.attach(net);
        INDArray xbar = withOnes(data.getFeatures());

        for (int i = 0; i < 4; i++) {
            double before = loss(xbar, parameters(net), data.getLabels());
            net.fit(data);
            double after = loss(xbar, parameters(net), data.getLabels());
            KFacStepStatistics step = listener.lastStep();
            assertThat(step.loss()).isCloseTo(before, within(1e-12));
            assertThat(step.actualChange()).isCloseTo(after - before, within(1e-12));
            assertThat(step.predictedChange()).isNegative();
            assertThat(step.rho()).as("rho at step %d", i).isCloseTo(1.0, within(1e-8));
        }
    }
}
