package org.precis.pc.conf;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The options every predictive-coding layer shares: how its latents relax and how its precisions are bounded and
 * learned. Base of the builders of {@link PredictiveCodingOutputLayer} and {@link GenerativePcLayer}; the layers
 * read the values through {@link #relaxationSettings()}. Defaults are {@link RelaxationLayer}'s {@code DEFAULT_*}
 * constants, and each layer's own {@code DEFAULT_STATE_RATE} and {@code DEFAULT_VARIANCE_FLOOR}; every value is
 * checked by the layer's validation, not here.
 *
 * @param <T> the concrete builder, returned by every option for chaining
 */
public abstract class RelaxationLayerBuilder<T extends RelaxationLayerBuilder<T>> extends FeedForwardLayer.Builder<T> {

    private IActivation hiddenActivation = RelaxationLayer.DEFAULT_HIDDEN_ACTIVATION.getActivationFunction();
    private IActivation[] hiddenActivations;
    private int relaxationSteps = RelaxationLayer.DEFAULT_RELAXATION_STEPS;
    private double stateRate;
    private double tolerance = RelaxationLayer.DEFAULT_TOLERANCE;
    private double initialPrecision = RelaxationLayer.DEFAULT_INITIAL_PRECISION;
    private double varianceFloor;
    private double varianceCeiling = RelaxationLayer.DEFAULT_VARIANCE_CEILING;
    private IUpdater precisionUpdater;

    /**
     * @param defaultStateRate the layer's default state rate
     * @param defaultVarianceFloor the layer's default variance floor
     */
    protected RelaxationLayerBuilder(double defaultStateRate, double defaultVarianceFloor) {
        this.stateRate = defaultStateRate;
        this.varianceFloor = defaultVarianceFloor;
    }

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

    /**
     * @param count number of levels between the bottom and the top
     * @return the activations set for them: those of {@link #hiddenActivations}, or {@link #hiddenActivation}
     *     repeated (a copy; the layer's validation checks the count)
     */
    IActivation[] hiddenActivationsFor(int count) {
        if (hiddenActivations != null) {
            return hiddenActivations.clone();
        }
        IActivation[] acts = new IActivation[Math.max(0, count)];
        Arrays.fill(acts, hiddenActivation);
        return acts;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * Activation of every level between the bottom and the top: the hidden levels of the supervised layer, latent
     * levels 1..L-1 of the generative layer. Default {@link RelaxationLayer#DEFAULT_HIDDEN_ACTIVATION}.
     *
     * @param activation the activation
     * @return this builder
     */
    public T hiddenActivation(Activation activation) {
        this.hiddenActivation = activation.getActivationFunction();
        this.hiddenActivations = null;
        return self();
    }

    /**
     * Activation of each level between the bottom and the top, bottom first; overrides
     * {@link #hiddenActivation(Activation)}. Default: not set.
     *
     * @param activations one per level between the bottom and the top
     * @return this builder
     */
    public T hiddenActivations(IActivation... activations) {
        this.hiddenActivations = activations == null ? null : activations.clone();
        return self();
    }

    /**
     * Maximum relaxation steps T per batch, in training and in inference.
     * Default {@value RelaxationLayer#DEFAULT_RELAXATION_STEPS}.
     *
     * @param steps at least 1
     * @return this builder
     */
    public T relaxationSteps(int steps) {
        this.relaxationSteps = steps;
        return self();
    }

    /**
     * State rate eta_x of the relaxation. Default: the layer's {@code DEFAULT_STATE_RATE}.
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
     * previous value. Default {@value RelaxationLayer#DEFAULT_TOLERANCE} (disabled).
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
     * Default {@value RelaxationLayer#DEFAULT_INITIAL_PRECISION}.
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
     * Default: the layer's {@code DEFAULT_VARIANCE_FLOOR}.
     *
     * @param floor positive
     * @return this builder
     */
    public T varianceFloor(double floor) {
        this.varianceFloor = floor;
        return self();
    }

    /**
     * Upper bound on any variance. Default {@value RelaxationLayer#DEFAULT_VARIANCE_CEILING}.
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
