package org.precis.pc.testutil;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded Gaussian blobs: an easy classification problem whose classes a small MLP separates. */
public final class Blobs {

    private Blobs() {
    }

    /**
     * @param n examples
     * @param dim feature width
     * @param classes number of classes (one-hot labels)
     * @param seed random seed
     * @param dataType features and labels data type
     */
    public static DataSet make(int n, int dim, int classes, long seed, DataType dataType) {
        Random rnd = new Random(seed);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = 2.0 * rnd.nextGaussian();
            }
        }
        INDArray x = Nd4j.create(dataType, n, dim);
        INDArray y = Nd4j.zeros(dataType, n, classes);
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            for (int j = 0; j < dim; j++) {
                x.putScalar(i, j, centres[k][j] + rnd.nextGaussian());
            }
            y.putScalar(i, k, 1.0);
        }
        return new DataSet(x, y);
    }
}
