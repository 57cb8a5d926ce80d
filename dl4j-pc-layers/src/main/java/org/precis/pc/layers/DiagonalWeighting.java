package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.Gemm;

/**
 * Pi = diag(pi): one precision per unit, from either estimator. On a convolutional level a unit is a channel: its
 * precision weighs the error at every position of its feature map (values flat in NCHW order, each channel's
 * {@code positions} values contiguous), so the level has as many precisions as channels and its log det Pi counts
 * each one {@code positions} times.
 */
abstract sealed class DiagonalWeighting implements Precision permits DiagonalPrecision, DiagonalMomentPrecision {

    /** pi as a row [1, units]. */
    final INDArray pi;
    /** Values per unit: 1 for a dense level, height x width of a convolutional level's feature maps. */
    final long positions;
    /** Work row [1, units x positions] of the per-position sums of squares (convolutional levels only). */
    private final INDArray positionSums;
    double logDet;
    double maxEigenvalue;

    /**
     * @param units precisions (units of a dense level, channels of a convolutional level)
     * @param positions values each precision weighs per example (1 for a dense level)
     * @param dataType network data type
     */
    DiagonalWeighting(long units, long positions, DataType dataType) {
        pi = Nd4j.create(dataType, 1, units);
        this.positions = positions;
        positionSums = positions == 1 ? null : Nd4j.create(dataType, 1, units * positions);
    }

    @Override
    public final boolean learnable() {
        return true;
    }

    @Override
    public final INDArray weigh(INDArray e, INDArray out) {
        if (positions == 1) {
            return out.assign(e).muliRowVector(pi);
        }
        INDArray channels = out.assign(e).reshape(e.size(0), pi.length(), positions);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(channels, pi.reshape(pi.length()), channels, 1));
        return out;
    }

    /**
     * sum over the batch (and the positions of each unit) of e^2, per unit.
     *
     * @param e errors [batch, units x positions] (not modified)
     * @param scratch work buffer, same shape (overwritten)
     * @param ones row of ones [1, batch] (not modified)
     * @param out [1, units] (overwritten)
     * @param scale factor applied to the sums
     */
    final void sumOfSquares(INDArray e, INDArray scratch, INDArray ones, INDArray out, double scale) {
        e.mul(e, scratch);
        if (positions == 1) {
            Gemm.multiply(ones, false, scratch, false, out, scale, 0.0);
            return;
        }
        Gemm.multiply(ones, false, scratch, false, positionSums, scale, 0.0);
        out.assign(positionSums.reshape(pi.length(), positions).sum(1).reshape(out.shape()));
    }

    /** @return log det of a diagonal Pi given the log of its precisions, each counted once per position */
    final double logDetOf(double sumOfLogPrecisions) {
        return positions * sumOfLogPrecisions;
    }

    @Override
    public final double logDet() {
        return logDet;
    }

    @Override
    public final double maxEigenvalue() {
        return maxEigenvalue;
    }
}
