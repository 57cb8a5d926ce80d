package org.precis.natgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.natgrad.listener.KFacStatisticsListener;
import org.precis.natgrad.listener.KFacStepStatistics;

/** The adaptive mode inside DL4J training: it trains, reports its statistics, and refuses what it cannot model. */
class AdaptiveKFacTrainingTest {

    private static final int IN = 6;
    private static final int HIDDEN = 8;
    private static final int CLASSES = 3;

    private static KFac adaptive() {
        return KFac.builder().adaptive(true).build();
    }


    @ParameterizedTest
    @EnumSource(FisherType.class)
    void adaptiveKFacTrainsASoftmaxNetworkWithItsDefaults(FisherType fisherType) {
        KFac kfac = KFac.builder().adaptive(true).fisherType(fisherType).build();
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(kfac, IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);

        assertThat(TinyNets.lossRatioAfter(net, TinyNets.teacherData(61, 64, IN, CLASSES), 30)).isLessThan(0.3);
    }

    @Test
    void adaptiveKFacTrainsASquaredErrorNetworkInFloat() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(62).dataType(DataType.FLOAT)
                .updater(KFac.builder().adaptive(true).fisherType(FisherType.SAMPLED).build()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);
        KFacTraining.attach(net);
        Nd4j.getRandom().setSeed(63);
        INDArray x = Nd4j.randn(DataType.FLOAT, 64, IN);
        DataSet data = new DataSet(x, x.mmul(Nd4j.randn(DataType.FLOAT, IN, 2)));

        assertThat(TinyNets.lossRatioAfter(net, data, 40)).isLessThan(0.3);
    }

    @Test
    void theStatisticsListenerRecordsEveryIterationAndTheDampingAdaptsAfterEachPeriod() {
        // A linear least-squares network: its loss is the quadratic model, so rho = 1 and the damping decays by
        // (19/20)^5 after every fifth step.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(64).dataType(DataType.DOUBLE)
                .updater(adaptive()).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(IN).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);
        KFacTraining.attach(net);
        KFacStatisticsListener statistics = new KFacStatisticsListener();
        net.addListeners(statistics);
        Nd4j.getRandom().setSeed(65);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 32, IN);
        DataSet data = new DataSet(x, x.mmul(Nd4j.randn(DataType.DOUBLE, IN, 2)).addi(Nd4j.randn(DataType.DOUBLE, 32, 2)));

        // Few enough steps that the problem is not yet solved to rounding error, where rho becomes noise.
        for (int i = 0; i < 8; i++) {
            net.fit(data);
        }

        List<KFacStepStatistics> steps = statistics.steps();
        assertThat(steps).hasSize(8).extracting(KFacStepStatistics::step)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        double initial = KFac.DEFAULT_DAMPING;
        double factor = Math.pow(19.0 / 20.0, 5);
        for (KFacStepStatistics s : steps) {
            int periodsDone = (int) (s.step() / 5);
            assertThat(s.damping()).isCloseTo(initial * Math.pow(factor, periodsDone), within(1e-15));
            assertThat(Double.isNaN(s.rho())).isEqualTo(s.step() % 5 != 4);
            assertThat(s.learningRate()).isPositive();
            assertThat(s.predictedChange()).isNegative();
        }
        assertThat(steps.get(4).rho()).isCloseTo(1.0, within(1e-8));
    }

    @Test
    void inFixedModeTheStatisticsAreTheConfiguredValues() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);
        KFacStatisticsListener statistics = new KFacStatisticsListener();
        net.addListeners(statistics);

        net.fit(TinyNets.teacherData(66, 16, IN, CLASSES));

        KFacStepStatistics s = statistics.steps().get(0);
        assertThat(s.damping()).isEqualTo(KFac.DEFAULT_DAMPING);
        assertThat(s.learningRate()).isEqualTo(KFac.DEFAULT_LEARNING_RATE);
        assertThat(s.momentum()).isEqualTo(KFac.DEFAULT_MOMENTUM);
        assertThat(s.rho()).isNaN();
    }

    @Test
    void theStatisticsListenerNeedsKFacAttached() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        net.addListeners(new KFacStatisticsListener());

        assertThatThrownBy(() -> net.fit(TinyNets.teacherData(67, 8, IN, CLASSES)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KFacTraining.attach");
    }

    @Test
    void anAdaptiveModelSavesReloadsAndTrainsAgainAfterAttaching(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(adaptive(), IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(68, 32, IN, CLASSES);
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        java.io.File file = dir.resolve("adaptive.zip").toFile();
        ModelSerializer.writeModel(net, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(restored.params().toDoubleVector()).containsExactly(net.params().toDoubleVector());
        KFacTraining.attach(restored);

        assertThat(TinyNets.lossRatioAfter(restored, data, 10)).isLessThan(1.0);
    }

    private static void assertRejected(MultiLayerConfiguration conf, String... fragments) {
        MultiLayerNetwork net = TinyNets.network(conf);
        INDArray before = net.params().dup();
        assertThatThrownBy(() -> KFacTraining.attach(net)).isInstanceOf(IllegalArgumentException.class)
                .message().contains(fragments);
        assertThat(net.getLayer(0)).isNotInstanceOf(org.precis.natgrad.wrap.KFacLayerWrapper.class);
        assertThat(net.params()).isEqualTo(before);
    }

    @Test
    void aLayerKFacDoesNotPreconditionIsRejectedByName() {
        assertRejected(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(adaptive()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(HIDDEN).name("norm").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build(), "layer 1", "BatchNormalization", "'norm'", "not preconditioned");
    }

    @Test
    void dropoutIsRejectedByLayer() {
        assertRejected(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(adaptive()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .dropOut(0.8).activation(Activation.SOFTMAX).build())
                .build(), "layer 1", "dropout");
    }

    @Test
    void dl4jRegularisationIsRejectedPointingToKFacsWeightDecay() {
        assertRejected(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(adaptive()).l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build(), "layer 0", "regularisation", "KFac.weightDecay");
    }

    @Test
    void layersInDifferentModesAreRejected() {
        assertRejected(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).updater(new KFac()).activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .updater(adaptive()).activation(Activation.SOFTMAX).build())
                .build(), "layer 1", "adaptive = true", "same mode");
    }

    @Test
    void aComputationGraphIsRejectedInAdaptiveMode() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(adaptive()).graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(IN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        assertThatThrownBy(() -> KFacTraining.attach(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MultiLayerNetwork only");
    }

    @Test
    void theListenerReportsTheLastStepOfItsOwnNetwork() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(adaptive(), IN, HIDDEN, CLASSES));
        KFacListener kfac = KFacTraining.attach(net);
        assertThat(kfac.lastStep()).isNull();

        net.fit(TinyNets.teacherData(69, 16, IN, CLASSES));

        assertThat(kfac.lastStep().step()).isZero();
        assertThat(kfac.lastStep().momentum()).isZero();
        assertThat(kfac.lastStep().loss()).isCloseTo(net.score(), within(1.0));
        assertThat(kfac.isAttachedTo(net)).isTrue();
    }
}
