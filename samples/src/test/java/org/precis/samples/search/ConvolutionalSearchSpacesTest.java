package org.precis.samples.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.samples.arms.Architecture;
import org.precis.samples.arms.NetworkShape;

/** The search spaces of the convolutional arms: the experiment's convolutional network, its optimiser searched. */
class ConvolutionalSearchSpacesTest {

    private static final NetworkShape SHAPE = Architecture.CONV.shape(144, new int[] {8}, 3);

    @ParameterizedTest
    @ValueSource(strings = {"bp-adam-conv", "kfac-conv", "pc-conv"})
    void everyCandidateIsTheConvolutionalNetworkAndTheSpaceReadsBackFromJson(String arm) {
        MultiLayerSpace space = SearchSpaces.forArm(arm, SHAPE, 1, 1);
        // Compared as JSON: Arbiter's convolution spaces hold int[] in FixedValue, whose equals is identity.
        assertThat(MultiLayerSpace.fromJson(space.toJson()).toJson()).isEqualTo(space.toJson());
        RandomSearchGenerator generator = new RandomSearchGenerator(space, null);
        generator.setRngSeed(3);
        for (int i = 0; i < 3; i++) {
            Candidate c = generator.getCandidate();
            assertThat(c.getException()).isNull();
            MultiLayerConfiguration conf = ((DL4JConfiguration) c.getValue()).getMultiLayerConfiguration();
            if (arm.equals("pc-conv")) {
                PredictiveCodingOutputLayer pc = (PredictiveCodingOutputLayer) conf.getConf(0).getLayer();
                assertThat(pc.numConvolutionalLevels()).isEqualTo(2);
                assertThat(pc.getInputShape()).containsExactly(1, 12, 12);
                // The same ReLU levels and initialisation as the pc-conv arm, whose feed-forward net is backprop's.
                assertThat(pc.getHiddenActivations()[0]).isInstanceOf(ActivationReLU.class);
                assertThat(pc.getWeightInitFn()).isInstanceOf(WeightInitRelu.class);
            } else {
                assertThat(conf.getConf(0).getLayer()).isInstanceOf(ConvolutionLayer.class);
            }
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            assertThat(net.output(Nd4j.rand(DataType.FLOAT, 2, 144)).shape()).containsExactly(2, 3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bp-adam-conv", "kfac-conv", "pc-conv"})
    void aConvolutionalArmRefusesAFullyConnectedShape(String arm) {
        assertThatThrownBy(() -> SearchSpaces.forArm(arm, new NetworkShape(144, new int[] {8}, 3), 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--arch conv");
    }
}
