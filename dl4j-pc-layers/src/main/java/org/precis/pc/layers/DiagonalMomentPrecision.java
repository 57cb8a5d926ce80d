package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Pi = diag(S + lambda)^-1 ({@code PrecisionForm.DIAGONAL}, running moments): S holds the running mean of each
 * unit's squared error (over the batch and, on a convolutional level, over the positions of the unit's channel).
 */
final class DiagonalMomentPrecision extends DiagonalWeighting {

    private final double damping;
    private final double decay;
    /** The batch moment, [1, n]. */
    private final INDArray moment;

    DiagonalMomentPrecision(long units, long positions, DataType dataType, double damping, double decay) {
        super(units, positions, dataType);
        this.damping = damping;
        this.decay = decay;
        this.moment = Nd4j.create(dataType, 1, units);
    }

    @Override
    public void refresh(INDArray s) {
        pi.assign(s).addi(damping);
        logDet = logDetOf(-Transforms.log(pi, true).sumNumber().doubleValue());
        pi.rdivi(1.0);
        maxEigenvalue = pi.maxNumber().doubleValue();
    }

    @Override
    public void writeGradient(INDArray e, INDArray scratch, INDArray ones, INDArray s, INDArray view) {
        sumOfSquares(e, scratch, ones, moment, 1.0 / (e.size(0) * positions));
        Moments.requireFinite(moment);
        view.assign(s).subi(moment).muli(1 - decay);
    }

    @Override
    public void project(INDArray s, double floor, double ceiling) {
        // Bounded by the damping: Pi <= 1 / lambda.
    }

    @Override
    public double[] variances(INDArray s) {
        double[] v = new double[(int) s.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.getDouble(i) + damping;
        }
        return v;
    }
}
