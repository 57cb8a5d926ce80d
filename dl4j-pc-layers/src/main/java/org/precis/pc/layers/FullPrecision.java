package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;
import org.precis.natgrad.blas.Gemm;

/**
 * Pi = C C^T ({@code PrecisionForm.FULL}) with C lower triangular and C_ii = exp(t_i): a full covariance through
 * its Cholesky factor. The parameter matrix holds C's strict lower triangle and t on its diagonal; its strict
 * upper triangle is unused.
 */
final class FullPrecision extends FullWeighting {

    /** The Cholesky factor C. */
    private final INDArray chol;
    /** 1 below the diagonal, 0 elsewhere. */
    private final INDArray strictLower;
    /** n x n work matrices for the gradient. */
    private final INDArray outer;
    private final INDArray outerTimesChol;

    FullPrecision(long size, DataType dataType) {
        super(size, dataType);
        chol = Nd4j.create(dataType, size, size);
        strictLower = Nd4j.create(dataType, size, size);
        for (long i = 0; i < size; i++) {
            for (long j = 0; j < i; j++) {
                strictLower.putScalar(i, j, 1.0);
            }
        }
        outer = Nd4j.create(dataType, size, size);
        outerTimesChol = Nd4j.create(dataType, size, size);
    }

    @Override
    public void refresh(INDArray s) {
        chol.assign(s).muli(strictLower);
        double sum = 0;
        for (long i = 0; i < size; i++) {
            double t = s.getDouble(i, i);
            chol.putScalar(i, i, Math.exp(t));
            sum += t;
        }
        logDet = 2 * sum;
        Gemm.multiply(chol, false, chol, true, pi, 1.0, 0.0);
        double[] eigenvalues = eigenvalues(pi);
        maxEigenvalue = eigenvalues[eigenvalues.length - 1];
    }

    /**
     * dF/dC = (sum_n e_n e_n^T) C on the strict lower triangle; through C_ii = exp(t_i) on the diagonal, where
     * -1/2 log det Pi = -sum_i t_i adds -1 per batch row.
     */
    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray s, INDArray grad) {
        Gemm.multiply(e, true, e, false, outer, 1.0, 0.0);
        Gemm.multiply(outer, false, chol, false, outerTimesChol, 1.0, 0.0);
        grad.assign(outerTimesChol).muli(strictLower);
        double batch = e.size(0);
        for (long i = 0; i < size; i++) {
            grad.putScalar(i, i, outerTimesChol.getDouble(i, i) * chol.getDouble(i, i) - batch);
        }
    }

    /**
     * C_ii^2 in [1/ceiling, 1/floor]: exact for a diagonal C, a bound on the conditional precisions otherwise.
     */
    @Override
    public void project(INDArray s, double floor, double ceiling) {
        double lo = -0.5 * Math.log(ceiling);
        double hi = -0.5 * Math.log(floor);
        for (long i = 0; i < s.size(0); i++) {
            double t = s.getDouble(i, i);
            s.putScalar(i, i, Math.min(hi, Math.max(lo, t)));
        }
    }

    @Override
    public double[] variances(INDArray s) {
        refresh(s);
        INDArray sigma = InvertMatrix.invert(pi.castTo(DataType.DOUBLE), false);
        double[] v = new double[(int) size];
        for (int i = 0; i < v.length; i++) {
            v[i] = sigma.getDouble(i, i);
        }
        return v;
    }
}
