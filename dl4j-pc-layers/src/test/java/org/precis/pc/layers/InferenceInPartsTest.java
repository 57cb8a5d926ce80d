package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PredictiveCodingOutputLayer;

/**
 * Feed-forward inference and scores on a batch larger than the training batch go through the training batch's
 * buffers, part by part, and give what buffers for the whole batch give; relaxed inference keeps one pass.
 */
class InferenceInPartsTest {

    private static final int TRAIN_ROWS = 8;
    private static final int TEST_ROWS = 21;

    private static MultiLayerNetwork network(PredictiveCodingOutputLayer layer, DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4).dataType(type)
                .updater(new Sgd(0.05)).list().layer(layer).build());
        net.init();
        return net;
    }

    private static PredictiveCodingOutputLayer dense(InferenceMode mode) {
        return new PredictiveCodingOutputLayer.Builder().nIn(6).hiddenLayerSizes(7, 5).nOut(3).relaxationSteps(4)
                .inferenceMode(mode).build();
    }

    private static PredictiveCodingOutputLayer convolutional() {
        return new PredictiveCodingOutputLayer.Builder().nIn(64).inputShape(1, 8, 8)
                .convolutionalLevels(new ConvolutionalLevel.Builder(3, 3, 3).padding(1, 1)
                        .pooling(ConvolutionalLevel.Pooling.MAX, 2, 2).build())
                .hiddenLayerSizes(5).nOut(3).relaxationSteps(4).build();
    }

    private static DataSet data(int rows, int features, DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray labels = Nd4j.zeros(type, rows, 3);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(Nd4j.rand(type, rows, features), labels);
    }

    /** Trains one batch of {@value #TRAIN_ROWS}, then predicts {@value #TEST_ROWS} rows with it and with a copy. */
    private static void predictsAsOneWholePass(PredictiveCodingOutputLayer layer, int features, DataType type,
            double tolerance) {
        MultiLayerNetwork net = network(layer, type);
        net.fit(data(TRAIN_ROWS, features, type, 1));
        // Same parameters, no buffers yet: predicts the test batch in one pass.
        MultiLayerNetwork whole = net.clone();
        INDArray test = data(TEST_ROWS, features, type, 2).getFeatures();

        INDArray inParts = net.output(test);
        INDArray inOnePass = whole.output(test);

        assertThat(((AbstractPcLayer<?>) net.getLayer(0)).cachedBatchSizes())
                .as("buffers of the training batch and of the remainder, none for the whole test batch")
                .containsExactlyInAnyOrder((long) TRAIN_ROWS, (long) (TEST_ROWS % TRAIN_ROWS));
        assertThat(((AbstractPcLayer<?>) whole.getLayer(0)).cachedBatchSizes()).containsExactly((long) TEST_ROWS);
        assertThat(inParts.shape()).isEqualTo(inOnePass.shape());
        assertThat(inParts.sub(inOnePass).amaxNumber().doubleValue()).isLessThanOrEqualTo(tolerance);
        // Not vacuous: the rows differ from one another.
        assertThat(inOnePass.getRow(0).sub(inOnePass.getRow(TEST_ROWS - 1)).amaxNumber().doubleValue())
                .isGreaterThan(1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void aDenseHierarchyPredictsALargeBatchInPartsAsInOnePass(DataType type) {
        predictsAsOneWholePass(dense(InferenceMode.FEED_FORWARD), 6, type, type == DataType.DOUBLE ? 1e-12 : 1e-6);
    }

    @Test
    void aConvolutionalHierarchyPredictsALargeBatchInPartsAsInOnePass() {
        predictsAsOneWholePass(convolutional(), 64, DataType.FLOAT, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void scoresALargeBatchInPartsAsInOnePass(DataType type) {
        // In float the clamped categorical top's energy runs in a Java kernel, which reads the labels' rows of a part.
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        MultiLayerNetwork net = network(dense(InferenceMode.FEED_FORWARD), type);
        net.fit(data(TRAIN_ROWS, 6, type, 1));
        MultiLayerNetwork whole = net.clone();
        DataSet test = data(TEST_ROWS, 6, type, 2);

        assertThat(net.score(test)).isCloseTo(whole.score(test), within(tolerance));
        INDArray perExample = net.scoreExamples(test, false);
        assertThat(perExample.sub(whole.scoreExamples(test, false)).amaxNumber().doubleValue())
                .isLessThanOrEqualTo(tolerance);
        assertThat(perExample.getDouble(0)).isNotCloseTo(perExample.getDouble(TEST_ROWS - 1), within(1e-9));
        assertThat(((AbstractPcLayer<?>) net.getLayer(0)).cachedBatchSizes())
                .containsExactlyInAnyOrder((long) TRAIN_ROWS, (long) (TEST_ROWS % TRAIN_ROWS));
    }

    @Test
    void relaxedInferenceStaysOnePass() {
        // Its buffers are the relaxed values lastHiddenValues() reports for the whole batch.
        MultiLayerNetwork net = network(dense(InferenceMode.RELAXED), DataType.DOUBLE);
        net.fit(data(TRAIN_ROWS, 6, DataType.DOUBLE, 1));
        net.output(data(TEST_ROWS, 6, DataType.DOUBLE, 2).getFeatures());
        assertThat(((AbstractPcLayer<?>) net.getLayer(0)).cachedBatchSizes()).contains((long) TEST_ROWS);
        assertThat(((PredictiveCodingOutputLayerImpl) net.getLayer(0)).lastHiddenValues()[0].rows())
                .isEqualTo(TEST_ROWS);
    }

    @Test
    void aSmallerBatchThanAnyKeptIsOnePass() {
        MultiLayerNetwork net = network(dense(InferenceMode.FEED_FORWARD), DataType.DOUBLE);
        net.fit(data(TRAIN_ROWS, 6, DataType.DOUBLE, 1));
        net.output(data(5, 6, DataType.DOUBLE, 2).getFeatures());
        assertThat(((AbstractPcLayer<?>) net.getLayer(0)).cachedBatchSizes())
                .containsExactlyInAnyOrder((long) TRAIN_ROWS, 5L);
    }
}
