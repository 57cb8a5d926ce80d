package org.precis.pc.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.conf.ConvolutionalLevel.Pooling;
import org.precis.pc.params.PcParamInitializer;

/** The convolutional options of {@link PredictiveCodingOutputLayer}: shapes, parameters, JSON and their checks. */
class ConvolutionalConfigurationTest {

    /** 1x28x28 -> conv 3x3 to 4 channels, padding 1, max pooled (4x14x14) -> conv 5x5 to 6, stride 2 (6x5x5). */
    private static PredictiveCodingOutputLayer.Builder valid() {
        return new PredictiveCodingOutputLayer.Builder().name("pc").nIn(784).inputShape(1, 28, 28)
                .convolutionalLevels(
                        new ConvolutionalLevel.Builder(4, 3, 3).padding(1, 1).pooling(Pooling.MAX, 2, 2).build(),
                        new ConvolutionalLevel.Builder(6, 5, 5).stride(2, 2).build())
                .hiddenLayerSizes(16).nOut(10).hiddenPrecision(PrecisionForm.DIAGONAL);
    }

    @Test
    void levelSizesFollowTheConvolutionAndPoolingArithmetic() {
        PredictiveCodingOutputLayer c = valid().build();
        assertThat(c.numLevels()).isEqualTo(4);
        assertThat(c.numConvolutionalLevels()).isEqualTo(2);
        assertThat(c.levelShape(1)).containsExactly(4, 14, 14);
        assertThat(c.levelShape(2)).containsExactly(6, 5, 5);
        assertThat(c.levelSize(1)).isEqualTo(784);
        assertThat(c.levelSize(2)).isEqualTo(150);
        assertThat(c.levelSize(3)).isEqualTo(16);
        assertThat(c.levelSize(4)).isEqualTo(10);
        assertThat(c.getHiddenActivations()).hasSize(3);
        assertThat(c.getPrecisionForms()).hasSize(4);
    }

    @Test
    void aConvolutionalLevelHasDl4jsConvolutionWeightsOneBiasAndOnePrecisionPerChannel() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(valid().build()).build());
        net.init();
        assertThat(net.getLayer(0).getParam("W1").shape()).containsExactly(4, 1, 3, 3);
        assertThat(net.getLayer(0).getParam("b1").shape()).containsExactly(1, 4);
        assertThat(net.getLayer(0).getParam("v1").shape()).containsExactly(1, 4);
        assertThat(net.getLayer(0).getParam("W2").shape()).containsExactly(6, 4, 5, 5);
        assertThat(net.getLayer(0).getParam("v2").shape()).containsExactly(1, 6);
        assertThat(net.getLayer(0).getParam("W3").shape()).containsExactly(150, 16);
        assertThat(net.numParams()).isEqualTo(4 * 9 + 4 + 4 + 6 * 4 * 25 + 6 + 6 + 150 * 16 + 16 + 16 + 16 * 10 + 10);
        assertThat(PcParamInitializer.getInstance().weightKeys(net.getLayer(0).conf().getLayer()))
                .containsExactly("W1", "W2", "W3", "W4");
    }

    @Test
    void theConfigurationSurvivesJsonAndYamlAndAModelItsSaveAndLoad(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).updater(new Adam(1e-3)).list()
                .layer(valid().build()).build();
        assertThat(MultiLayerConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        assertThat(MultiLayerConfiguration.fromYaml(conf.toYaml())).isEqualTo(conf);
        assertThat(conf.toJson()).contains("convolutionalLevels", "inputShape", "MAX");
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File file = dir.resolve("conv.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 784);
        assertThat(loaded.output(x)).isEqualTo(net.output(x));
    }

    @Test
    void changingAConvolutionalOptionMakesConfigurationsUnequal() {
        PredictiveCodingOutputLayer a = valid().build();
        PredictiveCodingOutputLayer b = a.clone();
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        b.getConvolutionalLevels()[1].setStride(new int[] {1, 1});
        assertThat(b).isNotEqualTo(a);
        assertThat(a.getConvolutionalLevels()[1].getStride()).containsExactly(2, 2);
    }

    @Test
    void aConvolutionalInputTypeSetsTheInputShapeAndAnImageBatchTrains() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2)).list()
                .layer(new PredictiveCodingOutputLayer.Builder()
                        .convolutionalLevels(new ConvolutionalLevel.Builder(2, 3, 3).build())
                        .hiddenLayerSizes(5).nOut(2).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
        PredictiveCodingOutputLayer pc = (PredictiveCodingOutputLayer) conf.getConf(0).getLayer();
        assertThat(pc.getInputShape()).containsExactly(2, 6, 6);
        assertThat(pc.getNIn()).isEqualTo(72);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 6, 6);
        INDArray y = Nd4j.eye(2).repeat(0, 2).castTo(DataType.FLOAT);
        net.fit(x, y);
        assertThat(net.output(x).shape()).containsExactly(4, 2);

        MultiLayerConfiguration flat = new NeuralNetConfiguration.Builder().list()
                .layer(new PredictiveCodingOutputLayer.Builder()
                        .convolutionalLevels(new ConvolutionalLevel.Builder(2, 3, 3).build()).nOut(2).build())
                .setInputType(InputType.convolutionalFlat(5, 7, 1)).build();
        assertThat(((PredictiveCodingOutputLayer) flat.getConf(0).getLayer()).getInputShape()).containsExactly(1, 5, 7);
    }

    @Test
    void withoutAnInputShapeTheNetworkRefusesToInitialiseNamingTheLayerAndTheOption() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(784).nOut(10)
                        .convolutionalLevels(new ConvolutionalLevel.Builder(4, 3, 3).build()).build())
                .build();
        assertThatThrownBy(() -> new MultiLayerNetwork(conf).init())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer0").hasMessageContaining("option inputShape");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("inputShape", (UnaryOperator<PredictiveCodingOutputLayer.Builder>) b ->
                        b.inputShape(1, 28, 27)),
                Arguments.of("convolutionalLevels", (UnaryOperator<PredictiveCodingOutputLayer.Builder>) b ->
                        b.convolutionalLevels(new ConvolutionalLevel.Builder(4, 29, 3).build())),
                Arguments.of("convolutionalLevels", (UnaryOperator<PredictiveCodingOutputLayer.Builder>) b ->
                        b.convolutionalLevels(new ConvolutionalLevel.Builder(0, 3, 3).build())),
                Arguments.of("convolutionalLevels", (UnaryOperator<PredictiveCodingOutputLayer.Builder>) b ->
                        b.convolutionalLevels(new ConvolutionalLevel.Builder(4, 28, 28).pooling(Pooling.AVG, 2, 2)
                                .build())),
                Arguments.of("precisionForms", (UnaryOperator<PredictiveCodingOutputLayer.Builder>) b ->
                        b.hiddenPrecision(PrecisionForm.FULL)),
                Arguments.of("weightPreconditioner", (UnaryOperator<PredictiveCodingOutputLayer.Builder>) b ->
                        b.weightPreconditioner(WeightPreconditioner.KRONECKER)),
                Arguments.of("hiddenActivations", (UnaryOperator<PredictiveCodingOutputLayer.Builder>) b ->
                        b.hiddenActivations(Activation.TANH.getActivationFunction())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void anInvalidConvolutionalOptionFailsInBuildNamingTheLayerAndTheOption(String option,
            UnaryOperator<PredictiveCodingOutputLayer.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option " + option);
    }
}
