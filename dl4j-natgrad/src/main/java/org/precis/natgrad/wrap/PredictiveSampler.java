package org.precis.natgrad.wrap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Draws labels from an output layer's predictive distribution, for the sampled Fisher. Inputs are not modified. */
final class PredictiveSampler {

    private PredictiveSampler() {
    }

    /**
     * @param probabilities class probabilities, one example per row (rows sum to 1)
     * @return one-hot labels, one class drawn per row from its probabilities, in the same data type
     */
    static INDArray sampleCategorical(INDArray probabilities, Random random) {
        double[][] p = probabilities.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] labels = new double[p.length][p[0].length];
        for (int n = 0; n < p.length; n++) {
            double u = random.nextDouble();
            double cumulative = 0.0;
            int k = p[n].length - 1;
            for (int c = 0; c < p[n].length; c++) {
                cumulative += p[n][c];
                if (u < cumulative) {
                    k = c;
                    break;
                }
            }
            labels[n][k] = 1.0;
        }
        return Nd4j.create(labels).castTo(probabilities.dataType());
    }

    /**
     * Gaussian labels for the mean squared error {@code (1/K) sum_k (y_k - mean_k)^2}: the negative log-likelihood
     * of {@code N(mean, K/2 I)} up to a constant, so {@code y = mean + sqrt(K/2) eps}.
     *
     * @param mean network outputs, one example per row ({@code K} columns)
     * @return sampled targets, same shape and data type
     */
    static INDArray sampleGaussianForMse(INDArray mean, Random random) {
        double sd = Math.sqrt(mean.columns() / 2.0);
        INDArray noise = Nd4j.randn(0.0, sd, new long[] {mean.rows(), mean.columns()}, random).castTo(DataType.DOUBLE);
        return mean.castTo(DataType.DOUBLE).addi(noise).castTo(mean.dataType());
    }
}
