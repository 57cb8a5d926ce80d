package org.precis.natgrad;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

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
 * Seconds per epoch-equivalent (60,000 examples = 469 batches of 128) of a 784-256-256-10 ReLU MLP on random data
 * (uniform pixels, random labels),
 * K-FAC against SGD with momentum and Adam. A program, not a test; from the module directory:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * OMP_NUM_THREADS=1 java -Xmx4g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.precis.natgrad.KFacThroughput 500
 * </pre>
 * The argument is the number of timed batches per arm, in rounds of 100; the median round is reported, as wall
 * time and as the calling thread's CPU time.
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

    /** @param args optional number of timed batches per arm (default 300) */
    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        // Many batches with random labels: one repeated batch is memorised within a few K-FAC steps, and the
        // vanishing gradients that follow turn into denormal floats that slow every matrix product ~10x.
        Nd4j.getRandom().setSeed(1);
        java.util.Random labels = new java.util.Random(1);
        DataSet[] data = new DataSet[50];
        for (int b = 0; b < data.length; b++) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
            for (int n = 0; n < 128; n++) {
                y.putScalar(n, labels.nextInt(10), 1.0);
            }
            data[b] = new DataSet(Nd4j.rand(DataType.FLOAT, 128, 784), y);
        }
        Object[][] arms = {
            {"sgd-momentum", new Nesterovs(0.05, 0.9)},
            {"adam", new Adam(1e-3)},
            {"kfac(1,10)", KFac.builder().curvatureUpdatePeriod(1).inverseUpdatePeriod(10).build()},
            {"kfac(10,100)", KFac.builder().curvatureUpdatePeriod(10).inverseUpdatePeriod(100).build()},
        };
        MultiLayerNetwork[] nets = new MultiLayerNetwork[arms.length];
        for (int a = 0; a < arms.length; a++) {
            nets[a] = new MultiLayerNetwork(mlp((IUpdater) arms[a][1]));
            nets[a].init();
            if (arms[a][1] instanceof KFac) {
                KFacTraining.attach(nets[a]);
            }
            for (int i = 0; i < 5; i++) {
                nets[a].fit(data[i]);
            }
        }
        // Arms take turns in rounds of whole inverse periods, so load from other processes hits them alike.
        int rounds = Math.max(1, batches / 100);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] wall = new double[arms.length][rounds];
        double[][] cpu = new double[arms.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int a = 0; a < arms.length; a++) {
                long startWall = System.nanoTime();
                long startCpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 100; i++) {
                    nets[a].fit(data[i % data.length]);
                }
                wall[a][r] = (System.nanoTime() - startWall) / 1e9 / 100;
                cpu[a][r] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e9 / 100;
            }
        }
        for (int a = 0; a < arms.length; a++) {
            double w = median(wall[a]);
            System.out.printf("%-14s wall %7.2f ms/batch %6.1f s/epoch-equivalent | cpu %7.2f ms/batch %6.1f s/epoch%n",
                    arms[a][0], w * 1e3, w * BATCHES_PER_EPOCH, median(cpu[a]) * 1e3,
                    median(cpu[a]) * BATCHES_PER_EPOCH);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
