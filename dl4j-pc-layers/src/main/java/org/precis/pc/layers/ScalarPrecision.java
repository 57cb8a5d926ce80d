package org.precis.pc.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Pi = exp(-s) I ({@code PrecisionForm.SCALAR}, gradient estimator): one log-variance s for the level. */
final class ScalarPrecision extends ScalarWeighting {

    ScalarPrecision(long size) {
        super(size);
    }

    @Override
    public void refresh(INDArray s) {
        pi = Math.exp(-s.getDouble(0));
        logDet = -size * s.getDouble(0);
    }

    /** dF/ds = 1/2 (batch * n - exp(-s) ||e||^2). */
    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray s, INDArray view) {
        double sq = Nd4j.getBlasWrapper().dot(e, e);
        view.putScalar(0, 0.5 * (e.size(0) * size - pi * sq));
    }

    /** s in [ln floor, ln ceiling]. */
    @Override
    public void project(INDArray s, double floor, double ceiling) {
        DiagonalPrecision.clampLogVariances(s, floor, ceiling);
    }

    @Override
    public double[] variances(INDArray s) {
        return repeated(Math.exp(s.getDouble(0)));
    }
}
