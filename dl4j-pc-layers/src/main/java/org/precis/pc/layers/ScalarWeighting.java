package org.precis.pc.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Pi = pi I: one precision shared by all units of the level, from either estimator. */
abstract sealed class ScalarWeighting implements Precision permits ScalarPrecision, ScalarMomentPrecision {

    final long size;
    /** The precision pi. */
    double pi;
    double logDet;

    ScalarWeighting(long size) {
        this.size = size;
    }

    @Override
    public final boolean learnable() {
        return true;
    }

    @Override
    public final INDArray weigh(INDArray e, INDArray out) {
        return e.mul(pi, out);
    }

    @Override
    public final double logDet() {
        return logDet;
    }

    @Override
    public final double maxEigenvalue() {
        return pi;
    }

    /** @return n copies of one variance */
    final double[] repeated(double variance) {
        double[] v = new double[(int) size];
        Arrays.fill(v, variance);
        return v;
    }
}
