package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.testutil.Blobs;

/** The Java tanh kernel against {@link Math#tanh} and ND4J's ops, and a float PC network with and without it. */
class FloatTanhKernelTest {

    @AfterEach
    void restoreDefault() {
        JavaKernels.setEnabled(true);
    }

    private static float ulpsFromTanh(float x, float approx) {
        float exact = (float) Math.tanh(x);
        return Math.abs(approx - exact) / Math.ulp(exact);
    }

    @Test
    void tanhIsWithinSevenFloatUlpsOfTheCorrectlyRoundedValueAcrossTheRange() {
        // Dense grid over the range where tanh is not yet 1 in float, and beyond it.
        int n = 2_000_001;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = -12f + 24f * i / (n - 1);
        }
        float[] out = new float[n];
        FloatTanhKernel.tanh(in, out);
        float worst = 0;
        float largest = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulpsFromTanh(in[i], out[i]));
            largest = Math.max(largest, Math.abs(out[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(7f);
        assertThat(largest).isEqualTo(1f);
    }

    @Test
    void tanhNeverLeavesMinusOneToOneWhereItSaturates() {
        // Every float in [8, 9.2], where float rounding of the approximant could cross 1.
        int n = Float.floatToIntBits(9.2f) - Float.floatToIntBits(8f) + 1;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = Float.intBitsToFloat(Float.floatToIntBits(8f) + i);
        }
        float[] out = new float[n];
        FloatTanhKernel.tanh(in, out);
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).as("tanh(%s)", in[i]).isLessThanOrEqualTo(1f);
            assertThat(ulpsFromTanh(in[i], out[i])).as("tanh(%s)", in[i]).isLessThanOrEqualTo(7f);
        }
    }

    @Test
    void tanhKeepsTinyValuesSignsLimitsAndNaN() {
        float[] in = {0f, -0f, 1e-30f, -1e-20f, Float.MIN_VALUE, 9.5f, 20f, -20f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN};
        float[] out = new float[in.length];
        FloatTanhKernel.tanh(in, out);
        assertThat(Float.floatToRawIntBits(out[0])).isEqualTo(Float.floatToRawIntBits(0f));
        assertThat(Float.floatToRawIntBits(out[1])).isEqualTo(Float.floatToRawIntBits(-0f));
        // For |x| < 1e-4, tanh x = x in float.
        assertThat(out[2]).isEqualTo(1e-30f);
        assertThat(out[3]).isEqualTo(-1e-20f);
        assertThat(out[4]).isEqualTo(Float.MIN_VALUE);
        assertThat(out[5]).isEqualTo(1f);
        assertThat(out[6]).isEqualTo(1f);
        assertThat(out[7]).isEqualTo(-1f);
        assertThat(out[8]).isEqualTo(1f);
        assertThat(out[9]).isEqualTo(-1f);
        assertThat(out[10]).isNaN();
    }

    @Test
    void biasAndTanhAddTheBiasToEveryRowAndMatchNd4jsTanh() {
        Nd4j.getRandom().setSeed(3);
        INDArray a = Nd4j.randn(DataType.FLOAT, 5, 7).muli(3);
        INDArray b = Nd4j.randn(DataType.FLOAT, 1, 7);
        INDArray expectedA = a.addRowVector(b);
        INDArray expectedMu = Transforms.tanh(expectedA, true);
        INDArray mu = Nd4j.create(DataType.FLOAT, 5, 7);
        FloatTanhKernel kernel = new FloatTanhKernel(5, 7);
        kernel.bindBias(b);

        kernel.biasAndTanh(a, mu);

        assertThat(a.equalsWithEps(expectedA, 0.0)).isTrue();
        // ND4J's tanh is itself within an ulp or two of the correct value; 7 ulps of 1 is 4.2e-7.
        assertThat(mu.sub(expectedMu).amaxNumber().doubleValue()).isLessThan(5e-7);
    }

    @Test
    void derivativeEqualsTheNd4jOpsBitForBit() {
        Nd4j.getRandom().setSeed(4);
        INDArray a = Nd4j.randn(DataType.FLOAT, 6, 5);
        INDArray mu = Transforms.tanh(a, true);
        INDArray eps = Nd4j.randn(DataType.FLOAT, 6, 5);
        INDArray expected = Nd4j.create(DataType.FLOAT, 6, 5);
        ActivationDerivative.apply(new ActivationTanH(), a, mu, eps, expected);
        INDArray out = Nd4j.create(DataType.FLOAT, 6, 5);

        new FloatTanhKernel(6, 5).derivative(mu, eps, out);

        assertThat(out).isEqualTo(expected);
    }

    @Test
    void acceptsOnlyFloatTanhOnWholeBuffers() {
        INDArray whole = Nd4j.create(DataType.FLOAT, 4, 3);
        assertThat(FloatTanhKernel.accepts(new ActivationTanH(), whole)).isTrue();
        assertThat(FloatTanhKernel.accepts(Activation.SIGMOID.getActivationFunction(), whole)).isFalse();
        assertThat(FloatTanhKernel.accepts(new ActivationTanH(), Nd4j.create(DataType.DOUBLE, 4, 3))).isFalse();
        assertThat(FloatTanhKernel.accepts(new ActivationTanH(), Nd4j.create(DataType.FLOAT, 8, 3).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8), org.nd4j.linalg.indexing.NDArrayIndex.all())))
                .isFalse();
        JavaKernels.setEnabled(false);
        assertThat(FloatTanhKernel.accepts(new ActivationTanH(), whole)).isFalse();
    }

    private static MultiLayerNetwork floatTanhPcNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).updater(new Adam(0.01)).dataType(DataType.FLOAT).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(6).hiddenLayerSizes(16, 12).nOut(3)
                        .hiddenActivation(Activation.TANH).relaxationSteps(20).stateRate(0.05).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void aFloatTanhPcNetworkTrainsTheSameWithAndWithoutTheKernels() {
        DataSet data = Blobs.make(64, 6, 3, 2, DataType.FLOAT);
        MultiLayerNetwork untrained = floatTanhPcNet();
        // The engine picks its kernels when it first sees a batch size, so each network trains under its setting.
        JavaKernels.setEnabled(true);
        MultiLayerNetwork withKernels = trained(data);
        INDArray outWithKernels = withKernels.output(data.getFeatures());
        JavaKernels.setEnabled(false);
        MultiLayerNetwork withNd4j = trained(data);
        INDArray outWithNd4j = withNd4j.output(data.getFeatures());
        // Two tanh predictions and the categorical top's energy.
        assertThat(kernelsOf(withKernels)).isEqualTo(3);
        assertThat(kernelsOf(withNd4j)).isZero();

        // Five Adam steps after 20-step relaxations: the two tanh agree to a few 1e-7, so must the weights, far
        // below the 1e-2 the five updates of rate 0.01 move them.
        assertThat(withNd4j.params().sub(untrained.params()).norm2Number().doubleValue()).isGreaterThan(1e-2);
        assertThat(withKernels.params().sub(withNd4j.params()).amaxNumber().doubleValue()).isLessThan(1e-4);
        assertThat(outWithKernels.sub(outWithNd4j).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    private static MultiLayerNetwork trained(DataSet data) {
        MultiLayerNetwork net = floatTanhPcNet();
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        return net;
    }

    private static int kernelsOf(MultiLayerNetwork net) {
        return ((PredictiveCodingOutputLayerImpl) net.getLayer(0)).lastRelaxed().javaKernels();
    }
}
