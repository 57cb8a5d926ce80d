package org.precis.spark.kfac;

import org.apache.spark.util.AccumulatorV2;

/**
 * Sums the workers' {@link CurvatureSnapshot}s of one averaging round on the driver. Spark merges the value of each
 * successful task into the driver's copy when the task completes; {@link CurvatureSnapshot#mean()} of the value
 * is then the averaged curvature.
 */
public final class CurvatureAccumulator extends AccumulatorV2<CurvatureSnapshot, CurvatureSnapshot> {

    private static final long serialVersionUID = 1L;

    private CurvatureSnapshot sum;

    @Override
    public boolean isZero() {
        return sum == null;
    }

    @Override
    public AccumulatorV2<CurvatureSnapshot, CurvatureSnapshot> copy() {
        CurvatureAccumulator copy = new CurvatureAccumulator();
        copy.sum = sum;
        return copy;
    }

    @Override
    public void reset() {
        sum = null;
    }

    @Override
    public void add(CurvatureSnapshot snapshot) {
        if (snapshot != null) {
            sum = sum == null ? snapshot : sum.plus(snapshot);
        }
    }

    @Override
    public void merge(AccumulatorV2<CurvatureSnapshot, CurvatureSnapshot> other) {
        add(other.value());
    }

    /** @return the sum of the snapshots added since the last {@link #reset()}, or null when none was */
    @Override
    public CurvatureSnapshot value() {
        return sum;
    }
}
