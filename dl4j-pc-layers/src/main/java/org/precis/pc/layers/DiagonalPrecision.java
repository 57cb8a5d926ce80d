package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Pi = diag(exp(-s)) ({@code PrecisionForm.DIAGONAL}, gradient estimator): one log-variance per unit (per channel
 * on a convolutional level).
 */
final class DiagonalPrecision extends DiagonalWeighting {

    DiagonalPrecision(long units, long positions, DataType dataType) {
        super(units, positions, dataType);
    }

    @Override
    public void refresh(INDArray s) {
        pi.assign(s);
        Transforms.exp(pi.negi(), false);
        logDet = logDetOf(-s.sumNumber().doubleValue());
        maxEigenvalue = pi.maxNumber().doubleValue();
    }

    /** dF/ds_i = 1/2 (batch positions - exp(-s_i) sum over the batch and the unit's positions of e^2). */
    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray s, INDArray view) {
        sumOfSquares(e, scratch, ones, view, 1.0);
        view.muli(pi).negi().addi(e.size(0) * positions).muli(0.5);
    }

    /** s in [ln floor, ln ceiling]. */
    @Override
    public void project(INDArray s, double floor, double ceiling) {
        clampLogVariances(s, floor, ceiling);
    }

    static void clampLogVariances(INDArray s, double floor, double ceiling) {
        Transforms.max(s, Math.log(floor), false);
        Transforms.min(s, Math.log(ceiling), false);
    }

    @Override
    public double[] variances(INDArray s) {
        double[] v = new double[(int) s.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(s.getDouble(i));
        }
        return v;
    }
}
