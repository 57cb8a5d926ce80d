package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.stats.PcStatistics;
import org.precis.pc.stats.PcStatisticsListener;
import org.precis.pc.testutil.Blobs;

/** The PC layer trains inside DL4J networks like an OutputLayer: fit, score, evaluate, listeners. */
class NetworkTrainingTest {

    private static final DataSet TRAIN = Blobs.make(300, 6, 3, 1, DataType.FLOAT);
    private static final DataSet TEST = Blobs.make(150, 6, 3, 1, DataType.FLOAT);

    private static ViewIterator batches(DataSet d) {
        return new ViewIterator(d, 30);
    }

    @Test
    void twoStackedPcOutputLayersAreRefusedWithAMessageSayingHowToGetMoreLevels() {
        // Stacking does not deepen the hierarchy (each layer holds a whole one); the lower one never sees labels.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).updater(new Adam(0.01)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(6).hiddenLayerSizes(8).nOut(8).build())
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(8).hiddenLayerSizes(8).nOut(3).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThatThrownBy(() -> net.fit(TRAIN))
                .isInstanceOf(org.deeplearning4j.exception.DL4JInvalidInputException.class)
                .hasMessageContaining("not the network's last layer").hasMessageContaining("layer index: 0")
                .hasMessageContaining("hiddenLayerSizes");
    }

    @Test
    void aDenseLayerBelowThePcLayerTrainsFromItsEpsilonAndEvaluationWorks() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.TANH).build())
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(8).hiddenLayerSizes(8).nOut(3).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray denseBefore = net.getLayer(0).params().dup();
        double scoreBefore = net.score(TRAIN);
        for (int epoch = 0; epoch < 15; epoch++) {
            net.fit(batches(TRAIN));
        }
        assertThat(net.getLayer(0).params()).isNotEqualTo(denseBefore);
        assertThat(net.score(TRAIN)).isLessThan(0.5 * scoreBefore);
        Evaluation eval = net.evaluate(batches(TEST));
        // Well-separated blobs: chance is 1/3, a trained MLP is near 1.
        assertThat(eval.accuracy()).isGreaterThan(0.9);
    }

    @Test
    void scoreIsTheCrossEntropyOfTheFeedForwardPrediction() {
        MultiLayerNetwork net = new MultiLayerNetwork(PcNetworks.supervisedMlp(6, new int[] {5}, 3,
                PrecisionForm.NONE, new Adam(0.01), 3));
        net.init();
        INDArray p = net.output(TRAIN.getFeatures());
        double ce = 0;
        for (int r = 0; r < p.rows(); r++) {
            for (int k = 0; k < 3; k++) {
                ce -= TRAIN.getLabels().getDouble(r, k) * Math.log(p.getDouble(r, k));
            }
        }
        assertThat(net.score(TRAIN)).isCloseTo(ce / p.rows(), within(1e-4));
    }

    @Test
    void theLayerTrainsAsTheOutputOfAComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).updater(new Adam(0.01)).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("pc", new PredictiveCodingOutputLayer.Builder().nIn(8).hiddenLayerSizes(8).nOut(3)
                        .hiddenPrecision(PrecisionForm.DIAGONAL).build(), "dense")
                .setOutputs("pc")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        double before = graph.score(TRAIN);
        for (int epoch = 0; epoch < 15; epoch++) {
            graph.fit(batches(TRAIN));
        }
        assertThat(graph.score(TRAIN)).isLessThan(0.5 * before);
        Evaluation eval = graph.evaluate(batches(TEST));
        assertThat(eval.accuracy()).isGreaterThan(0.9);
    }

    @Test
    void earlyStoppingTrainsAndKeepsTheBestModelByTheLayersScore() {
        MultiLayerNetwork net = new MultiLayerNetwork(PcNetworks.supervisedMlp(6, new int[] {5}, 3,
                PrecisionForm.NONE, new Adam(0.01), 3));
        net.init();
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(4))
                .scoreCalculator(new DataSetLossCalculator(batches(TEST), true))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net, batches(TRAIN)).fit();
        assertThat(result.getTotalEpochs()).isEqualTo(4);
        assertThat(result.getBestModel()).isNotNull();
        assertThat(result.getBestModelScore()).isLessThan(result.getScoreVsEpoch().get(0) + 1e-12);
    }

    @Test
    void theStatisticsListenerSeesEnergyTracesAndPrecisionsEveryFewIterations() {
        MultiLayerNetwork net = new MultiLayerNetwork(PcNetworks.supervisedMlp(6, new int[] {5}, 3,
                PrecisionForm.DIAGONAL, new Adam(0.01), 3));
        net.init();
        List<PcStatistics> seen = new ArrayList<>();
        net.setListeners(new PcStatisticsListener(2, seen::add));
        net.fit(batches(TRAIN));
        // 10 iterations, a snapshot at 0, 2, 4, 6, 8.
        assertThat(seen).hasSize(5);
        PcStatistics last = seen.get(4);
        assertThat(last.numLevels()).isEqualTo(2);
        assertThat(last.stepsTaken()).isEqualTo(PredictiveCodingOutputLayer.DEFAULT_RELAXATION_STEPS);
        assertThat(last.variances(1)).hasSize(5);
        assertThat(last.variances(2)).hasSize(3);
        // Precisions learn: after some updates the variances have left their initial value 1.
        assertThat(java.util.Arrays.stream(last.variances(2)).boxed())
                .anySatisfy(v -> assertThat(v).isNotCloseTo(1.0, within(1e-6)));
        assertThat(last.totalEnergyTrace()).hasSize(PredictiveCodingOutputLayer.DEFAULT_RELAXATION_STEPS + 1);
    }
}
