package org.precis.pc.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.precis.pc.layers.GenerativePcLayerImpl;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;

/**
 * Models and configurations saved by earlier releases keep loading and give the outputs they gave when saved: a
 * user's trained network must survive upgrading the library. Each fixture folder under
 * {@code src/test/resources/compat/} was written once by {@link CompatibilityFixtures} with the release it is named
 * after and is never regenerated.
 *
 * <p>Outputs must agree to 1e-12 (double precision): loading changes nothing. Continued training (one more batch
 * with the saved updater state) and its relaxation trace must agree to 1e-9, which leaves room for a refactor to
 * reorder floating-point sums but not to change the maths.
 */
class SavedModelCompatibilityTest {

    /** Fixture sets, oldest first. */
    private static final String[] RELEASES = {"0.1.0"};
    /** Fixture sets with a convolutional supervised model (the format since 0.1.0), oldest first. */
    private static final String[] CONVOLUTIONAL_RELEASES = {"0.1.0"};
    private static final double OUTPUT_TOLERANCE = 1e-12;
    private static final double TRAINING_TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    static String[] releases() {
        return RELEASES.clone();
    }

    static String[] convolutionalReleases() {
        return CONVOLUTIONAL_RELEASES.clone();
    }

    private Map<String, Object> record(String release, String name) throws IOException {
        try (InputStream in = resource(release, name + ".json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = new ObjectMapper().readValue(in, Map.class);
            return record;
        }
    }

    private static InputStream resource(String release, String file) {
        InputStream in = SavedModelCompatibilityTest.class.getResourceAsStream("/compat/" + release + "/" + file);
        assertThat(in).as("fixture %s/%s", release, file).isNotNull();
        return in;
    }

    private File zip(String release, String name) throws IOException {
        File f = dir.resolve(release + "-" + name + ".zip").toFile();
        try (InputStream in = resource(release, name + ".zip")) {
            Files.copy(in, f.toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
        return f;
    }

    @SuppressWarnings("unchecked")
    private static INDArray matrix(Object rows) {
        List<List<Number>> list = (List<List<Number>>) rows;
        double[][] out = new double[list.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = list.get(r).stream().mapToDouble(Number::doubleValue).toArray();
        }
        return Nd4j.create(out).castTo(DataType.DOUBLE);
    }

    @SuppressWarnings("unchecked")
    private static INDArray vector(Object values) {
        return Nd4j.createFromArray(((List<Number>) values).stream().mapToDouble(Number::doubleValue).toArray());
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance, String what) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double diff = actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
        assertThat(diff).as(what + ": largest difference").isLessThanOrEqualTo(tolerance);
    }

    private static void assertTraceClose(double[][] actual, Object expected) {
        INDArray want = matrix(expected);
        assertClose(Nd4j.create(actual), want, TRAINING_TOLERANCE, "relaxation energy trace");
    }

    private static DataSet data(Map<String, Object> record) {
        return new DataSet(matrix(record.get("features")), matrix(record.get("labels")));
    }

    @SuppressWarnings("unchecked")
    private static INDArray output(Map<String, Object> record, String key) {
        return matrix(((Map<String, Object>) record.get("outputs")).get(key));
    }

    @ParameterizedTest(name = "release {0}")
    @MethodSource("releases")
    void supervisedModelLoadsWithItsOutputsAndTrainsOnAsBefore(String release) throws IOException {
        checkSupervised(release, CompatibilityFixtures.SUPERVISED_GAUSSIAN);
    }

    @ParameterizedTest(name = "release {0}")
    @MethodSource("convolutionalReleases")
    void convolutionalModelLoadsWithItsOutputsAndTrainsOnAsBefore(String release) throws IOException {
        checkSupervised(release, CompatibilityFixtures.SUPERVISED_CONVOLUTIONAL);
    }

    private void checkSupervised(String release, String name) throws IOException {
        Map<String, Object> record = record(release, name);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip(release, name), true);
        assertThat(MultiLayerConfiguration.fromJson((String) record.get("configuration")))
                .isEqualTo(net.getLayerWiseConfigurations());
        DataSet data = data(record);
        assertClose(net.output(data.getFeatures()), output(record, "output"), OUTPUT_TOLERANCE, "output");

        MultiLayerNetwork fromJson = new MultiLayerNetwork(
                MultiLayerConfiguration.fromJson((String) record.get("configuration")));
        fromJson.init(net.params().dup(), false);
        assertClose(fromJson.output(data.getFeatures()), output(record, "output"), OUTPUT_TOLERANCE,
                "output of the JSON configuration with the saved parameters");

        net.fit(data);
        assertClose(net.params(), vector(record.get("paramsAfterOneMoreFit")), TRAINING_TOLERANCE,
                "parameters after one more batch");
        assertTraceClose(((PredictiveCodingOutputLayerImpl) net.getLayer(0)).lastEnergyTrace(),
                record.get("energyTraceOfThatFit"));
    }

    @ParameterizedTest(name = "release {0}")
    @MethodSource("releases")
    void graphWithRelaxedInferenceLoadsWithItsOutputsAndTrainsOnAsBefore(String release) throws IOException {
        Map<String, Object> record = record(release, CompatibilityFixtures.SUPERVISED_CATEGORICAL_GRAPH);
        ComputationGraph net = ModelSerializer.restoreComputationGraph(zip(release,
                CompatibilityFixtures.SUPERVISED_CATEGORICAL_GRAPH), true);
        assertThat(ComputationGraphConfiguration.fromJson((String) record.get("configuration")))
                .isEqualTo(net.getConfiguration());
        DataSet data = data(record);
        assertClose(net.outputSingle(data.getFeatures()), output(record, "output"), OUTPUT_TOLERANCE,
                "relaxed output");

        net.fit(data);
        assertClose(net.params(), vector(record.get("paramsAfterOneMoreFit")), TRAINING_TOLERANCE,
                "parameters after one more batch");
        assertTraceClose(((PredictiveCodingOutputLayerImpl) net.getLayer("pc")).lastEnergyTrace(),
                record.get("energyTraceOfThatFit"));
    }

    @ParameterizedTest(name = "release {0}")
    @MethodSource("releases")
    void generativeModelLoadsWithItsEmbeddingsReconstructionsAndSamples(String release) throws IOException {
        Map<String, Object> record = record(release, CompatibilityFixtures.GENERATIVE);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip(release,
                CompatibilityFixtures.GENERATIVE), true);
        assertThat(MultiLayerConfiguration.fromJson((String) record.get("configuration")))
                .isEqualTo(net.getLayerWiseConfigurations());
        INDArray x = matrix(record.get("features"));
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) net.getLayer(0);
        assertClose(net.output(x), output(record, "output"), OUTPUT_TOLERANCE, "embedding");
        assertClose(layer.reconstruct(x), output(record, "reconstruction"), OUTPUT_TOLERANCE, "reconstruction");
        assertClose(layer.reconstruct(x, 1), output(record, "reconstructionFromLevel1"), OUTPUT_TOLERANCE,
                "reconstruction from level 1");
        assertClose(layer.generate(matrix(record.get("topLatents"))), output(record, "generated"),
                OUTPUT_TOLERANCE, "generated samples");

        net.pretrainLayer(0, x);
        assertClose(net.params(), vector(record.get("paramsAfterOneMoreFit")), TRAINING_TOLERANCE,
                "parameters after one more pretraining batch");
        assertTraceClose(layer.lastEnergyTrace(), record.get("energyTraceOfThatFit"));
    }
}
