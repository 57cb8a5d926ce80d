package org.precis.pc.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pi = (S + lambda)^-1 I ({@code PrecisionForm.SCALAR}, running moments): S is the running mean of the error's
 * per-unit second moment, ||e||^2 / (batch n).
 */
final class ScalarMomentPrecision extends ScalarWeighting {

    private final double damping;
    private final double decay;

    ScalarMomentPrecision(long size, double damping, double decay) {
        super(size);
        this.damping = damping;
        this.decay = decay;
    }

    @Override
    public void refresh(INDArray s) {
        double variance = s.getDouble(0) + damping;
        pi = 1.0 / variance;
        logDet = -size * Math.log(variance);
    }

    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray s, INDArray view) {
        double moment = Nd4j.getBlasWrapper().dot(e, e) / ((double) e.size(0) * size);
        Moments.requireFinite(moment);
        view.putScalar(0, (1 - decay) * (s.getDouble(0) - moment));
    }

    @Override
    public void project(INDArray s, double floor, double ceiling) {
        // Bounded by the damping: Pi <= 1 / lambda.
    }

    @Override
    public double[] variances(INDArray s) {
        return repeated(s.getDouble(0) + damping);
    }
}
