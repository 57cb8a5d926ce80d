package org.precis.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/** Principal component projection for 2-D pictures of an embedding. */
public final class Pca {

    private Pca() {
    }

    /**
     * Projects the centred rows of {@code x} onto the eigenvectors of their covariance with the largest
     * eigenvalues (signs are arbitrary, as for any eigenvector).
     *
     * @param x          points, [n, d], n &gt;= 2 (not modified)
     * @param components how many components, in [1, d]
     * @return [n, components], column 0 along the direction of largest variance
     */
    public static INDArray project(INDArray x, int components) {
        if (components < 1 || components > x.columns() || x.rows() < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows and 1.." + x.columns()
                    + " components, got " + x.rows() + " rows and " + components + " components");
        }
        INDArray centred = x.castTo(DataType.DOUBLE).dup();
        centred.subiRowVector(centred.mean(0));
        INDArray covariance = centred.transpose().mmul(centred).divi(x.rows() - 1);
        // syev overwrites the matrix with its eigenvectors (columns), eigenvalues in ascending order.
        Eigen.symmetricGeneralizedEigenvalues(covariance, true);
        long d = covariance.columns();
        INDArray directions = Nd4j.create(DataType.DOUBLE, d, components);
        for (int j = 0; j < components; j++) {
            directions.putColumn(j, covariance.getColumn(d - 1 - j));
        }
        return centred.mmul(directions);
    }
}
