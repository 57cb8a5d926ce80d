package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Pi = diag(pi): one precision per unit, from either estimator. */
abstract sealed class DiagonalWeighting implements Precision permits DiagonalPrecision, DiagonalMomentPrecision {

    /** pi as a row [1, n]. */
    final INDArray pi;
    double logDet;
    double maxEigenvalue;

    DiagonalWeighting(long size, DataType dataType) {
        pi = Nd4j.create(dataType, 1, size);
    }

    @Override
    public final boolean learnable() {
        return true;
    }

    @Override
    public final INDArray weigh(INDArray e, INDArray out) {
        return out.assign(e).muliRowVector(pi);
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
