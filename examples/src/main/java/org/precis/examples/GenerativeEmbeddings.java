package org.precis.examples;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.eval.LinearProbe;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.layers.GenerativePcLayerImpl;

/**
 * Unsupervised embeddings from a generative predictive-coding network: a {@link GenerativePcLayer} learns to predict
 * the images top-down from two latent levels (no encoder, no labels), then each image's relaxed latents are its
 * embedding at each level, and a linear probe measures how much class information each level holds.
 */
public final class GenerativeEmbeddings {

    private GenerativeEmbeddings() {
    }

    /** @param args none */
    public static void main(String[] args) {
        TrainTestData data = FashionMnist.load().limitTrain(20_000);   // sudo apt-get install dataset-fashion-mnist
        double[] accuracy = run(data, 5);
        for (int level = 1; level <= accuracy.length; level++) {
            System.out.printf("level %d: linear-probe test accuracy %.3f%n", level, accuracy[level - 1]);
        }
    }

    /**
     * @param data   images; the labels are used by the probe only, never by the network
     * @param epochs pretraining passes over the training images
     * @return linear-probe test accuracy of the embedding of level 1 and level 2
     */
    public static double[] run(TrainTestData data, int epochs) {
        // tag::pretrain[]
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Adam(1e-3))
                .list()
                .layer(new GenerativePcLayer.Builder().nIn(784)
                        .latentSizes(128, 32)                 // levels 1..L, bottom first
                        .activation(Activation.SIGMOID)       // the prediction of the pixels (level 0)
                        .build())
                .build());
        net.init();
        net.pretrain(new ShuffledDataSetIterator(data.train(), 128, true, 42), epochs);   // labels unused
        // end::pretrain[]

        // tag::embed[]
        GenerativePcLayerImpl pc = (GenerativePcLayerImpl) net.getLayer(0);
        double[] accuracy = new double[2];
        for (int level = 1; level <= 2; level++) {
            INDArray train = pc.embedding(data.train().getFeatures(), level);   // relaxed latents of the level
            INDArray test = pc.embedding(data.test().getFeatures(), level);
            accuracy[level - 1] = new LinearProbe(LinearProbe.DEFAULT_EPOCHS, 42)
                    .accuracy(train, data.train().getLabels(), test, data.test().getLabels());
        }
        // end::embed[]
        return accuracy;
    }
}
