package org.precis.natgrad;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.config.KFac;

/**
 * Seconds per epoch-equivalent (60,000 examples = 469 batches of 128) of a 784-256-256-10 ReLU MLP on random data,
 * K-FAC against SGD with momentum and Adam. A program, not a test; run from the module directory with
 * {@code OMP_NUM_THREADS=1 mvn -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.precis.natgrad.KFacThroughput -Dexec.args=50} (argument: timed batches per arm).
 */
public final class KFacThroughput {

    private static final int BATCHES_PER_EPOCH = 469;

    private KFacThroughput() {
    }

    static MultiLayerConfiguration mlp(IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(1).updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /** @param args optional number of timed batches per arm (default 50) */
    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int n = 0; n < 128; n++) {
            y.putScalar(n, n % 10, 1.0);
        }
        DataSet batch = new DataSet(x, y);
        Object[][] arms = {
            {"sgd-momentum", new Nesterovs(0.05, 0.9)},
            {"adam", new Adam(1e-3)},
            {"kfac(1,10)", KFac.builder().curvatureUpdatePeriod(1).inverseUpdatePeriod(10).build()},
            {"kfac(10,100)", KFac.builder().curvatureUpdatePeriod(10).inverseUpdatePeriod(100).build()},
        };
        for (Object[] arm : arms) {
            MultiLayerNetwork net = new MultiLayerNetwork(mlp((IUpdater) arm[1]));
            net.init();
            if (arm[1] instanceof KFac) {
                KFacTraining.attach(net);
            }
            for (int i = 0; i < 5; i++) {
                net.fit(batch);
            }
            long start = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                net.fit(batch);
            }
            double perBatch = (System.nanoTime() - start) / 1e9 / batches;
            System.out.printf("%-14s %7.2f ms/batch  %7.1f s/epoch-equivalent%n", arm[0], perBatch * 1e3,
                    perBatch * BATCHES_PER_EPOCH);
        }
    }
}
