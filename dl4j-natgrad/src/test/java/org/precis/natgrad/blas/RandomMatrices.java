package org.precis.natgrad.blas;

import java.util.Random;

/** Gaussian test matrices as plain double arrays, from which tests compute their expected values element by element. */
public final class RandomMatrices {

    private RandomMatrices() {
    }

    /** @return a {@code rows x cols} matrix of independent standard normal values drawn from {@code random} */
    public static double[][] gaussian(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }
}
