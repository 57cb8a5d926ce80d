package org.precis.natgrad.estimator;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Replaces the fixed step policy of {@link KFacEstimator} (KL clip, then learning rate and momentum in the updater)
 * by one that chooses the whole step itself, such as the adaptive mode of {@code KFac}.
 *
 * <p>Call order per training step: {@link #damping()} (when inverses are refreshed), then {@link #steps} once, inside
 * the estimator's preconditioning workspace.
 */
public interface StepRule {

    /** @return the Tikhonov damping {@code lambda} with which the estimator inverts the curvature this step */
    double damping();

    /**
     * @param meanGradients    per preconditioned layer, in network order, its mean gradient {@code [dW; db]}
     *                         (weight decay included); not modified; workspace arrays
     * @param naturalGradients per layer, the damped natural gradient of its mean gradient, or null while the layer has
     *                         no curvature yet; not modified; workspace arrays
     * @return per layer, what its updater receives in mean-gradient units (the estimator scales it back to DL4J's
     *         summed gradient), or null for a layer whose gradient is to be left unchanged; may be workspace arrays
     */
    List<INDArray> steps(List<INDArray> meanGradients, List<INDArray> naturalGradients);

    /**
     * What the rule keeps from step to step (such as an adapted damping or the previous step), by name, as copies
     * outside any workspace; part of {@link KFacEstimator#state()} for checkpoints. None by default.
     */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /** Restores a map from {@link #state()} of the same rule on the same network (copied, not modified). */
    default void restoreState(Map<String, INDArray> state) {
    }
}
