package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.Gemm;

/**
 * Pi = (S + lambda I)^-1 ({@code PrecisionForm.FULL}, running moments): S is the running mean of e e^T. The inverse
 * comes from the eigendecomposition of S + lambda I (in double precision, once per batch), which also gives
 * log det Pi and the largest eigenvalue of Pi, 1 / (smallest eigenvalue of S + lambda); every eigenvalue of Pi is at
 * most 1 / lambda.
 */
final class FullMomentPrecision extends FullWeighting {

    private final double damping;
    private final double decay;
    /** The batch moment e^T e / batch, [n, n]. */
    private final INDArray moment;

    FullMomentPrecision(long size, DataType dataType, double damping, double decay) {
        super(size, dataType);
        this.damping = damping;
        this.decay = decay;
        this.moment = Nd4j.create(dataType, size, size);
    }

    @Override
    public void refresh(INDArray s) {
        INDArray vectors = s.castTo(DataType.DOUBLE).dup();
        for (long i = 0; i < size; i++) {
            vectors.putScalar(i, i, vectors.getDouble(i, i) + damping);
        }
        // syev overwrites the matrix with its eigenvectors (columns); eigenvalues ascending.
        double[] w = Eigen.symmetricGeneralizedEigenvalues(vectors, true).toDoubleVector();
        INDArray scaled = vectors.dup();
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            scaled.getColumn(j).divi(w[j]);
            sum += Math.log(w[j]);
        }
        pi.assign(scaled.mmul(vectors.transpose()));
        logDet = -sum;
        maxEigenvalue = 1.0 / w[0];
    }

    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray s, INDArray view) {
        Gemm.multiply(e, true, e, false, moment, 1.0 / e.size(0), 0.0);
        Moments.requireFinite(moment);
        view.assign(s).subi(moment).muli(1 - decay);
    }

    @Override
    public void project(INDArray s, double floor, double ceiling) {
        // Bounded by the damping: every eigenvalue of Pi is at most 1 / lambda.
    }

    @Override
    public double[] variances(INDArray s) {
        double[] v = new double[(int) size];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.getDouble(i, i) + damping;
        }
        return v;
    }
}
