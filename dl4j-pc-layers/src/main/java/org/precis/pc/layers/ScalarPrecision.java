package org.precis.pc.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Pi = exp(-s) I ({@code PrecisionForm.SCALAR}): one log-variance s shared by all units of the level. */
final class ScalarPrecision implements Precision {

    private final long size;
    private double pi;
    private double logDet;

    ScalarPrecision(long size) {
        this.size = size;
    }

    @Override
    public boolean learnable() {
        return true;
    }

    @Override
    public void refresh(INDArray s) {
        pi = Math.exp(-s.getDouble(0));
        logDet = -size * s.getDouble(0);
    }

    @Override
    public INDArray weigh(INDArray e, INDArray out) {
        return e.mul(pi, out);
    }

    @Override
    public double logDet() {
        return logDet;
    }

    /** dF/ds = 1/2 (batch * n - exp(-s) ||e||^2). */
    @Override
    public void gradient(INDArray e, INDArray scratch, INDArray ones, INDArray grad) {
        double sq = Nd4j.getBlasWrapper().dot(e, e);
        grad.putScalar(0, 0.5 * (e.size(0) * size - pi * sq));
    }

    /** s in [ln floor, ln ceiling]. */
    @Override
    public void project(INDArray s, double floor, double ceiling) {
        DiagonalPrecision.clampLogVariances(s, floor, ceiling);
    }

    @Override
    public double[] variances(INDArray s) {
        double[] v = new double[(int) size];
        Arrays.fill(v, Math.exp(s.getDouble(0)));
        return v;
    }
}
