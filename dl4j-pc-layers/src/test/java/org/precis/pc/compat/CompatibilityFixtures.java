package org.precis.pc.compat;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.layers.GenerativePcLayerImpl;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;
import org.precis.pc.testutil.Blobs;

/**
 * Writes the compatibility fixtures of {@link SavedModelCompatibilityTest}: one small trained model of each PC layer
 * (a ModelSerializer zip with its updater state), its JSON configuration, fixed inputs and what the model gave on
 * them when it was saved. The fixtures in {@code src/test/resources/compat/} were written once by the release named
 * in their folder and are never regenerated: a later version must load them and reproduce their outputs.
 *
 * <p>Run by hand only, to add a fixture set for a new format: {@code java -cp <test classpath>
 * org.precis.pc.compat.CompatibilityFixtures <output dir> [fixture names]} (every fixture when no name is given).
 */
public final class CompatibilityFixtures {

    /** Name of the supervised fixture with a Gaussian top and every precision form. */
    static final String SUPERVISED_GAUSSIAN = "supervised-gaussian";
    /** Name of the ComputationGraph fixture: a dense layer below a categorical PC layer with relaxed inference. */
    static final String SUPERVISED_CATEGORICAL_GRAPH = "supervised-categorical-graph";
    /** Name of the generative fixture. */
    static final String GENERATIVE = "generative";
    /**
     * Name of the supervised fixture with convolutional levels (max and mean pooling, a stride, per-channel and
     * scalar precisions).
     */
    static final String SUPERVISED_CONVOLUTIONAL = "supervised-convolutional";

    private CompatibilityFixtures() {
    }

