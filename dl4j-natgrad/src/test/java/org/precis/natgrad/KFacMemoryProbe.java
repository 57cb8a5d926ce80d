package org.precis.natgrad;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.natgrad.config.KFac;

/**
 * Prints the resident memory of the process every 20 steps while a 784-W-784 auto-encoder trains on random data with
 * K-FAC (factors every step, inverses every 10), or with Adam as the reference when a third argument is given.
 * A program, not a test; from the module directory (see {@link KFacThroughput} for building the class path):
 * <pre>
 * OMP_NUM_THREADS=1 java -Xmx4g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.precis.natgrad.KFacMemoryProbe 200 1000 [adam]
 * </pre>
 */
public final class KFacMemoryProbe {

    private KFacMemoryProbe() {
    }

    /** {@code 784 -> width (sigmoid) -> 784 (identity, MSE)} in float32. */
    static MultiLayerConfiguration autoencoder(IUpdater updater, int width) {
        return new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(width).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(784)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    /** @return {@code count} batches of 128 uniform random 784-pixel images, each its own target */
    static DataSet[] randomImages(int count, long seed) {
        Nd4j.getRandom().setSeed(seed);
        DataSet[] data = new DataSet[count];
        for (int i = 0; i < count; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
            data[i] = new DataSet(x, x);
        }
        return data;
    }

    /** @param args steps, hidden width W, and optionally any third word for Adam instead of K-FAC */
    public static void main(String[] args) {
        int iterations = Integer.parseInt(args[0]);
        int width = Integer.parseInt(args[1]);
        MultiLayerNetwork net = new MultiLayerNetwork(autoencoder(args.length > 2 ? new Adam(1e-3)
                : KFac.builder().curvatureUpdatePeriod(1).inverseUpdatePeriod(10).build(), width));
        net.init();
        if (args.length <= 2) {
            KFacTraining.attach(net);
        }
        DataSet[] data = randomImages(10, 1);
        for (int it = 1; it <= iterations; it++) {
            net.fit(data[it % data.length]);
            if (it % 20 == 0) {
                System.out.printf("it %d rss %d MB%n", it, Pointer.physicalBytes() >> 20);
            }
        }
    }
}
