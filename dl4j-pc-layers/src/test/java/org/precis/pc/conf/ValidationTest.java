package org.precis.pc.conf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
import org.precis.pc.layers.RelaxationDivergedException;

/** Invalid options fail in build() naming the layer and option; bad input fails at run time naming the layer. */
class ValidationTest {

    private static PredictiveCodingOutputLayer.Builder valid() {
        return new PredictiveCodingOutputLayer.Builder().name("pcLayer").nIn(4).hiddenLayerSizes(3).nOut(2);
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.<Arguments>of(
                bad("hiddenLayerSizes", b -> b.hiddenLayerSizes(3, 0)),
                bad("hiddenLayerSizes", b -> b.hiddenLayerSizes((int[]) null)),
                bad("hiddenActivations", b -> b.hiddenActivations(Activation.TANH.getActivationFunction(),
                        Activation.TANH.getActivationFunction())),
                bad("topEnergy", b -> b.topEnergy(null)),
                bad("inferenceMode", b -> b.inferenceMode(null)),
                bad("precisionForms", b -> b.hiddenPrecision(null)),
                bad("precisionForms", b -> b.levelPrecisions(PrecisionForm.NONE)),
                bad("outputPrecision", b -> b.outputPrecision(PrecisionForm.DIAGONAL)),
                bad("activation", b -> b.activation(Activation.IDENTITY)));
    }

    private static Arguments bad(String option, UnaryOperator<PredictiveCodingOutputLayer.Builder> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void anInvalidOptionFailsInBuildNamingTheLayerAndTheOption(String option,
            UnaryOperator<PredictiveCodingOutputLayer.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PredictiveCodingOutputLayer")
                .hasMessageContaining("\"pcLayer\"")
                .hasMessageContaining("option " + option);
    }

    @Test
    void levelPrecisionsSetEachLevelIndividually() {
        PredictiveCodingOutputLayer layer = valid().hiddenLayerSizes(3, 3).topEnergy(TopEnergy.GAUSSIAN)
                .activation(Activation.IDENTITY)
                .levelPrecisions(PrecisionForm.FULL, PrecisionForm.SCALAR, PrecisionForm.DIAGONAL).build();
        org.assertj.core.api.Assertions.assertThat(layer.getPrecisionForms())
                .containsExactly(PrecisionForm.FULL, PrecisionForm.SCALAR, PrecisionForm.DIAGONAL);
    }

    @Test
    void missingSizesFailWhenTheNetworkIsBuiltNamingTheLayerIndex() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).build())
                .layer(new PredictiveCodingOutputLayer.Builder().name("pcLayer").nIn(4).build())
                .build();
        assertThatThrownBy(() -> new MultiLayerNetwork(conf).init())
                .hasMessageContaining("pcLayer").hasMessageContaining("1");
    }

    private static MultiLayerNetwork net(PredictiveCodingOutputLayer.Builder b) {
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
                .hasMessageContaining("pcLayer").hasMessageContaining("layer index: 0").hasMessageContaining("4");
    }

    @Test
    void nonFiniteFeaturesAreRejectedNamingTheLayer() {
        MultiLayerNetwork net = net(valid());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        x.putScalar(1, 2, Double.NaN);
        assertThatThrownBy(() -> net.output(x))
                .isInstanceOf(DL4JInvalidInputException.class)
                .hasMessageContaining("Features").hasMessageContaining("pcLayer");
        x.putScalar(1, 2, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> net.fit(x, Nd4j.zeros(DataType.FLOAT, 3, 2)))
                .isInstanceOf(DL4JInvalidInputException.class).hasMessageContaining("pcLayer");
    }

    @Test
    void nonFiniteLabelsAreRejectedNamingTheLayer() {
        MultiLayerNetwork net = net(valid());
        INDArray y = Nd4j.zeros(DataType.FLOAT, 3, 2);
        y.putScalar(0, 0, Double.NaN);
        assertThatThrownBy(() -> net.fit(Nd4j.rand(DataType.FLOAT, 3, 4), y))
                .isInstanceOf(DL4JInvalidInputException.class)
                .hasMessageContaining("Labels").hasMessageContaining("pcLayer");
    }

    @Test
    void labelsOfTheWrongWidthAreRejectedNamingTheLayer() {
        MultiLayerNetwork net = net(valid());
        assertThatThrownBy(() -> net.fit(Nd4j.rand(DataType.FLOAT, 3, 4), Nd4j.zeros(DataType.FLOAT, 3, 5)))
                .isInstanceOf(DL4JInvalidInputException.class)
                .hasMessageContaining("label width").hasMessageContaining("pcLayer");
    }

    @Test
    void aDivergingRelaxationIsReportedWithItsLevelAndStep() {
        // eta * Pi = 3 per step: the hidden errors grow by a factor 2 every step until they overflow.
        MultiLayerNetwork net = net(valid().topEnergy(TopEnergy.GAUSSIAN).activation(Activation.IDENTITY)
                .hiddenActivation(Activation.IDENTITY).stateRate(3).stepBound(0).relaxationSteps(2000));
        assertThatThrownBy(() -> net.fit(Nd4j.rand(DataType.FLOAT, 3, 4), Nd4j.ones(DataType.FLOAT, 3, 2).muli(5)))
                .isInstanceOf(RelaxationDivergedException.class)
                .hasMessageContaining("pcLayer").hasMessageContaining("level").hasMessageContaining("step");
    }
}
