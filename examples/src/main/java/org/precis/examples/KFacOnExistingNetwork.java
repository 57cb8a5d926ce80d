package org.precis.examples;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;

/**
 * K-FAC natural-gradient training of an existing DL4J network: the updater becomes {@link KFac} and K-FAC is
 * attached once after {@code init()}; the rest of the program (data, {@code fit}, evaluation, listeners, saving) is
 * unchanged.
 */
public final class KFacOnExistingNetwork {

    private KFacOnExistingNetwork() {
    }

    /** @param args none */
    public static void main(String[] args) {
        TrainTestData data = FashionMnist.load();   // sudo apt-get install dataset-fashion-mnist
        System.out.println(run(data, 2).stats());
    }

    /** An existing program's 784-256-256-10 ReLU MLP, with the updater it is given. */
    static MultiLayerConfiguration mlp(IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(42).updater(updater).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /** @return the existing network, switched to K-FAC */
    static MultiLayerNetwork kfacNetwork() {
        // tag::kfac[]
        MultiLayerNetwork net = new MultiLayerNetwork(mlp(new KFac()));   // was: mlp(new Adam(1e-3))
        net.init();
        KFacTraining.attach(net);                                          // once, after init(), before fit()
        // end::kfac[]
        return net;
    }

    /**
     * @param data   images with one-hot labels
     * @param epochs passes over the training images
     * @return the trained network's evaluation on the test images
     */
    public static Evaluation run(TrainTestData data, int epochs) {
        MultiLayerNetwork net = kfacNetwork();
        net.addListeners(new ScoreIterationListener(100));   // add, not set: setListeners would drop K-FAC
        net.fit(new ShuffledDataSetIterator(data.train(), 128, true, 42), epochs);
        return net.evaluate(new ShuffledDataSetIterator(data.test(), 1000, false, 0));
    }
}
