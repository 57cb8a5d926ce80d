package org.precis.samples.arms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.wrap.KFacConvolutionWrapper;
import org.precis.pc.conf.PredictiveCodingOutputLayer;

/** The convolutional architecture and its three arms: the same network for backprop, K-FAC and PC. */
class ConvolutionalArmsTest {

    /** The convolutional architecture on 12x12 images (small enough for a test), one hidden dense layer of 8. */
    private static final NetworkShape SHAPE = Architecture.CONV.shape(144, new int[] {8}, 3);

    @Test
    void theConvolutionalArchitectureIsTwoPooledConvolutionsBeforeTheDenseLayers() {
        NetworkShape mnist = Architecture.CONV.shape(784, new int[] {256}, 10);
        assertThat(mnist.toString()).isEqualTo("1x28x28-c32p2-c64p2-256-10");
        assertThat(mnist.flattenedImage()).containsExactly(64, 7, 7);
        assertThat(Architecture.MLP.shape(784, new int[] {256, 256}, 10).toString()).isEqualTo("784-256-256-10");
        assertThatThrownBy(() -> Architecture.CONV.shape(20, new int[] {8}, 3))
                .hasMessageContaining("square single-channel images");
    }

    @Test
    void theThreeConvolutionalArmsAreRegisteredAndRefuseAFullyConnectedShape() {
        assertThat(Arms.convolutionalNames()).containsExactly("bp-adam-conv", "kfac-conv", "pc-conv");
        assertThat(Arms.names()).doesNotContain("bp-adam-conv", "kfac-conv", "pc-conv");
        NetworkShape mlp = new NetworkShape(144, new int[] {8}, 3);
        for (String name : Arms.convolutionalNames()) {
            assertThatThrownBy(() -> Arms.byName(name).checkShape(mlp)).hasMessageContaining("--arch conv")
                    .hasMessageContaining(name);
        }
    }

    @Test
    void backpropAndPcBuildTheSameConvolutionsWithTheSameParameterCount() {
        MultiLayerNetwork bp = Arms.byName("bp-adam-conv").createNetwork(SHAPE, 1);
        MultiLayerNetwork pc = Arms.byName("pc-conv").createNetwork(SHAPE, 1);
        assertThat(bp.getLayerWiseConfigurations().getConf(0).getLayer()).isInstanceOf(ConvolutionLayer.class);
        assertThat(bp.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(SubsamplingLayer.class);
        assertThat(bp.getLayer(0).getParam("W").shape()).containsExactly(32, 1, 3, 3);
        PredictiveCodingOutputLayer layer = (PredictiveCodingOutputLayer) pc.getLayerWiseConfigurations().getConf(0)
                .getLayer();
        assertThat(layer.numConvolutionalLevels()).isEqualTo(2);
        // Only learning differs: pc-conv's levels are ReLU with He initialisation, as bp-adam-conv's layers.
        assertThat(layer.getHiddenActivations()).allSatisfy(a -> assertThat(a).isInstanceOf(ActivationReLU.class));
        assertThat(layer.getWeightInitFn()).isInstanceOf(WeightInitRelu.class);
        assertThat(((ConvolutionLayer) bp.getLayerWiseConfigurations().getConf(0).getLayer()).getActivationFn())
                .isInstanceOf(ActivationReLU.class);
        Map<String, Object> pcHyper = Arms.byName("pc-conv").hyperparameters();
        Map<String, Object> bpHyper = Arms.byName("bp-adam-conv").hyperparameters();
        assertThat(pcHyper).containsEntry("hiddenActivation", "RELU").containsEntry("weightInit", "RELU")
                .containsEntry("relaxationSteps", Arms.PC_CONV_STEPS)
                .containsEntry("stateRate", Arms.PC_CONV_STATE_RATE);
        assertThat(bpHyper).containsEntry("hiddenActivation", "RELU").containsEntry("weightInit", "RELU");
        assertThat(Arms.byName(PcArm.PC).hyperparameters()).containsEntry("hiddenActivation", "TANH")
                .containsEntry("weightInit", "XAVIER");
        assertThat(pc.getLayer(0).getParam("W1").shape()).containsExactly(32, 1, 3, 3);
        assertThat(pc.getLayer(0).getParam("W2").shape()).containsExactly(64, 32, 3, 3);
        // 12x12 -> 32x6x6 -> 64x3x3 = 576 -> 8 -> 3, and no precision parameters in pc-conv.
        long expected = 32 * 9 + 32 + 64 * 32 * 9 + 64 + 576 * 8 + 8 + 8 * 3 + 3;
        assertThat(bp.numParams()).isEqualTo(expected);
        assertThat(pc.numParams()).isEqualTo(expected);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 144);
        assertThat(bp.output(x).shape()).containsExactly(2, 3);
        assertThat(pc.output(x).shape()).containsExactly(2, 3);
    }

    @Test
    void kfacConvPreconditionsTheConvolutionsWithKfcFactorsEveryTenSteps() {
        MultiLayerNetwork net = Arms.byName("kfac-conv").createNetwork(SHAPE, 1);
        assertThat(net.getLayer(0)).isInstanceOf(KFacConvolutionWrapper.class);
        assertThat(net.getLayer(2)).isInstanceOf(KFacConvolutionWrapper.class);
        KFac updater = (KFac) net.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W");
        assertThat(updater.getCurvatureUpdatePeriod()).isEqualTo(Arms.CONV_KFAC_CURVATURE_PERIOD);
        assertThat(updater.getInverseUpdatePeriod()).isEqualTo(Arms.CONV_KFAC_INVERSE_PERIOD);
    }

    @Test
    void aSavedConfigurationOfEveryArmReadsBackAsTheShapeItWasBuiltFor(@TempDir Path dir) throws IOException {
        // why: compare --searched / --arm-config read a saved configuration's architecture to check it against the
        // experiment's; a convolutional one has pooling layers between its convolutions and must not be mistaken
        // for another architecture (or fail to read).
        NetworkShape mlp = Architecture.MLP.shape(144, new int[] {8, 6}, 3);
        for (String name : new String[] {"bp-adam-conv", "kfac-conv", "pc-conv", "bp-adam", "kfac", "pc"}) {
            NetworkShape shape = Arms.convolutionalNames().contains(name) ? SHAPE : mlp;
            MultiLayerNetwork net = Arms.byName(name).createNetwork(shape, 1);
            Path file = dir.resolve(name + ".json");
            ConfiguredArm.save(file, name + "-saved", name, null, Map.of(),
                    new ObjectMapper().readTree(net.getLayerWiseConfigurations().toJson()));
            assertThat(ConfiguredArm.load(file).shape()).as(name).isEqualTo(shape);
        }
    }
}
