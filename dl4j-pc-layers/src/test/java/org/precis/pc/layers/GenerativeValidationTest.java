package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionForm;

/** Invalid options fail in build() naming the layer and option; bad input fails at run time naming the layer. */
class GenerativeValidationTest {

    private static GenerativePcLayer.Builder valid() {
        return new GenerativePcLayer.Builder().name("genLayer").nIn(4).latentSizes(3, 2);
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.<Arguments>of(
                bad("latentSizes", b -> b.latentSizes()),
                bad("latentSizes", b -> b.latentSizes((int[]) null)),
                bad("latentSizes", b -> b.latentSizes(3, 0)),
                bad("hiddenActivations", b -> b.hiddenActivations(Activation.TANH.getActivationFunction(),
                        Activation.TANH.getActivationFunction())),
                bad("precisionForms", b -> b.precision(null)),
                bad("precisionForms", b -> b.levelPrecisions(PrecisionForm.NONE, PrecisionForm.NONE)),
                bad("embeddingLevels", b -> b.embeddingLevels()),
                bad("embeddingLevels", b -> b.embeddingLevels(0)),
                bad("embeddingLevels", b -> b.embeddingLevels(3)));
    }

    private static Arguments bad(String option, UnaryOperator<GenerativePcLayer.Builder> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void anInvalidOptionFailsInBuildNamingTheLayerAndTheOption(String option,
            UnaryOperator<GenerativePcLayer.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GenerativePcLayer")
                .hasMessageContaining("\"genLayer\"")
                .hasMessageContaining("option " + option);
    }

    @Test
    void aConfigurationEditedAfterBuildIsCheckedWhenTheNetworkIsBuiltNamingTheLayerIndex() {
        GenerativePcLayer layer = valid().build();
        layer.setNOut(5);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(layer).build();
        assertThatThrownBy(() -> new MultiLayerNetwork(conf).init())
                .hasMessageContaining("genLayer").hasMessageContaining("index 0").hasMessageContaining("option nOut");
    }

    private static MultiLayerNetwork net(GenerativePcLayer.Builder b) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Sgd(0.1)).list().layer(b.build()).build());
        net.init();
        return net;
    }

    @Test
    void featuresOfTheWrongWidthAreRejectedNamingTheLayer() {
        MultiLayerNetwork net = net(valid());
        assertThatThrownBy(() -> net.output(Nd4j.rand(DataType.FLOAT, 3, 5)))
                .isInstanceOf(DL4JInvalidInputException.class)
                .hasMessageContaining("genLayer").hasMessageContaining("4");
    }

    @Test
    void nonFiniteFeaturesAreRejectedNamingTheLayer() {
        MultiLayerNetwork net = net(valid());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        x.putScalar(1, 2, Double.NaN);
        assertThatThrownBy(() -> net.pretrainLayer(0, x))
                .isInstanceOf(DL4JInvalidInputException.class)
                .hasMessageContaining("Features").hasMessageContaining("genLayer");
    }

    @Test
    void warmStartsAndLevelsOfTheWrongShapeAreRejectedNamingTheLayer() {
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) net(valid()).getLayer(0);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertThatThrownBy(() -> layer.inferLatents(x, new INDArray[] {Nd4j.zeros(DataType.FLOAT, 3, 3)}))
                .hasMessageContaining("Warm start").hasMessageContaining("genLayer");
        assertThatThrownBy(() -> layer.inferLatents(x, new INDArray[] {Nd4j.zeros(DataType.FLOAT, 3, 3),
                Nd4j.zeros(DataType.FLOAT, 3, 3)})).hasMessageContaining("level 2");
        assertThatThrownBy(() -> layer.embedding(x, 3)).hasMessageContaining("Level").hasMessageContaining("3");
        assertThatThrownBy(() -> layer.generate(Nd4j.zeros(DataType.FLOAT, 1, 3)))
                .hasMessageContaining("Top-level latents");
    }

    @Test
    void aDivergingRelaxationIsReportedWithItsLevelAndStep() {
        // eta * Pi = 5 on the top level: its error is multiplied by -4 every step until the float energy overflows.
        MultiLayerNetwork net = net(valid().hiddenActivation(Activation.IDENTITY).stateRate(5).stepBound(0)
                .relaxationSteps(2000));
        assertThatThrownBy(() -> net.pretrainLayer(0, Nd4j.rand(DataType.FLOAT, 3, 4)))
                .isInstanceOf(RelaxationDivergedException.class)
                .hasMessageContaining("genLayer").hasMessageContaining("level").hasMessageContaining("step");
    }
}