    /**
     * @param args the output directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        File dir = new File(args[0]);
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("Cannot create " + dir);
        }
        java.util.List<String> names = java.util.Arrays.asList(args).subList(1, args.length);
        if (names.isEmpty() || names.contains(SUPERVISED_GAUSSIAN)) {
            writeSupervisedGaussian(dir);
        }
        if (names.isEmpty() || names.contains(SUPERVISED_CATEGORICAL_GRAPH)) {
            writeSupervisedCategoricalGraph(dir);
        }
        if (names.isEmpty() || names.contains(GENERATIVE)) {
            writeGenerative(dir);
        }
        if (names.isEmpty() || names.contains(SUPERVISED_CONVOLUTIONAL)) {
            writeSupervisedConvolutional(dir);
        }
    }

    private static void writeSupervisedConvolutional(File dir) throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(14).dataType(DataType.DOUBLE)
                .updater(new Adam(0.01)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().name("pc-conv")
                        .nIn(36).inputShape(1, 6, 6)
                        .convolutionalLevels(
                                new ConvolutionalLevel.Builder(3, 3, 3).padding(1, 1)
                                        .pooling(ConvolutionalLevel.Pooling.MAX, 2, 2).build(),
                                new ConvolutionalLevel.Builder(4, 2, 2).stride(1, 1)
                                        .pooling(ConvolutionalLevel.Pooling.AVG, 2, 1).build())
                        .hiddenLayerSizes(5).nOut(3)
                        .hiddenActivations(Activation.RELU.getActivationFunction(),
                                Activation.TANH.getActivationFunction(), Activation.TANH.getActivationFunction())
                        .activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN)
                        .levelPrecisions(PrecisionForm.DIAGONAL, PrecisionForm.SCALAR, PrecisionForm.NONE,
                                PrecisionForm.DIAGONAL)
                        .precisionEstimator(PrecisionEstimator.GRADIENT)
                        .relaxationSteps(6).stateRate(0.05).varianceFloor(0.05).varianceCeiling(100)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = Blobs.make(24, 36, 3, 9, DataType.DOUBLE);
        for (int i = 0; i < 4; i++) {
            net.fit(data);
        }
        Map<String, Object> record = saveModel(dir, SUPERVISED_CONVOLUTIONAL, net, conf.toJson(), data);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("output", net.output(data.getFeatures()).toDoubleMatrix());
        record.put("outputs", outputs);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new File(dir, SUPERVISED_CONVOLUTIONAL + ".zip"), true);
        restored.fit(data);
        record.put("paramsAfterOneMoreFit", restored.params().toDoubleVector());
        record.put("energyTraceOfThatFit",
                ((PredictiveCodingOutputLayerImpl) restored.getLayer(0)).lastEnergyTrace());
        writeRecord(dir, SUPERVISED_CONVOLUTIONAL, record);
    }

    private static void writeSupervisedGaussian(File dir) throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE)
                .updater(new Adam(0.01)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().name("pc")
                        .nIn(6).hiddenLayerSizes(5, 4).nOut(3)
                        .hiddenActivations(Activation.RELU.getActivationFunction(),
                                Activation.TANH.getActivationFunction())
                        .activation(Activation.IDENTITY).topEnergy(TopEnergy.GAUSSIAN)
                        .levelPrecisions(PrecisionForm.DIAGONAL, PrecisionForm.FULL, PrecisionForm.SCALAR)
                        .relaxationSteps(7).stateRate(0.05).varianceFloor(0.05).varianceCeiling(100)
                        .precisionUpdater(new Sgd(0.01))
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = Blobs.make(24, 6, 3, 7, DataType.DOUBLE);
        for (int i = 0; i < 4; i++) {
            net.fit(data);
        }
        Map<String, Object> record = saveModel(dir, SUPERVISED_GAUSSIAN, net, conf.toJson(), data);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("output", net.output(data.getFeatures()).toDoubleMatrix());
        record.put("outputs", outputs);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new File(dir, SUPERVISED_GAUSSIAN + ".zip"),
                true);
        restored.fit(data);
        record.put("paramsAfterOneMoreFit", restored.params().toDoubleVector());
        record.put("energyTraceOfThatFit",
                ((PredictiveCodingOutputLayerImpl) restored.getLayer(0)).lastEnergyTrace());
        writeRecord(dir, SUPERVISED_GAUSSIAN, record);
    }

    private static void writeSupervisedCategoricalGraph(File dir) throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE)
                .updater(new Adam(0.02)).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("pc", new PredictiveCodingOutputLayer.Builder()
                        .nIn(5).hiddenLayerSizes(4).nOut(3)
                        .hiddenActivation(Activation.SIGMOID)
                        .relaxationSteps(10).stateRate(0.1).tolerance(1e-3)
                        .inferenceMode(InferenceMode.RELAXED)
                        .build(), "dense")
                .setOutputs("pc")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        DataSet data = Blobs.make(24, 6, 3, 8, DataType.DOUBLE);
        for (int i = 0; i < 4; i++) {
            net.fit(data);
        }
        Map<String, Object> record = saveModel(dir, SUPERVISED_CATEGORICAL_GRAPH, net, conf.toJson(), data);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("output", net.outputSingle(data.getFeatures()).toDoubleMatrix());
        record.put("outputs", outputs);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new File(dir, SUPERVISED_CATEGORICAL_GRAPH + ".zip"), true);
        restored.fit(data);
        record.put("paramsAfterOneMoreFit", restored.params().toDoubleVector());
        record.put("energyTraceOfThatFit",
                ((PredictiveCodingOutputLayerImpl) restored.getLayer("pc")).lastEnergyTrace());
        writeRecord(dir, SUPERVISED_CATEGORICAL_GRAPH, record);
    }

    private static void writeGenerative(File dir) throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(13).dataType(DataType.DOUBLE)
                .updater(new Adam(0.01)).list()
                .layer(new GenerativePcLayer.Builder()
                        .name("gen").nIn(12).latentSizes(5, 3, 2)
                        .activation(Activation.SIGMOID)
                        .hiddenActivations(new IActivation[] {Activation.RELU.getActivationFunction(),
                                Activation.TANH.getActivationFunction()})
                        .levelPrecisions(PrecisionForm.DIAGONAL, PrecisionForm.SCALAR, PrecisionForm.FULL,
                                PrecisionForm.NONE)
                        .embeddingLevels(1, 3)
                        .relaxationSteps(8).stateRate(0.05).varianceFloor(0.1).varianceCeiling(100)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(21);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 20, 2).muli(2).subi(1);
        INDArray x = Transforms.sigmoid(z.mmul(Nd4j.randn(DataType.DOUBLE, 2, 12).muli(2)), false);
        DataSet data = new DataSet(x, x);
        for (int i = 0; i < 4; i++) {
            net.pretrainLayer(0, x);
        }
        Map<String, Object> record = saveModel(dir, GENERATIVE, net, conf.toJson(), data);
        INDArray top = Nd4j.rand(DataType.DOUBLE, 3, 2).subi(0.5);
        record.put("topLatents", top.toDoubleMatrix());
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) net.getLayer(0);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("output", net.output(x).toDoubleMatrix());
        outputs.put("reconstruction", layer.reconstruct(x).toDoubleMatrix());
        outputs.put("reconstructionFromLevel1", layer.reconstruct(x, 1).toDoubleMatrix());
        outputs.put("generated", layer.generate(top).toDoubleMatrix());
        record.put("outputs", outputs);
        // Pretraining updater state is not part of a saved model: continue from the restored model, as a user would.
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new File(dir, GENERATIVE + ".zip"), true);
        restored.pretrainLayer(0, x);
        record.put("paramsAfterOneMoreFit", restored.params().toDoubleVector());
        record.put("energyTraceOfThatFit", ((GenerativePcLayerImpl) restored.getLayer(0)).lastEnergyTrace());
        writeRecord(dir, GENERATIVE, record);
    }

    private static Map<String, Object> saveModel(File dir, String name, Model net, String json, DataSet data)
            throws IOException {
        ModelSerializer.writeModel(net, new File(dir, name + ".zip"), true);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("configuration", json);
        record.put("features", data.getFeatures().toDoubleMatrix());
        record.put("labels", data.getLabels().toDoubleMatrix());
        return record;
    }

    private static void writeRecord(File dir, String name, Map<String, Object> record) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(new File(dir, name + ".json"), record);
    }
}
