package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionForm;

/** DL4J's canonical checks for the generative layer: JSON and YAML round trips and ModelSerializer save/load. */
class GenerativeSerializationTest {

    private static GenerativePcLayer layerWithEveryOptionChanged() {
        return new GenerativePcLayer.Builder()
                .name("gen")
                .nIn(6).latentSizes(5, 4, 3)
                .activation(Activation.SIGMOID)
                .hiddenActivations(new IActivation[] {Activation.RELU.getActivationFunction(),
                        Activation.IDENTITY.getActivationFunction()})
                .levelPrecisions(PrecisionForm.DIAGONAL, PrecisionForm.FULL, PrecisionForm.SCALAR,
                        PrecisionForm.NONE)
                .embeddingLevels(1, 3)
                .relaxationSteps(7).stateRate(0.05).tolerance(1e-3)
                .initialPrecision(2.0).varianceFloor(1e-3).varianceCeiling(100)
                .precisionUpdater(new Sgd(0.01))
                .build();
    }

    @Test
    void multiLayerConfigurationSurvivesJsonAndYamlUnchanged() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).list()
                .layer(layerWithEveryOptionChanged()).build();
        assertThat(MultiLayerConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        assertThat(MultiLayerConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
        assertThat(conf.toJson()).contains("GenerativePcLayer", "FULL", "embeddingLevels");
    }

    @Test
    void computationGraphConfigurationSurvivesJsonAndYamlUnchanged() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in").addLayer("gen", layerWithEveryOptionChanged(), "in").setOutputs("gen").build();
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        assertThat(ComputationGraphConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
    }

    @Test
    void changingAnyOptionMakesConfigurationsUnequal() {
        GenerativePcLayer a = layerWithEveryOptionChanged();
        GenerativePcLayer b = a.clone();
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        b.setStateRate(0.06);
        assertThat(b).isNotEqualTo(a);
        b = a.clone();
        b.getEmbeddingLevels()[0] = 2;
        assertThat(b).isNotEqualTo(a);
        b = a.clone();
        b.getPrecisionForms()[0] = PrecisionForm.NONE;
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void nOutIsTheSummedSizeOfTheEmbeddingLevels() {
        assertThat(layerWithEveryOptionChanged().getNOut()).isEqualTo(5 + 3);
        assertThat(new GenerativePcLayer.Builder().nIn(4).latentSizes(3, 2).build().getNOut()).isEqualTo(2);
    }

    @Test
    void savedAndRestoredNetworkHasEqualParametersAndEmbeddings(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new Adam(0.01)).list()
                .layer(new GenerativePcLayer.Builder().nIn(12).latentSizes(5, 3).activation(Activation.SIGMOID)
                        .precision(PrecisionForm.DIAGONAL).varianceFloor(0.1).embeddingLevels(1, 2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = GenerativeTrainingTest.images();
        net.pretrain(new ViewIterator(new DataSet(x, x), 16), 2);
        File file = dir.resolve("gen.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.output(x)).isEqualTo(net.output(x));
        GenerativePcLayerImpl a = (GenerativePcLayerImpl) net.getLayer(0);
        GenerativePcLayerImpl b = (GenerativePcLayerImpl) restored.getLayer(0);
        assertThat(b.reconstruct(x)).isEqualTo(a.reconstruct(x));
    }
}
