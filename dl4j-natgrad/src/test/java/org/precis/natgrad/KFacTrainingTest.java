package org.precis.natgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.blocks.InverseMethod;
import org.precis.natgrad.config.CurvatureApproximation;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.natgrad.wrap.KFacLayerWrapper;

/** Adoption of K-FAC by DL4J networks: attaching, fallbacks, training, save/load, numerical safety. */
class KFacTrainingTest {

    private static final int IN = 6;
    private static final int HIDDEN = 8;
    private static final int CLASSES = 3;


    @ParameterizedTest
    @EnumSource(FisherType.class)
    void trainingASmallNetworkReducesTheLoss(FisherType fisherType) {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(
                KFac.builder().fisherType(fisherType).build(), IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);

        assertThat(TinyNets.lossRatioAfter(net, TinyNets.teacherData(10, 64, IN, CLASSES), 40)).isLessThan(0.3);
    }

    @Test
    void identityOutputWithMseIsPreconditionedAndTrains() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new KFac()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);
        KFacListener kfac = KFacTraining.attach(net);
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 64, IN);
        DataSet data = new DataSet(x, x.mmul(Nd4j.randn(DataType.DOUBLE, IN, 2)));

        assertThat(kfac.estimator().layers()).hasSize(2);
        assertThat(kfac.fallbackLayers()).isEmpty();
        assertThat(TinyNets.lossRatioAfter(net, data, 40)).isLessThan(0.3);
    }

    @Test
    void anUnsupportedLayerKeepsItsPlainGradientWithExactlyOneWarningNamingIt() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE)
                .updater(new KFac()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(HIDDEN).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);
        DataSet data = TinyNets.teacherData(11, 32, IN, CLASSES);

        KFacListener[] kfac = new KFacListener[1];
        String log = capturingStandardError(() -> {
            kfac[0] = KFacTraining.attach(net);
            for (int i = 0; i < 3; i++) {
                net.fit(data);
            }
        });

        long warnings = Arrays.stream(log.split("\n")).filter(line -> line.contains("keeps its plain gradient"))
                .count();
        assertThat(warnings).isEqualTo(1);
        assertThat(log).contains("layer 1 (BatchNormalization");
        assertThat(kfac[0].fallbackLayers()).singleElement().asString().startsWith("layer 1 (BatchNormalization");
        assertThat(kfac[0].estimator().layers()).hasSize(2);
        assertThat(net.params().sumNumber().doubleValue()).isFinite();
    }

    @Test
    void withTheSampledFisherALayerBelowABrokenChainWarnsOnceAndUsesTheEmpiricalFisher() {
        // Dropout on the output layer's input changes the error signal in a way the wrappers do not replay.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(KFac.builder().fisherType(FisherType.SAMPLED).build()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .dropOut(0.8).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);
        DataSet data = TinyNets.teacherData(18, 16, IN, CLASSES);

        String log = capturingStandardError(() -> {
            KFacTraining.attach(net);
            for (int i = 0; i < 3; i++) {
                net.fit(data);
            }
        });

        assertThat(log.split("\n")).filteredOn(line -> line.contains("unbroken chain")).singleElement()
                .asString().contains("layer 0 (DenseLayer");
        assertThat(net.params().sumNumber().doubleValue()).isFinite();
    }

    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSupportedLayerWithAnotherUpdaterIsLeftAlone() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new KFac()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).updater(new Adam(1e-3))
                        .activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);

        KFacListener kfac = KFacTraining.attach(net);

        assertThat(kfac.fallbackLayers()).singleElement().asString().startsWith("layer 0 (DenseLayer");
        assertThat(net.getLayers()[0]).isNotInstanceOf(KFacLayerWrapper.class);
        assertThat(net.getLayers()[1]).isInstanceOf(KFacLayerWrapper.class);
    }

    @Test
    void attachingWithoutAnyKFacLayerIsAnError() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new Adam(), IN, HIDDEN, CLASSES));

        assertThatThrownBy(() -> KFacTraining.attach(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KFac");
    }

    @Test
    void attachingTwiceIsAnError() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);

        assertThatThrownBy(() -> KFacTraining.attach(net)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void attachValidatesHyperparametersSetWithSetters() {
        KFac bad = new KFac();
        bad.setDamping(-1);
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(bad, IN, HIDDEN, CLASSES));

        assertThatThrownBy(() -> KFacTraining.attach(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KFac: damping");
    }

    @Test
    void trainingLeavesTheLayerConfigurationsUnchanged() {
        // A wide first layer records its gradient's factors by wrapping its activation function during each
        // backward pass; the configuration (what a saved model holds) must be the original afterwards.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), 64, 32, CLASSES));
        MultiLayerConfiguration before = net.getLayerWiseConfigurations().clone();
        KFacTraining.attach(net);

        net.fit(TinyNets.teacherData(17, 8, 64, CLASSES));

        for (int i = 0; i < 2; i++) {
            assertThat(net.getLayerWiseConfigurations().getConf(i).getLayer())
                    .isEqualTo(before.getConf(i).getLayer());
        }
    }

    @Test
    void attachingDoesNotChangeOutputsOrScores() {
        // The wrappers only observe: forward pass and loss are those of the plain network.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        DataSet data = TinyNets.teacherData(12, 16, IN, CLASSES);
        INDArray before = net.output(data.getFeatures());
        double scoreBefore = net.score(data);

        KFacTraining.attach(net);

        assertThat(net.output(data.getFeatures())).isEqualTo(before);
        assertThat(net.score(data)).isEqualTo(scoreBefore);
    }

    /** Dense ReLU and tanh layers (dropout on the second) under a softmax output, in float, with K-FAC. */
    private static MultiLayerConfiguration reluTanhDropout(WorkspaceMode workspaces) {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).updater(new KFac())
                .trainingWorkspaceMode(workspaces).inferenceWorkspaceMode(workspaces).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.TANH).dropOut(0.7)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static DataSet floatTeacherData() {
        DataSet data = TinyNets.teacherData(21, 16, IN, CLASSES);
        return new DataSet(data.getFeatures().castTo(DataType.FLOAT), data.getLabels().castTo(DataType.FLOAT));
    }

    @ParameterizedTest
    @EnumSource(WorkspaceMode.class)
    void attachedWrappersComputeExactlyDl4jsGradient(WorkspaceMode workspaces) {
        // The wrapped dense layers start their backward pass from the forward pass's pre-activations (DL4J computes
        // them again): the gradient must be DL4J's, float for float, on every step, dropout included.
        MultiLayerNetwork plain = TinyNets.network(reluTanhDropout(workspaces));
        MultiLayerNetwork wrapped = TinyNets.network(reluTanhDropout(workspaces));
        KFacTraining.attach(wrapped);
        DataSet data = floatTeacherData();
        for (int step = 0; step < 3; step++) {
            for (MultiLayerNetwork net : new MultiLayerNetwork[] {plain, wrapped}) {
                Nd4j.getRandom().setSeed(100 + step);
                net.setInput(data.getFeatures());
                net.setLabels(data.getLabels());
                net.computeGradientAndScore();
            }
            assertThat(wrapped.gradient().gradient()).as("step " + step).isEqualTo(plain.gradient().gradient());
            assertThat(wrapped.score()).isEqualTo(plain.score());
            assertThat(plain.gradient().getGradientFor("0_W").norm2Number().doubleValue()).isPositive();
            // Move both networks on, so the next step compares gradients at other parameters.
            INDArray moved = plain.params().sub(plain.gradient().gradient().mul(0.1));
            plain.setParams(moved);
            wrapped.setParams(moved.dup());
        }
    }

    /**
     * ReLU that, every time it runs, copies the configuration of {@link #network} through JSON, as DL4J's
     * ParallelWrapper does for its workers while the first worker already trains.
     */
    public static final class ConfigurationCopyingRelu extends ActivationReLU {
        private static final long serialVersionUID = 1L;
        static MultiLayerNetwork network;
        static int copies;

        private static void copyConfiguration() {
            if (network != null) {
                MultiLayerConfiguration.fromJson(network.getLayerWiseConfigurations().toJson());
                copies++;
            }
        }

        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            copyConfiguration();
            return super.getActivation(in, training);
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            copyConfiguration();
            return super.backprop(in, epsilon);
        }
    }

    @Test
    void theConfigurationCopiesThroughJsonWhileAttachedLayersTrain() {
        // 64 inputs at batch 16: the natural gradient comes from the gradient's factors, whose delta DL4J's own
        // backward pass would hand over only through a tapped activation in the configuration.
        int inputs = 64;
        MultiLayerNetwork net = TinyNets.network(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new KFac()).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(32).activation(new ConfigurationCopyingRelu())
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(22, 16, inputs, CLASSES);
        data = new DataSet(data.getFeatures().castTo(DataType.FLOAT), data.getLabels().castTo(DataType.FLOAT));
        ConfigurationCopyingRelu.network = net;
        ConfigurationCopyingRelu.copies = 0;
        try {
            for (int i = 0; i < 3; i++) {
                net.fit(data);
            }
        } finally {
            ConfigurationCopyingRelu.network = null;
        }
        // Forward and backward pass of every step copied it.
        assertThat(ConfigurationCopyingRelu.copies).isGreaterThanOrEqualTo(6);
    }

    @Test
    void attachedWrappersInAComputationGraphComputeExactlyDl4jsGradient() {
        // A graph's layer vertex sets the input and calls activate(training, ...): the other forward entry point.
        ComputationGraph plain = TinyNets.network(reluTanhDropout(WorkspaceMode.ENABLED)).toComputationGraph();
        ComputationGraph wrapped = plain.clone();
        KFacTraining.attach(wrapped);
        DataSet data = floatTeacherData();
        for (ComputationGraph graph : new ComputationGraph[] {plain, wrapped}) {
            Nd4j.getRandom().setSeed(100);
            graph.setInputs(data.getFeatures());
            graph.setLabels(data.getLabels());
            graph.computeGradientAndScore();
        }
        assertThat(wrapped.gradient().gradient()).isEqualTo(plain.gradient().gradient());
        assertThat(plain.gradient().gradient().norm2Number().doubleValue()).isPositive();
    }

    @Test
    void aComputationGraphTakesExactlyTheSameStepsAsTheEquivalentMultiLayerNetwork() {
        KFac kfac = KFac.builder().inverseUpdatePeriod(2).build();
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(kfac, IN, HIDDEN, CLASSES));
        ComputationGraphConfiguration graphConf = new NeuralNetConfiguration.Builder().seed(12345)
                .dataType(DataType.DOUBLE).updater(kfac).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(graphConf);
        graph.init();
        graph.setParams(net.params().dup());
        KFacTraining.attach(net);
        KFacListener graphKfac = KFacTraining.attach(graph);
        DataSet data = TinyNets.teacherData(13, 16, IN, CLASSES);

        for (int i = 0; i < 5; i++) {
            net.fit(data);
            graph.fit(data);
        }

        assertThat(graphKfac.estimator().layers()).hasSize(2);
        assertThat(graph.params().toDoubleVector()).containsExactly(net.params().toDoubleVector(), within(1e-12));
    }

    @Test
    void aComputationGraphCloneSharesListenersButNotTheCurvature() {
        // ComputationGraph.clone() shares the listener list: each K-FAC listener must act on its own network only.
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(9)
                .dataType(DataType.DOUBLE).updater(new KFac()).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN)
                        .nOut(CLASSES).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        graph.init();
        KFacListener original = KFacTraining.attach(graph);
        DataSet data = TinyNets.teacherData(19, 16, IN, CLASSES);
        ComputationGraph clone = graph.clone();

        // Unattached, the clone would train as SGD with momentum: its updater refuses.
        capturingStandardError(() -> assertThatThrownBy(() -> clone.fit(data))
                .hasStackTraceContaining("KFacTraining.attach"));
        assertThat(original.estimator().step()).isZero();

        KFacListener cloned = KFacTraining.attach(clone);
        capturingStandardError(() -> {
            clone.fit(data);
            graph.fit(data);
        });
        assertThat(cloned.estimator().step()).isEqualTo(1);
        assertThat(original.estimator().step()).isEqualTo(1);
    }

    @Test
    void aTrainedModelSavesAndReloadsAndTheCurvatureIsReestimatedAfterLoading(@TempDir Path dir) throws Exception {
        KFac kfac = KFac.builder().damping(2e-3).fisherType(FisherType.SAMPLED).build();
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(kfac, IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(14, 32, IN, CLASSES);
        for (int i = 0; i < 3; i++) {
            net.fit(data);
        }
        File file = dir.resolve("kfac.zip").toFile();

        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.output(data.getFeatures())).isEqualTo(net.output(data.getFeatures()));
        assertThat(net.getUpdater().getStateViewArray().amaxNumber().doubleValue()).isPositive();
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        // The curvature is not part of the model file: a new estimator starts empty and estimates it at step 0.
        KFacListener reattached = KFacTraining.attach(restored);
        assertThat(reattached.estimator().step()).isZero();
        assertThat(reattached.estimator().layers()).allSatisfy(l -> assertThat(l.block().hasCurvature()).isFalse());
        restored.fit(data);
        assertThat(reattached.estimator().layers()).allSatisfy(l -> assertThat(l.block().hasCurvature()).isTrue());
        assertThat(restored.params().sumNumber().doubleValue()).isFinite();
    }

    @Test
    void aKFacUpdaterWithoutAttachRefusesToTrainInsteadOfSilentlyBeingSgdWithMomentum() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        DataSet data = TinyNets.teacherData(21, 16, IN, CLASSES);
        INDArray before = net.params().dup();

        assertThatThrownBy(() -> net.fit(data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KFacTraining.attach(net)").hasMessageContaining("SGD with momentum");
        assertThat(net.params()).isEqualTo(before);
    }

    @Test
    void replacingTheListenersAfterAttachIsCaughtAtTheNextStep() {
        // setListeners drops K-FAC's listener; addListeners keeps it.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(22, 16, IN, CLASSES);
        net.addListeners(new ScoreIterationListener(100));
        net.fit(data);

        net.setListeners(new ScoreIterationListener(100));

        assertThatThrownBy(() -> net.fit(data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setListeners");
    }

    @ParameterizedTest
    @EnumSource(CurvatureApproximation.class)
    void theCurvatureSavedWithTheModelResumesTrainingBitForBit(CurvatureApproximation approximation,
            @TempDir Path dir) throws Exception {
        // Periods 2 and 4 put the checkpoint (after 5 steps) between a curvature and an inverse update, so the
        // saved inverse is older than the saved factors: re-estimating either would change the next steps.
        KFac kfac = KFac.builder().curvatureUpdatePeriod(2).inverseUpdatePeriod(4).fisherType(FisherType.SAMPLED)
                .approximation(approximation).build();
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(kfac, IN, 4, CLASSES));
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(23, 24, IN, CLASSES);
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        File file = dir.resolve("kfac.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        KFacSerializer.addCurvatureToModel(file, net);
        // The sampled Fisher draws from ND4J's generator, which is the caller's to carry across (as in any DL4J run).
        long root = Nd4j.getRandom().rootState();
        long node = Nd4j.getRandom().nodeState();
        for (int i = 0; i < 7; i++) {
            net.fit(data);
        }

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        KFacListener reattached = KFacTraining.attach(restored);
        assertThat(KFacSerializer.restoreCurvature(file, restored)).isTrue();
        assertThat(reattached.estimator().step()).isEqualTo(5);
        Nd4j.getRandom().setStates(root, node);
        for (int i = 0; i < 7; i++) {
            restored.fit(data);
        }

        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
    }

    @Test
    void theAdaptiveModeResumesBitForBitWithItsDampingAndPreviousStepSaved(@TempDir Path dir) throws Exception {
        // A checkpoint after 7 steps sits between two damping adaptations (every 5) and after a previous step exists.
        KFac kfac = KFac.builder().adaptive(true).dampingAdaptationPeriod(5).inverseUpdatePeriod(4).build();
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(kfac, IN, 4, CLASSES));
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(25, 24, IN, CLASSES);
        for (int i = 0; i < 7; i++) {
            net.fit(data);
        }
        File file = dir.resolve("adaptive.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        KFacSerializer.addCurvatureToModel(file, net);
        for (int i = 0; i < 6; i++) {
            net.fit(data);
        }

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        KFacTraining.attach(restored);
        KFacSerializer.restoreCurvature(file, restored);
        for (int i = 0; i < 6; i++) {
            restored.fit(data);
        }

        assertThat(restored.params()).isEqualTo(net.params());
    }

    @Test
    void curvatureSavedFromAnotherNetworkShapeIsRefusedNamingTheLayer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork small = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, 4, CLASSES));
        KFacTraining.attach(small);
        small.fit(TinyNets.teacherData(24, 8, IN, CLASSES));
        File file = dir.resolve("small.zip").toFile();
        ModelSerializer.writeModel(small, file, true);
        KFacSerializer.addCurvatureToModel(file, small);
        MultiLayerNetwork other = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        KFacTraining.attach(other);

        assertThatThrownBy(() -> KFacSerializer.restoreCurvature(file, other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 0 (DenseLayer");
    }

    @Test
    void aNonFiniteInputStopsTrainingWithAnErrorNamingTheLayer() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(15, 8, IN, CLASSES);
        data.getFeatures().putScalar(3, 2, Double.NaN);

        assertThatThrownBy(() -> net.fit(data)).hasStackTraceContaining("layer 0 (DenseLayer");
    }

    @ParameterizedTest
    @EnumSource(InverseMethod.class)
    void tinyDampingOnFloatNetworksStaysFinite(InverseMethod method) {
        // Float32 network, more inputs than examples (rank-deficient A), damping 1e-10: inverses are in double.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.FLOAT)
                .updater(KFac.builder().damping(1e-10).inverseMethod(method).build()).list()
                .layer(new DenseLayer.Builder().nIn(40).nOut(20).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(20).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = TinyNets.network(conf);
        KFacTraining.attach(net);
        DataSet data = TinyNets.teacherData(16, 10, 40, CLASSES);
        data.setFeatures(data.getFeatures().castTo(DataType.FLOAT));
        data.setLabels(data.getLabels().castTo(DataType.FLOAT));

        for (int i = 0; i < 15; i++) {
            net.fit(data);
        }

        assertThat(net.params().sumNumber().doubleValue()).isFinite();
        assertThat(net.score(data)).isFinite();
    }

    @Test
    void theHarnessEntryPointTrainsAnMlpFromItsConfiguration() {
        DataSet data = TinyNets.teacherData(17, 64, IN, CLASSES);
        MultiLayerConfiguration conf = TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES);
        double before = TinyNets.network(conf).score(data);

        MultiLayerNetwork net = KFacTraining.fit(conf,
                new org.nd4j.linalg.dataset.ViewIterator(data, 16), 10);

        assertThat(net.getLayers()[0]).isInstanceOf(KFacLayerWrapper.class);
        assertThat(net.score(data)).isLessThan(0.5 * before);
    }
}
