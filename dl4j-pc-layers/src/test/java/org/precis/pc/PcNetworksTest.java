package org.precis.pc;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;

/** The factory builds exactly the two kinds of network its documentation promises. */
class PcNetworksTest {

    private static PredictiveCodingOutputLayer layer(MultiLayerConfiguration conf) {
        return (PredictiveCodingOutputLayer) conf.getConf(0).getLayer();
    }

    @Test
    void withoutPrecisionTheNetworkIsACategoricalTanhHierarchyWithTwentyRelaxationStepsAndNothingElse() {
        MultiLayerConfiguration conf = PcNetworks.supervisedMlp(784, new int[] {256, 256}, 10, PrecisionForm.NONE,
                new Adam(1e-3), 1);
        PredictiveCodingOutputLayer pc = layer(conf);
        assertThat(pc.getTopEnergy()).isEqualTo(TopEnergy.CATEGORICAL);
        assertThat(pc.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(pc.getHiddenActivations()).allMatch(a -> a instanceof ActivationTanH);
        assertThat(pc.getPrecisionForms()).containsOnly(PrecisionForm.NONE);
        assertThat(pc.getRelaxationSteps()).isEqualTo(20);
        assertThat(pc.getStateRate()).isEqualTo(PredictiveCodingOutputLayer.DEFAULT_STATE_RATE);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Weights and biases of 784-256-256-10, nothing else.
        assertThat(net.numParams()).isEqualTo(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10);
    }

    @Test
    void withPrecisionEveryLevelLearnsItIncludingTheGaussianOutput() {
        MultiLayerConfiguration conf = PcNetworks.supervisedMlp(784, new int[] {256, 256}, 10,
                PrecisionForm.DIAGONAL, new Adam(1e-3), 1);
        PredictiveCodingOutputLayer pc = layer(conf);
        assertThat(pc.getTopEnergy()).isEqualTo(TopEnergy.GAUSSIAN);
        assertThat(pc.getActivationFn()).isInstanceOf(ActivationIdentity.class);
        assertThat(pc.getPrecisionForms()).containsOnly(PrecisionForm.DIAGONAL);
        assertThat(pc.getVarianceFloor()).isEqualTo(PredictiveCodingOutputLayer.DEFAULT_VARIANCE_FLOOR);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThat(net.numParams()).isEqualTo(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10 + 256 + 256 + 10);
    }
}
