package org.precis.samples.arms;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;

/** The two predictive-coding arms build exactly the networks the comparison describes. */
class PcArmTest {

    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {256, 256}, 10);

    private static PredictiveCodingOutputLayer layer(MultiLayerNetwork net) {
        return (PredictiveCodingOutputLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
    }

    @Test
    void thePcArmIsACategoricalHierarchyWithoutPrecisionAndTwentyRelaxationSteps() {
        MultiLayerNetwork net = Arms.byName(PcArm.PC).createNetwork(SHAPE, 1);
        PredictiveCodingOutputLayer pc = layer(net);
        assertThat(pc.getTopEnergy()).isEqualTo(TopEnergy.CATEGORICAL);
        assertThat(pc.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(pc.getPrecisionForms()).containsOnly(PrecisionForm.NONE);
        assertThat(pc.getRelaxationSteps()).isEqualTo(20);
        assertThat(pc.getStateRate()).isEqualTo(PredictiveCodingOutputLayer.DEFAULT_STATE_RATE);
        // Weights and biases of 784-256-256-10, nothing else.
        assertThat(net.numParams()).isEqualTo(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10);
    }

    @Test
    void thePrecisionArmLearnsDiagonalPrecisionOnEveryLevelIncludingTheOutput() {
        MultiLayerNetwork net = Arms.byName(PcArm.PC_PRECISION).createNetwork(SHAPE, 1);
        PredictiveCodingOutputLayer pc = layer(net);
        assertThat(pc.getTopEnergy()).isEqualTo(TopEnergy.GAUSSIAN);
        assertThat(pc.getActivationFn()).isInstanceOf(ActivationIdentity.class);
        assertThat(pc.getPrecisionForms()).containsOnly(PrecisionForm.DIAGONAL);
        assertThat(pc.getVarianceFloor()).isEqualTo(PredictiveCodingOutputLayer.DEFAULT_VARIANCE_FLOOR);
        assertThat(net.numParams()).isEqualTo(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10 + 256 + 256 + 10);
    }
}
