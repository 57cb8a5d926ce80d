package org.precis.pc.conf;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The options every predictive-coding layer shares: how its latents relax and how its precisions are bounded and
 * learned. Base of the builders of {@link PredictiveCodingOutputLayer} and {@link GenerativePcLayer}, whose
 * constructors read the values set here. Defaults are {@link RelaxationLayer}'s {@code DEFAULT_*}
 * constants, and each layer's own {@code DEFAULT_STATE_RATE} and {@code DEFAULT_VARIANCE_FLOOR}; every value is
 * checked by the layer's validation, not here.
 *
 * @param <T> the concrete builder, returned by every option for chaining
 */
public abstract class RelaxationLayerBuilder<T extends RelaxationLayerBuilder<T>> extends FeedForwardLayer.Builder<T> {

    IActivation hiddenActivation = RelaxationLayer.DEFAULT_HIDDEN_ACTIVATION.getActivationFunction();
    IActivation[] hiddenActivations;
    int relaxationSteps = RelaxationLayer.DEFAULT_RELAXATION_STEPS;
    double stateRate;
    double stepBound = RelaxationLayer.DEFAULT_STEP_BOUND;
    double tolerance = RelaxationLayer.DEFAULT_TOLERANCE;
    boolean failOnEnergyRise;
    PrecisionEstimator precisionEstimator = PrecisionEstimator.RUNNING_MOMENTS;
    double precisionDamping = RelaxationLayer.DEFAULT_PRECISION_DAMPING;
    double precisionDecay = RelaxationLayer.DEFAULT_PRECISION_DECAY;
    double initialPrecision = RelaxationLayer.DEFAULT_INITIAL_PRECISION;
    double varianceFloor;
    double varianceCeiling = RelaxationLayer.DEFAULT_VARIANCE_CEILING;
    IUpdater precisionUpdater;

    /**
     * @param defaultStateRate the layer's default state rate
     * @param defaultVarianceFloor the layer's default variance floor
     */
    protected RelaxationLayerBuilder(double defaultStateRate, double defaultVarianceFloor) {
        this.stateRate = defaultStateRate;
        this.varianceFloor = defaultVarianceFloor;
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
     * Bound c on each level's relaxation step: eta_l = min(stateRate, c / L_l), with L_l = lambda_max(Pi_l) +
     * lambda_max(Pi_{l+1}) max f'^2 ||W_{l+1}||_2^2 the curvature bound of level l ({@code algorithms.md} §1b; the
     * weight norm from warm-started power iterations, once per batch). Any c below 1 keeps every step from raising
     * the energy of the Gauss-Newton part of F, whatever the precisions; 0 switches the bound off (every level steps
     * at the state rate, which diverges once a precision exceeds about 2 / stateRate).
     * Default {@value RelaxationLayer#DEFAULT_STEP_BOUND}.
     *
     * @param bound in [0, 1)
     * @return this builder
     */
    public T stepBound(double bound) {
        this.stepBound = bound;
        return self();
    }

    /**
     * Whether a relaxation step that raises the energy throws an {@code EnergyRoseException} (naming the layer,
     * batch step and energies) instead of being counted in the statistics and logged once. A rise never counts as
     * convergence either way. Default false.
     *
     * @param fail true to throw
     * @return this builder
     */
    public T failOnEnergyRise(boolean fail) {
        this.failOnEnergyRise = fail;
        return self();
    }

    /**
     * How learned precisions are estimated. Default {@link PrecisionEstimator#RUNNING_MOMENTS}.
     *
     * @param estimator the estimator of every level with a precision
     * @return this builder
     */
    public T precisionEstimator(PrecisionEstimator estimator) {
        this.precisionEstimator = estimator;
        return self();
    }

    /**
     * Damping lambda of the running-moment estimator: Pi = (S + lambda I)^-1, so no precision exceeds 1/lambda.
     * Default {@value RelaxationLayer#DEFAULT_PRECISION_DAMPING}.
     *
     * @param damping positive
     * @return this builder
     */
    public T precisionDamping(double damping) {
        this.precisionDamping = damping;
        return self();
    }

    /**
     * Decay beta of the running-moment estimator: S &lt;- beta S + (1 - beta) mean_batch(e e^T).
     * Default {@value RelaxationLayer#DEFAULT_PRECISION_DECAY}.
     *
     * @param decay in (0, 1)
     * @return this builder
     */
    public T precisionDecay(double decay) {
        this.precisionDecay = decay;
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
     * @param precision positive; below 1 / precisionDamping with running moments, with its inverse inside the
     *     variance floor and ceiling with the gradient estimator
     * @return this builder
     */
    public T initialPrecision(double precision) {
        this.initialPrecision = precision;
        return self();
    }

    /**
     * Lower bound on any variance, so an upper bound of {@code 1 / floor} on any precision; gradient estimator only
     * ({@link PrecisionEstimator#RUNNING_MOMENTS} is bounded by its damping).
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
     * Upper bound on any variance; gradient estimator only. Default {@value RelaxationLayer#DEFAULT_VARIANCE_CEILING}.
     *
     * @param ceiling greater than the floor
     * @return this builder
     */
    public T varianceCeiling(double ceiling) {
        this.varianceCeiling = ceiling;
        return self();
    }

    /**
     * Updater of the precision parameters of the gradient estimator. Default null: the layer's updater.
     *
     * @param updater updater configuration
     * @return this builder
     */
    public T precisionUpdater(IUpdater updater) {
        this.precisionUpdater = updater;
        return self();
    }
}
