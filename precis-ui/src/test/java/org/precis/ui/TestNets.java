package org.precis.ui;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionForm;

/** Tiny networks and seeded data for the UI tests: 8 inputs, 3 classes, 4 batches of 16. */
final class TestNets {

    static final int IN = 8;
    static final int CLASSES = 3;
    static final int BATCH = 16;
    static final int BATCHES = 4;

    private TestNets() {
    }

    /** Seeded Gaussian blobs, one per class, as a fixed sequence of batches. */
    static DataSetIterator data(long seed) {
        Random rnd = new Random(seed);
        double[][] centres = new double[CLASSES][IN];
        for (double[] c : centres) {
            for (int j = 0; j < IN; j++) {
                c[j] = 2 * rnd.nextGaussian();
            }
        }
        int n = BATCH * BATCHES;
        double[][] x = new double[n][IN];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < IN; j++) {
                x[i][j] = centres[i % CLASSES][j] + rnd.nextGaussian();
            }
            y[i][i % CLASSES] = 1;
        }
        List<DataSet> examples = new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT))
                .asList();
        return new ListDataSetIterator<>(examples, BATCH);
    }

    /** A supervised PC network 8-6-3 with learned diagonal precision on every level. */
    static MultiLayerNetwork supervisedPc() {
        MultiLayerNetwork net = new MultiLayerNetwork(
                PcNetworks.supervisedMlp(IN, new int[] {6}, CLASSES, PrecisionForm.DIAGONAL, new Adam(1e-2), 7));
        net.init();
        return net;
    }

    /** A generative PC network with data level 8 and latent levels 5 and 3. */
    static MultiLayerNetwork generativePc() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .updater(new Adam(1e-2)).list()
                .layer(new GenerativePcLayer.Builder().nIn(IN).latentSizes(5, 3).build())
                .build());
        net.init();
        return net;
    }

    /** An 8-6-3 backpropagation MLP trained by K-FAC, K-FAC attached. */
    static MultiLayerNetwork kfac() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new KFac()).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        KFacTraining.attach(net);
        return net;
    }
}
