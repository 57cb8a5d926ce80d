package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Pi = diag(exp(-s)) ({@code PrecisionForm.DIAGONAL}, gradient estimator): one log-variance per unit. */
final class DiagonalPrecision extends DiagonalWeighting {

    DiagonalPrecision(long size, DataType dataType) {
        super(size, dataType);
    }

    @Override
    public void refresh(INDArray s) {
        pi.assign(s);
        Transforms.exp(pi.negi(), false);
        logDet = -s.sumNumber().doubleValue();
        maxEigenvalue = pi.maxNumber().doubleValue();
    }

    /** dF/ds_i = 1/2 (batch - exp(-s_i) sum_n e_ni^2). */
    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray s, INDArray view) {
        e.mul(e, scratch);
        Nd4j.gemm(ones, scratch, view, false, false, 1.0, 0.0);
        view.muli(pi).negi().addi(e.size(0)).muli(0.5);
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
