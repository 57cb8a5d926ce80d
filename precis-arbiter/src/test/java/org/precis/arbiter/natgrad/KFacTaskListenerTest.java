package org.precis.arbiter.natgrad;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;

class KFacTaskListenerTest {

    private static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void attachesKFacToACandidateThatUsesTheKFacUpdater() {
        MultiLayerNetwork net = new KFacTaskListener().preProcess(network(new KFac()), null);
        assertThat(net.getListeners()).anyMatch(KFacListener.class::isInstance);
    }

    @Test
    void leavesACandidateWithAnotherUpdaterUnchanged() {
        // why: one search may compare K-FAC with other updaters; attach would refuse those networks.
        MultiLayerNetwork net = new KFacTaskListener().preProcess(network(new Adam()), null);
        assertThat(net.getListeners()).noneMatch(KFacListener.class::isInstance);
    }
}
