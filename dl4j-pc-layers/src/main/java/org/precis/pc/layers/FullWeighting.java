package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.Gemm;

/** A full symmetric positive-definite precision matrix Pi, from either estimator. */
abstract sealed class FullWeighting implements Precision permits FullPrecision, FullMomentPrecision {

    final long size;
    /** Pi, [n, n] in the network data type. */
    final INDArray pi;
    double logDet;
    double maxEigenvalue;

    FullWeighting(long size, DataType dataType) {
        this.size = size;
        pi = Nd4j.create(dataType, size, size);
    }

    @Override
    public final boolean learnable() {
        return true;
    }

    @Override
    public final INDArray weigh(INDArray e, INDArray out) {
        // Pi is symmetric, so the rows of e Pi are Pi e_n.
        Gemm.multiply(e, false, pi, false, out, 1.0, 0.0);
        return out;
    }

    @Override
    public final double logDet() {
        return logDet;
    }

    @Override
    public final double maxEigenvalue() {
        return maxEigenvalue;
    }

    /**
     * Eigenvalues of a symmetric matrix, ascending. Allocates (once per batch, outside the relaxation loop).
     *
     * @param symmetric the matrix (not modified)
     * @return its eigenvalues in double precision
     */
    static double[] eigenvalues(INDArray symmetric) {
        return Eigen.symmetricGeneralizedEigenvalues(symmetric.castTo(DataType.DOUBLE).dup(), false)
                .toDoubleVector();
    }
}
