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
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data sets shared by the integration tests; double precision so oracles compare tightly. */
final class TinyNets {

    private TinyNets() {
    }

    /** {@code nIn -> hidden (tanh) -> classes (softmax, cross-entropy)} in double precision. */
    static MultiLayerConfiguration tanhSoftmax(IUpdater updater, int nIn, int hidden, int classes) {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE).updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /** @return an initialised network for {@code configuration} */
    static MultiLayerNetwork network(MultiLayerConfiguration configuration) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration);
        net.init();
        return net;
    }

    /** Gaussian inputs, labels from a random linear teacher: learnable, and every class present in practice. */
    static DataSet teacherData(long seed, int examples, int nIn, int classes) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, examples, nIn);
        INDArray teacher = Nd4j.randn(DataType.DOUBLE, nIn, classes);
        INDArray winner = Nd4j.argMax(x.mmul(teacher), 1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, examples, classes);
        for (int n = 0; n < examples; n++) {
            y.putScalar(n, winner.getInt(n), 1.0);
        }
        return new DataSet(x, y);
    }

    /** Fits {@code data} {@code steps} times; @return the loss afterwards over the loss before */
    static double lossRatioAfter(MultiLayerNetwork net, DataSet data, int steps) {
        double before = net.score(data);
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        return net.score(data) / before;
    }

    /** @return the mean of g g^T over the vectors: an explicit Fisher from per-example gradients */
    static double[][] meanOuterProduct(java.util.List<double[]> vectors) {
        int d = vectors.get(0).length;
        double[][] mean = new double[d][d];
        for (double[] g : vectors) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    mean[p][q] += g[p] * g[q] / vectors.size();
                }
            }
        }
        return mean;
    }

    /** @return {@code [dW; db]} of layer {@code index} as row-major doubles, from a computed network gradient */
    static double[] gradientVector(MultiLayerNetwork net, int index) {
        INDArray w = net.gradient().gradientForVariable().get(index + "_W");
        INDArray b = net.gradient().gradientForVariable().get(index + "_b");
        return Nd4j.toFlattened('c', Nd4j.vstack(w, b.reshape(1, w.columns()))).toDoubleVector();
    }
}
