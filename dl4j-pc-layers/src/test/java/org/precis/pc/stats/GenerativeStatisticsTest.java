package org.precis.pc.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.layers.GenerativePcLayerImpl;
import org.precis.pc.params.PcParamInitializer;

/** The statistics of the generative layer report what the layer holds, during pretraining. */
class GenerativeStatisticsTest {

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2)
                .dataType(DataType.DOUBLE).updater(new Adam(0.01)).list()
                .layer(new GenerativePcLayer.Builder().name("gen").nIn(6).latentSizes(4, 2)
                        .activation(Activation.SIGMOID).levelPrecisions(PrecisionForm.DIAGONAL, PrecisionForm.NONE,
                                PrecisionForm.SCALAR).precisionEstimator(PrecisionEstimator.GRADIENT).varianceFloor(0.1)
                        .relaxationSteps(8).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void aListenerSetOnTheNetworkReceivesSnapshotsOfEveryPretrainingIteration() {
        MultiLayerNetwork net = network();
        List<PcStatistics> seen = new ArrayList<>();
        net.setListeners(new PcStatisticsListener(1, seen::add));
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 32, 6);
        net.pretrain(new ViewIterator(new DataSet(x, x), 8), 2);

        assertThat(seen).hasSize(8);
        PcStatistics last = seen.get(seen.size() - 1);
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) net.getLayer(0);
        assertThat(last.layerName()).isEqualTo("gen");
        assertThat(last.firstLevel()).isZero();
        assertThat(last.topLevel()).isEqualTo(2);
        assertThat(last.stepsTaken()).isEqualTo(8);
        assertThat(last.totalEnergyTrace()[8]).isCloseTo(layer.score(), within(1e-12));
    }

    @Test
    void variancesAreTheExponentialsOfTheLogVarianceParameters() {
        MultiLayerNetwork net = network();
        GenerativePcLayerImpl layer = (GenerativePcLayerImpl) net.getLayer(0);
        layer.getParam(PcParamInitializer.precisionKey(0)).assign(Nd4j.createFromArray(0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
                .reshape(1, 6));
        layer.getParam(PcParamInitializer.precisionKey(2)).assign(-0.7);
        PcStatistics s = PcStatistics.of(layer, 3);
        assertThat(s.variances(0)[3]).isCloseTo(Math.exp(0.4), within(1e-12));
        assertThat(s.variances(1)).containsExactly(1, 1, 1, 1);
        assertThat(s.meanVariance(2)).isCloseTo(Math.exp(-0.7), within(1e-12));
        assertThat(s.stepsTaken()).isZero();
        assertThat(s.iteration()).isEqualTo(3);
    }
}
