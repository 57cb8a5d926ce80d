package org.precis.pc.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The energy of one level ({@code algorithms.md} §1), in its two forms: Gaussian with a precision,
 * 1/2 e^T Pi e - 1/2 log det Pi, and categorical (a clamped softmax top), -sum y ln softmax(a). Each has a batch
 * version for the relaxation loop (into preallocated buffers) and a per-example version for scores (allocates).
 */
final class Energy {

    /** Smallest probability whose log the categorical energy takes, so an underflowed softmax stays finite. */
    static final double MIN_PROBABILITY = 1e-30;

    private Energy() {
    }

    /**
     * Gaussian energy summed over the batch.
     *
     * @param e errors [batch, n] (not modified)
     * @param pe Pi e, same shape (not modified)
     * @param precision the level's precision, refreshed
     * @return sum_n [1/2 e_n^T Pi e_n - 1/2 log det Pi]
     */
    static double gaussian(INDArray e, INDArray pe, Precision precision) {
        return 0.5 * Nd4j.getBlasWrapper().dot(e, pe) - 0.5 * e.size(0) * precision.logDet();
    }

    /**
     * Gaussian energy per example. Allocates.
     *
     * @param e errors [batch, n] (modified: used as work space)
     * @param precision the level's precision, refreshed
     * @return [batch, 1]
     */
    static INDArray gaussianPerExample(INDArray e, Precision precision) {
        INDArray pe = precision.weigh(e, e.ulike());
        return e.muli(pe).sum(true, 1).muli(0.5).subi(0.5 * precision.logDet());
    }

    /**
     * Categorical energy summed over the batch.
     *
     * @param y clamped one-hot (or soft) targets [batch, n] (not modified)
     * @param mu softmax prediction, same shape (not modified)
     * @param scratch work buffer, same shape (overwritten)
     * @return -sum_n y_n . ln mu_n
     */
    static double categorical(INDArray y, INDArray mu, INDArray scratch) {
        scratch.assign(mu);
        Transforms.max(scratch, MIN_PROBABILITY, false);
        Transforms.log(scratch, false);
        return -Nd4j.getBlasWrapper().dot(y, scratch);
    }

    /**
     * Categorical energy per example. Allocates.
     *
     * @param y targets [batch, n] (not modified)
     * @param mu softmax prediction (not modified)
     * @return [batch, 1]
     */
    static INDArray categoricalPerExample(INDArray y, INDArray mu) {
        INDArray logp = Transforms.log(Transforms.max(mu, MIN_PROBABILITY, true), false);
        return logp.muli(y).sum(true, 1).negi();
    }
}
