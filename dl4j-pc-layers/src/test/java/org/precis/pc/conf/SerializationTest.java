package org.precis.pc.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.precis.pc.testutil.Blobs;

/** DL4J's canonical checks for a layer: JSON and YAML round trips and ModelSerializer save/load. */
class SerializationTest {

    private static PredictiveCodingOutputLayer layerWithEveryOptionChanged() {
        return new PredictiveCodingOutputLayer.Builder()
                .name("pc")
                .nIn(6).hiddenLayerSizes(5, 4).nOut(3)
                .hiddenActivation(Activation.RELU)
                .activation(Activation.IDENTITY)
                .topEnergy(TopEnergy.GAUSSIAN)
                .hiddenPrecision(PrecisionForm.FULL)
                .outputPrecision(PrecisionForm.DIAGONAL)
                .relaxationSteps(7).stateRate(0.05).tolerance(1e-3)
                .initialPrecision(2.0).varianceFloor(1e-3).varianceCeiling(100)
                .precisionUpdater(new Sgd(0.01))
                .inferenceMode(InferenceMode.RELAXED)
                .build();
    }

    private static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.TANH).build())
                .layer(layerWithEveryOptionChanged())
                .build();
    }

    @Test
    void multiLayerConfigurationSurvivesJsonAndYamlUnchanged() {
        MultiLayerConfiguration conf = conf();
        assertThat(MultiLayerConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        assertThat(MultiLayerConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
        assertThat(conf.toJson()).contains("PredictiveCodingOutputLayer", "FULL", "RELAXED");
    }

    @Test
    void changingAnyOptionMakesConfigurationsUnequal() {
        PredictiveCodingOutputLayer a = layerWithEveryOptionChanged();
        PredictiveCodingOutputLayer b = a.clone();
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        b.setStateRate(0.06);
        assertThat(b).isNotEqualTo(a);
        b = a.clone();
        b.getPrecisionForms()[0] = PrecisionForm.SCALAR;
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void computationGraphConfigurationSurvivesJsonAndYamlUnchanged() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in").addLayer("pc", layerWithEveryOptionChanged(), "in").setOutputs("pc").build();
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        assertThat(ComputationGraphConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
    }

    @Test
    void savedAndRestoredNetworkHasEqualParametersOutputsAndContinuesTrainingIdentically(@TempDir Path dir)
            throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new Adam(0.01)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(6).hiddenLayerSizes(5).nOut(3)
                        .hiddenPrecision(PrecisionForm.DIAGONAL).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = Blobs.make(60, 6, 3, 2, DataType.DOUBLE);
        net.fit(data);
        net.fit(data);
        File file = dir.resolve("pc.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        assertThat(restored.output(data.getFeatures())).isEqualTo(net.output(data.getFeatures()));

        for (int i = 0; i < 3; i++) {
            net.fit(data);
            restored.fit(data);
        }
        INDArray diff = restored.params().sub(net.params());
        assertThat(diff.amaxNumber().doubleValue()).isLessThan(1e-12);
    }
}
