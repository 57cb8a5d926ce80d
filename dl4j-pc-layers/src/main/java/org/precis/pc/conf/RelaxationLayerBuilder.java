package org.precis.pc.conf;

import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The options every predictive-coding layer shares: how its latents relax and how its precisions are bounded and
 * learned. Base of the builders of {@link PredictiveCodingOutputLayer} and of the generative layer; the layers
 * read the values through {@link #relaxationSettings()}. Defaults are {@link PredictiveCodingOutputLayer}'s
 * {@code DEFAULT_*} constants; every value is checked by the layer's validation, not here.
 *
 * @param <T> the concrete builder, returned by every option for chaining
 */
public abstract class RelaxationLayerBuilder<T extends RelaxationLayerBuilder<T>> extends FeedForwardLayer.Builder<T> {

    private int relaxationSteps = PredictiveCodingOutputLayer.DEFAULT_RELAXATION_STEPS;
    private double stateRate = PredictiveCodingOutputLayer.DEFAULT_STATE_RATE;
    private double tolerance = PredictiveCodingOutputLayer.DEFAULT_TOLERANCE;
    private double initialPrecision = PredictiveCodingOutputLayer.DEFAULT_INITIAL_PRECISION;
    private double varianceFloor = PredictiveCodingOutputLayer.DEFAULT_VARIANCE_FLOOR;
    private double varianceCeiling = PredictiveCodingOutputLayer.DEFAULT_VARIANCE_CEILING;
    private IUpdater precisionUpdater;

    /** The shared options as set so far; read by the layers' constructors. */
    public record RelaxationSettings(int relaxationSteps, double stateRate, double tolerance,
                                     double initialPrecision, double varianceFloor, double varianceCeiling,
                                     IUpdater precisionUpdater) {
    }

    /** @return the shared options as set so far */
    public RelaxationSettings relaxationSettings() {
        return new RelaxationSettings(relaxationSteps, stateRate, tolerance, initialPrecision, varianceFloor,
                varianceCeiling, precisionUpdater);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * Maximum relaxation steps T per batch, in training and in inference.
     * Default {@value PredictiveCodingOutputLayer#DEFAULT_RELAXATION_STEPS}.
     *
     * @param steps at least 1
     * @return this builder
     */
    public T relaxationSteps(int steps) {
        this.relaxationSteps = steps;
        return self();
    }

    /**
     * State rate eta_x of the relaxation. Default {@value PredictiveCodingOutputLayer#DEFAULT_STATE_RATE}.
     *
     * @param rate positive
     * @return this builder
     */
    public T stateRate(double rate) {
        this.stateRate = rate;
        return self();
    }

    /**
     * Early-stop tolerance: relaxation stops once one step lowers the energy by less than this fraction of its
     * previous value. Default {@value PredictiveCodingOutputLayer#DEFAULT_TOLERANCE} (disabled).
     *
     * @param tolerance non-negative
     * @return this builder
     */
    public T tolerance(double tolerance) {
        this.tolerance = tolerance;
        return self();
    }

    /**
     * Initial value of every learnable precision (Pi = value * I).
     * Default {@value PredictiveCodingOutputLayer#DEFAULT_INITIAL_PRECISION}.
     *
     * @param precision positive, with its inverse inside the variance floor and ceiling
     * @return this builder
     */
    public T initialPrecision(double precision) {
        this.initialPrecision = precision;
        return self();
    }

    /**
     * Lower bound on any variance, so an upper bound of {@code 1 / floor} on any precision.
     * Default {@value PredictiveCodingOutputLayer#DEFAULT_VARIANCE_FLOOR}.
     *
     * @param floor positive
     * @return this builder
     */
    public T varianceFloor(double floor) {
        this.varianceFloor = floor;
        return self();
    }

    /**
     * Upper bound on any variance. Default {@value PredictiveCodingOutputLayer#DEFAULT_VARIANCE_CEILING}.
     *
     * @param ceiling greater than the floor
     * @return this builder
     */
    public T varianceCeiling(double ceiling) {
        this.varianceCeiling = ceiling;
        return self();
    }

    /**
     * Updater of the precision parameters. Default null: the layer's updater.
     *
     * @param updater updater configuration
     * @return this builder
     */
    public T precisionUpdater(IUpdater updater) {
        this.precisionUpdater = updater;
        return self();
    }
}
