package org.precis.examples;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.stats.PcStatisticsListener;

/**
 * A predictive-coding classifier from scratch: one {@link PredictiveCodingOutputLayer} holds the whole
 * 784-256-256-10 hierarchy; each batch relaxes the hidden levels for 20 steps with the labels clamped on top, then
 * every weight takes a local step with the network's updater. Fashion-MNIST, 3 epochs.
 */
public final class PcClassifier {

    private PcClassifier() {
    }

    /** @param args none */
    public static void main(String[] args) {
        TrainTestData data = FashionMnist.load();   // sudo apt-get install dataset-fashion-mnist
        System.out.println(run(data, 3).stats());
    }

    /**
     * @param data   images with one-hot labels
     * @param epochs passes over the training images
     * @return the trained network's evaluation on the test images
     */
    public static Evaluation run(TrainTestData data, int epochs) {
        // tag::configuration[]
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(1e-3))                 // any DL4J updater applies the local gradients
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new PredictiveCodingOutputLayer.Builder()
                        .nIn(784).hiddenLayerSizes(256, 256).nOut(10)   // the whole hierarchy, in one layer
                        .hiddenActivation(Activation.TANH)
                        .activation(Activation.SOFTMAX)  // categorical top energy: softmax + cross-entropy
                        .relaxationSteps(20)             // T, the default
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setListeners(new ScoreIterationListener(100), new PcStatisticsListener(100));
        // end::configuration[]

        // tag::training[]
        net.fit(new ShuffledDataSetIterator(data.train(), 128, true, 42), epochs);
        return net.evaluate(new ShuffledDataSetIterator(data.test(), 1000, false, 0));
        // end::training[]
    }
}
