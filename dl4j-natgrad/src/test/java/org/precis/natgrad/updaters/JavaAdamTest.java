package org.precis.natgrad.updaters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * {@link JavaAdam} computes ND4J's Adam: the reference is ND4J's own {@code AdamUpdater} run on the same gradients
 * from the same state, and a network trained with one matches the network trained with the other.
 */
class JavaAdamTest {

    /** Float rounding of a few operations per value: ND4J's op may contract a multiply-add or round pow differently. */
    private static final double FLOAT_ROUNDING = 2e-6;

    /** Updates and state of ND4J's Adam and of JavaAdam after {@code steps} steps on the same gradient stream. */
    private static INDArray[] runBoth(IUpdater reference, IUpdater tested, DataType type, long length, int steps) {
        // State views at an offset inside a larger array, as DL4J's updater blocks hold them.
        INDArray referenceState = Nd4j.zeros(type, 1, 2 * length + 37)
                .get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(37, 2 * length + 37));
        INDArray testedState = Nd4j.zeros(type, 1, 2 * length + 37)
                .get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(37, 2 * length + 37));
        GradientUpdater<?> expected = reference.instantiate(referenceState, true);
        GradientUpdater<?> actual = tested.instantiate(testedState, true);
        INDArray expectedUpdate = null;
        INDArray actualUpdate = null;
        Nd4j.getRandom().setSeed(7);
        for (int t = 0; t < steps; t++) {
            // Gradients whose scale changes by orders of magnitude, with exact zeros, at an offset in a buffer.
            INDArray holder = Nd4j.randn(type, 1, length + 11).muli(Math.pow(10, (t % 5) - 2));
            holder.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(11, 111)).assign(0);
            INDArray gradient = holder.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(11, length + 11));
            expectedUpdate = gradient.dup();
            actualUpdate = gradient;
            expected.applyUpdater(expectedUpdate, t, 0);
            actual.applyUpdater(actualUpdate, t, 0);
        }
        return new INDArray[] {expectedUpdate, actualUpdate, referenceState, testedState};
    }

    private static double relativeDifference(INDArray expected, INDArray actual) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray a = actual.castTo(DataType.DOUBLE);
        return a.sub(e).norm2Number().doubleValue() / e.norm2Number().doubleValue();
    }

    private static double largestRelativeDifference(INDArray expected, INDArray actual) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray scale = org.nd4j.linalg.ops.transforms.Transforms.abs(e).addi(1e-30);
        return org.nd4j.linalg.ops.transforms.Transforms.abs(a.sub(e)).divi(scale).maxNumber().doubleValue();
    }

    @Test
    void updatesAndMomentsMatchNd4jsAdamOverManyStepsAcrossChunkBoundaries() {
        // 20,001 values: two whole chunks and a partial one.
        INDArray[] r = runBoth(new Adam(3e-3, 0.8, 0.99, 1e-6), new JavaAdam(3e-3, 0.8, 0.99, 1e-6),
                DataType.FLOAT, 2 * JavaAdamUpdater.CHUNK + 3617, 40);

        assertThat(largestRelativeDifference(r[0], r[1])).isLessThan(10 * FLOAT_ROUNDING);
        assertThat(relativeDifference(r[0], r[1])).isLessThan(FLOAT_ROUNDING);
        assertThat(relativeDifference(r[2], r[3])).isLessThan(FLOAT_ROUNDING);
        // Not vacuous: the update is not the gradient and the moments moved.
        assertThat(r[3].norm2Number().doubleValue()).isGreaterThan(0.0);
    }

    @Test
    void theFirstStepIsTheTextbookOne() {
        // t = 1: m = (1 - b1) g, v = (1 - b2) g^2, alpha = lr sqrt(1 - b2) / (1 - b1), so the update is
        // lr g / (|g| + eps / sqrt(1 - b2)): the learning rate times the gradient's sign where |g| >> eps.
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * 4);
        GradientUpdater<?> u = new JavaAdam(0.01).instantiate(state, true);
        float[] gradient = {3f, -0.5f, 2e-7f, -40f};
        INDArray g = Nd4j.createFromArray(gradient).reshape(1, 4);

        u.applyUpdater(g, 0, 0);

        float[] update = g.toFloatVector();
        for (int i = 0; i < gradient.length; i++) {
            double expected = 0.01 * gradient[i] / (Math.abs(gradient[i]) + 1e-8 / Math.sqrt(1 - 0.999));
            // 2e-5 relative: the betas are used in float, as ND4J does (1 - 0.999f is 1.3e-5 below 1e-3).
            assertThat((double) update[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-5 * Math.abs(expected)));
        }
        assertThat((double) update[2]).isLessThan(0.9 * 0.01);
    }

    @Test
    void aLearningRateScheduleIsFollowedAsByNd4jsAdam() {
        StepSchedule schedule = new StepSchedule(ScheduleType.ITERATION, 1e-2, 0.5, 3);
        INDArray[] r = runBoth(new Adam(schedule), new JavaAdam(schedule), DataType.FLOAT, 1000, 10);

        assertThat(relativeDifference(r[0], r[1])).isLessThan(FLOAT_ROUNDING);
    }

    @Test
    void aBiasCorrectionThatIsNotFiniteFallsBackToEpsilonAsNd4jsDoes() {
        // beta1 = 1: 1 - beta1^t = 0, so ND4J uses epsilon as the step size; so must the loop.
        INDArray[] r = runBoth(new Adam(1e-3, 1.0, 0.999, 1e-3), new JavaAdam(1e-3, 1.0, 0.999, 1e-3),
                DataType.FLOAT, 500, 3);

        assertThat(JavaAdamUpdater.biasCorrectedRate(1e-3f, 1f, 0.999f, 1e-3f, 0)).isEqualTo(1e-3f);
        assertThat(relativeDifference(r[2], r[3])).isLessThan(FLOAT_ROUNDING);
    }

    @Test
    void doubleParametersRunNd4jsOpUnchanged() {
        INDArray[] r = runBoth(new Adam(1e-3), new JavaAdam(1e-3), DataType.DOUBLE, 300, 5);

        assertThat(r[1]).isEqualTo(r[0]);
        assertThat(r[3]).isEqualTo(r[2]);
    }

    @Test
    void onlyFloatRunsOfOneLayoutTakeTheLoop() {
        INDArray g = Nd4j.create(DataType.FLOAT, 4, 6);
        INDArray same = Nd4j.create(DataType.FLOAT, 4, 6);
        INDArray otherOrder = Nd4j.create(DataType.FLOAT, new long[] {4, 6}, 'f');
        INDArray strided = Nd4j.create(DataType.FLOAT, 4, 12).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 12));

        assertThat(JavaAdamUpdater.sameRunOfFloats(g, same, same.dup())).isTrue();
        assertThat(JavaAdamUpdater.sameRunOfFloats(g, otherOrder, same)).isFalse();
        assertThat(JavaAdamUpdater.sameRunOfFloats(g, strided, same)).isFalse();
        assertThat(JavaAdamUpdater.sameRunOfFloats(g.castTo(DataType.DOUBLE), same.castTo(DataType.DOUBLE),
                same.castTo(DataType.DOUBLE))).isFalse();
    }

    private static MultiLayerConfiguration mlp(IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT).updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(30).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(30).nOut(20).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(20).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 64, 12);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 4);
        INDArray winner = Nd4j.argMax(x.mmul(Nd4j.randn(DataType.FLOAT, 12, 4)), 1);
        for (int n = 0; n < 64; n++) {
            y.putScalar(n, winner.getInt(n), 1.0);
        }
        return new DataSet(x, y);
    }

    /** Fits the initialised {@code net} {@code steps} times on {@link #data()}; @return {@code net} */
    private static <N extends NeuralNetwork> N fitted(N net, int steps) {
        net.init();
        DataSet data = data();
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        return net;
    }

    private static MultiLayerNetwork trained(IUpdater updater, int steps) {
        return fitted(new MultiLayerNetwork(mlp(updater)), steps);
    }

    @Test
    void aNetworkTrainsAsWithNd4jsAdam() {
        MultiLayerNetwork reference = trained(new Adam(1e-2), 30);
        MultiLayerNetwork tested = trained(new JavaAdam(1e-2), 30);
        MultiLayerNetwork untrained = trained(new JavaAdam(1e-2), 0);

        assertThat(relativeDifference(reference.params(), tested.params())).isLessThan(1e-5);
        assertThat(relativeDifference(reference.getUpdater().getStateViewArray(),
                tested.getUpdater().getStateViewArray())).isLessThan(1e-5);
        // Training moved the parameters far more than the two differ.
        assertThat(relativeDifference(untrained.params(), tested.params())).isGreaterThan(1e-2);
    }

    private static ComputationGraph trainedGraph(IUpdater updater, int steps) {
        return fitted(new ComputationGraph(new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.FLOAT).updater(updater).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.TANH).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build()), steps);
    }

    @Test
    void aComputationGraphTrainsAsWithNd4jsAdam() {
        ComputationGraph reference = trainedGraph(new Adam(1e-2), 30);
        ComputationGraph tested = trainedGraph(new JavaAdam(1e-2), 30);

        assertThat(relativeDifference(reference.params(), tested.params())).isLessThan(1e-5);
        assertThat(relativeDifference(trainedGraph(new JavaAdam(1e-2), 0).params(), tested.params()))
                .isGreaterThan(1e-2);
    }

    @Test
    void theConfigurationRoundTripsThroughJsonAndIsNotMistakenForAdam() {
        MultiLayerConfiguration conf = mlp(new JavaAdam(new StepSchedule(ScheduleType.EPOCH, 1e-2, 0.1, 5)));

        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(conf.toJson());

        IUpdater updater = ((BaseLayer) copy.getConf(0).getLayer()).getIUpdater();
        assertThat(updater).isInstanceOf(JavaAdam.class).isEqualTo(new JavaAdam(
                new StepSchedule(ScheduleType.EPOCH, 1e-2, 0.1, 5)));
        assertThat(copy).isEqualTo(conf);
        assertThat(new JavaAdam(1e-3)).isNotEqualTo(new Adam(1e-3)).isEqualTo(new JavaAdam(1e-3).clone());
        assertThat(new Adam(1e-3)).isNotEqualTo(new JavaAdam(1e-3));
        // The builder builds a JavaAdam, with Adam's defaults for what it does not set.
        assertThat(JavaAdam.builder().learningRate(0.02).beta2(0.99).build())
                .isEqualTo(new JavaAdam(0.02, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, 0.99, Adam.DEFAULT_ADAM_EPSILON));
    }

    @Test
    void aSavedNetworkContinuesTrainingFromItsUpdaterState() throws IOException {
        MultiLayerNetwork uninterrupted = trained(new JavaAdam(1e-2), 20);
        MultiLayerNetwork first = trained(new JavaAdam(1e-2), 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(first, bytes, true);

        MultiLayerNetwork resumed = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        DataSet data = data();
        for (int i = 0; i < 10; i++) {
            resumed.fit(data);
        }

        assertThat(((BaseLayer) resumed.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater())
                .isInstanceOf(JavaAdam.class);
        assertThat(resumed.params()).isEqualTo(uninterrupted.params());
    }
}
