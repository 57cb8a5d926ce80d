package org.precis.pc.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Pi = I ({@code PrecisionForm.NONE}): no parameters; the level's energy is plain squared error. */
final class IdentityPrecision implements Precision {

    private final int size;

    IdentityPrecision(long size) {
        this.size = (int) size;
    }

    @Override
    public boolean learnable() {
        return false;
    }

    @Override
    public void refresh(INDArray params) {
        // Nothing to derive: Pi = I and log det Pi = 0.
    }

    @Override
    public INDArray weigh(INDArray e, INDArray out) {
        return e;
    }

    @Override
    public double logDet() {
        return 0.0;
    }

    @Override
    public double maxEigenvalue() {
        return 1.0;
    }

    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray params, INDArray view) {
        throw new IllegalStateException("The identity precision has no parameters");
    }

    @Override
    public void project(INDArray params, double floor, double ceiling) {
        throw new IllegalStateException("The identity precision has no parameters");
    }

    @Override
    public double[] variances(INDArray params) {
        double[] v = new double[size];
        Arrays.fill(v, 1.0);
        return v;
    }
}
