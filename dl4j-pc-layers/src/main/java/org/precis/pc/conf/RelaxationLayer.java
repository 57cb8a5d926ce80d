package org.precis.pc.conf;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.precis.pc.params.PcParamInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration shared by every predictive-coding layer: how its latents relax and how its precisions are bounded
 * and learned. Base of {@link PredictiveCodingOutputLayer} and of the generative layer; set through
 * {@link RelaxationLayerBuilder}. The defaults shared by both layers are the {@code DEFAULT_*} constants here; the state
 * rate and the variance floor have a default per layer ({@code DEFAULT_STATE_RATE}, {@code DEFAULT_VARIANCE_FLOOR}
 * of {@link PredictiveCodingOutputLayer} and {@link GenerativePcLayer}), set from what was measured with each.
 */
public abstract class RelaxationLayer extends FeedForwardLayer {

    /** Default number of relaxation steps T per batch, in training and in inference. */
    public static final int DEFAULT_RELAXATION_STEPS = 20;
    /** Default early-stop tolerance on the relative energy decrease: 0 disables early stopping. */
    public static final double DEFAULT_TOLERANCE = 0.0;
    /** Default initial precision of every precision parameter (Pi = this value times I). */
    public static final double DEFAULT_INITIAL_PRECISION = 1.0;
    /** Default upper bound on a level's variance (so precision stays at least 1e-4). */
    public static final double DEFAULT_VARIANCE_CEILING = 1e4;
    /**
     * Default bound c of the relaxation step, eta_l = min(stateRate, c / L_l): below 1, so no step raises the
     * energy's Gauss-Newton part, with room for the curvature of the activations that the bound leaves out.
     */
    public static final double DEFAULT_STEP_BOUND = 0.5;
    /**
     * Default damping of the running-moment precision estimator: precisions up to 1000, far above the 10 to 40 that
     * one-hot targets with 0 to 60% label noise give (their per-unit error variance is at least 0.025).
     */
    public static final double DEFAULT_PRECISION_DAMPING = 1e-3;
    /** Default decay of the running-moment precision estimator: K-FAC's factor decay, a memory of about 20 batches. */
    public static final double DEFAULT_PRECISION_DECAY = 0.95;
    /** Default activation of the levels between the bottom and the top (hidden or latent levels). */
    public static final Activation DEFAULT_HIDDEN_ACTIVATION = Activation.TANH;

    private static final Logger LOG = LoggerFactory.getLogger(RelaxationLayer.class);

    /** Activations of the levels between the bottom and the top; see {@link #getHiddenActivations()}. */
    protected IActivation[] hiddenActivations = new IActivation[0];
    /** Relaxation steps T; see {@link #getRelaxationSteps()}. */
    protected int relaxationSteps = DEFAULT_RELAXATION_STEPS;
    /** State rate eta_x; see {@link #getStateRate()}. */
    protected double stateRate;
    /** Step bound; see {@link #getStepBound()}. 0 when absent from JSON: models saved before it had no bound. */
    protected double stepBound;
    /** Whether a rising energy throws; see {@link #isFailOnEnergyRise()}. */
    protected boolean failOnEnergyRise;
    /** Precision estimator; see {@link #getPrecisionEstimator()}. The gradient when absent from JSON (older models). */
    protected PrecisionEstimator precisionEstimator = PrecisionEstimator.GRADIENT;
    /** Damping of the running moments; see {@link #getPrecisionDamping()}. */
    protected double precisionDamping = DEFAULT_PRECISION_DAMPING;
    /** Decay of the running moments; see {@link #getPrecisionDecay()}. */
    protected double precisionDecay = DEFAULT_PRECISION_DECAY;
    /** Early-stop tolerance; see {@link #getTolerance()}. */
    protected double tolerance = DEFAULT_TOLERANCE;
    /** Initial precision; see {@link #getInitialPrecision()}. */
    protected double initialPrecision = DEFAULT_INITIAL_PRECISION;
    /** Variance floor; see {@link #getVarianceFloor()}. */
    protected double varianceFloor;
    /** Variance ceiling; see {@link #getVarianceCeiling()}. */
    protected double varianceCeiling = DEFAULT_VARIANCE_CEILING;
    /** Updater of the precisions; see {@link #getPrecisionUpdater()}. */
    protected IUpdater precisionUpdater;

    /**
     * For JSON/YAML deserialisation of the concrete layers.
     *
     * @param defaultStateRate the layer's default state rate
     * @param defaultVarianceFloor the layer's default variance floor
     */
    protected RelaxationLayer(double defaultStateRate, double defaultVarianceFloor) {
        this.stateRate = defaultStateRate;
        this.varianceFloor = defaultVarianceFloor;
    }

    /** Copies the shared options from {@code builder}; the subclass validates them with {@link #validateRelaxation}. */
    protected RelaxationLayer(RelaxationLayerBuilder<?> builder) {
        super(builder);
        this.relaxationSteps = builder.relaxationSteps;
        this.stateRate = builder.stateRate;
        this.stepBound = builder.stepBound;
        this.tolerance = builder.tolerance;
        this.failOnEnergyRise = builder.failOnEnergyRise;
        this.precisionEstimator = builder.precisionEstimator;
        this.precisionDamping = builder.precisionDamping;
        this.precisionDecay = builder.precisionDecay;
        this.initialPrecision = builder.initialPrecision;
        this.varianceFloor = builder.varianceFloor;
        this.varianceCeiling = builder.varianceCeiling;
        this.precisionUpdater = builder.precisionUpdater;
    }

    /**
     * Checks every option; called by the builder (layer index unknown, reported as -1) and again when the layer is
     * instantiated in a network (with its index), so configurations read from JSON are checked too.
     *
     * @param layerIndex index of the layer in its network, or -1 when not known yet
     * @throws IllegalArgumentException naming the layer and the option at fault
     */
    public abstract void validate(int layerIndex);

    /** @return precision form of each level that carries an error, lowest level first */
    public abstract PrecisionForm[] getPrecisionForms();

    /**
     * Creates the implementation of this configuration; {@link #instantiate} does the rest.
     *
     * @param conf network-level configuration holding this layer
     * @param networkDataType network data type
     * @return the layer implementation, without parameters yet
     */
    protected abstract BaseLayer<?> createImplementation(NeuralNetConfiguration conf, DataType networkDataType);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        validate(layerIndex);
        BaseLayer<?> ret = createImplementation(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return PcParamInitializer.getInstance();
    }

    /** @return values the relaxation keeps per example: its buffers per level times the level sizes */
    protected abstract long relaxationValuesPerExample();

    /** Parameters and updater state as any layer; per example, the relaxation's buffers as working memory. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = iUpdater == null ? 0 : iUpdater.stateSize(numParams);
        long perExample = relaxationValuesPerExample();
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(numParams, updaterState)
                .workingMemory(0, perExample, 0, perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /**
     * Weights follow {@code l1/l2/weightDecay}, biases and a prior mean {@code l1Bias/l2Bias}; precisions and running
     * moments are never regularised.
     */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return switch (PcParamInitializer.kindOf(this, paramName)) {
            case WEIGHT, RECOGNITION_WEIGHT -> regularization;
            case BIAS, PRIOR_MEAN, RECOGNITION_BIAS -> regularizationBias;
            case PRECISION, ERROR_MOMENT -> Collections.emptyList();
        };
    }

    /**
     * Weights use the layer updater, biases and a prior mean the bias updater (if set), gradient-estimated precisions
     * the precision updater (if set); running moments are written by the layer itself.
     */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return switch (PcParamInitializer.kindOf(this, paramName)) {
            case WEIGHT, RECOGNITION_WEIGHT -> iUpdater;
            case BIAS, PRIOR_MEAN, RECOGNITION_BIAS -> biasUpdater != null ? biasUpdater : iUpdater;
            case PRECISION -> precisionUpdater != null ? precisionUpdater : iUpdater;
            // The layer writes S_old - S_new as the "gradient" of a running moment: applied as is (BatchNormalization's
            // pattern for its running statistics).
            case ERROR_MOMENT -> new NoOp();
        };
    }

    /**
     * @param layerIndex index of the layer in its network, or -1 when not known yet
     * @return the layer's description in messages: type, index and name
     */
    protected String layerId(int layerIndex) {
        return getClass().getSimpleName() + " (index " + layerIndex + ", name \"" + getLayerName() + "\")";
    }

    /**
     * Warns once, when the configuration is built, if relaxation can diverge: a level learns its precision by
     * gradient, the step is not bounded ({@code stepBound} 0) and {@code stateRate / varianceFloor > 1}, so a step
     * multiplied by a grown precision overshoots.
     */
    protected void warnIfRelaxationMayDiverge() {
        if (stepBound > 0 || precisionEstimator != PrecisionEstimator.GRADIENT) {
            return;
        }
        for (PrecisionForm form : getPrecisionForms()) {
            if (form != PrecisionForm.NONE && stateRate / varianceFloor > 1.0) {
                LOG.warn("{}: a level learns its precision, the relaxation step is not bounded and stateRate /"
                        + " varianceFloor = {} > 1, so relaxation can diverge once the precision grows; set a"
                        + " stepBound in (0, 1) or raise varianceFloor to at least stateRate", layerId(-1),
                        stateRate / varianceFloor);
                return;
            }
        }
    }

    /**
     * Checks the activations of the levels between the bottom and the top.
     *
     * @param id names the layer (type, index, name) in the message
     * @param count how many such levels the layer has
     * @param what what those levels are called, for the message
     * @throws IllegalArgumentException naming the layer and the option at fault
     */
    protected void validateHiddenActivations(String id, int count, String what) {
        require(hiddenActivations != null && hiddenActivations.length == count, id, "hiddenActivations",
                "needs one activation per " + what + " (" + count + ")");
        for (IActivation a : hiddenActivations) {
            require(a != null, id, "hiddenActivations", "must not contain null");
        }
    }

    /**
     * Checks the shared options.
     *
     * @param id names the layer (type, index, name) in the message
     * @throws IllegalArgumentException naming the layer and the option at fault
     */
    protected void validateRelaxation(String id) {
        require(relaxationSteps >= 1, id, "relaxationSteps", "must be >= 1, got " + relaxationSteps);
        require(stateRate > 0 && Double.isFinite(stateRate), id, "stateRate",
                "must be positive and finite, got " + stateRate);
        require(tolerance >= 0 && Double.isFinite(tolerance), id, "tolerance",
                "must be >= 0 and finite, got " + tolerance);
        require(stepBound >= 0 && stepBound < 1, id, "stepBound",
                "must lie in [0, 1) (0: no bound; below 1 no step raises the energy), got " + stepBound);
        require(precisionEstimator != null, id, "precisionEstimator", "must not be null");
        require(initialPrecision > 0 && Double.isFinite(initialPrecision), id, "initialPrecision",
                "must be positive and finite, got " + initialPrecision);
        if (precisionEstimator == PrecisionEstimator.RUNNING_MOMENTS) {
            require(precisionDamping > 0 && Double.isFinite(precisionDamping), id, "precisionDamping",
                    "must be positive and finite, got " + precisionDamping);
            require(precisionDecay > 0 && precisionDecay < 1, id, "precisionDecay",
                    "must lie in (0, 1), got " + precisionDecay);
            require(initialPrecision < 1.0 / precisionDamping, id, "initialPrecision",
                    "must be below 1 / precisionDamping (" + 1.0 / precisionDamping + ") with running moments, got "
                            + initialPrecision);
        } else {
            require(varianceFloor > 0 && Double.isFinite(varianceFloor), id, "varianceFloor",
                    "must be positive and finite, got " + varianceFloor);
            require(varianceCeiling > varianceFloor && Double.isFinite(varianceCeiling), id, "varianceCeiling",
                    "must be finite and > varianceFloor (" + varianceFloor + "), got " + varianceCeiling);
            require(1.0 / initialPrecision >= varianceFloor && 1.0 / initialPrecision <= varianceCeiling, id,
                    "initialPrecision", "must have 1/initialPrecision in [varianceFloor, varianceCeiling], got "
                            + initialPrecision);
        }
    }

    /**
     * @param ok     the condition that must hold
     * @param id     names the layer
     * @param option names the option at fault
     * @throws IllegalArgumentException {@code "<id>: option <option> <message>"} when {@code ok} is false
     */
    protected static void require(boolean ok, String id, String option, String message) {
        if (!ok) {
            throw new IllegalArgumentException(id + ": option " + option + " " + message);
        }
    }

    /**
     * @return activation of each level between the bottom and the top, bottom first: the hidden levels of the
     *     supervised layer, latent levels 1..L-1 of the generative layer (default {@link #DEFAULT_HIDDEN_ACTIVATION})
     */
    public IActivation[] getHiddenActivations() {
        return hiddenActivations;
    }

    /** @param hiddenActivations activation of each level between the bottom and the top, bottom first */
    public void setHiddenActivations(IActivation[] hiddenActivations) {
        this.hiddenActivations = hiddenActivations;
    }

    /** @return maximum relaxation steps T per batch (default {@value #DEFAULT_RELAXATION_STEPS}) */
    public int getRelaxationSteps() {
        return relaxationSteps;
    }

    /** @param relaxationSteps maximum relaxation steps T per batch */
    public void setRelaxationSteps(int relaxationSteps) {
        this.relaxationSteps = relaxationSteps;
    }

    /** @return state rate eta_x of the relaxation (default: the layer's {@code DEFAULT_STATE_RATE}) */
    public double getStateRate() {
        return stateRate;
    }

    /** @param stateRate state rate eta_x of the relaxation */
    public void setStateRate(double stateRate) {
        this.stateRate = stateRate;
    }

    /**
     * @return bound c of each level's relaxation step, eta_l = min(stateRate, c / L_l); 0 means no bound (default
     *     {@value #DEFAULT_STEP_BOUND}; 0 for configurations saved before the option existed)
     */
    public double getStepBound() {
        return stepBound;
    }

    /** @param stepBound bound c of each level's relaxation step, in [0, 1); 0 switches the bound off */
    public void setStepBound(double stepBound) {
        this.stepBound = stepBound;
    }

    /** @return whether a relaxation step that raises the energy throws instead of being counted (default false) */
    public boolean isFailOnEnergyRise() {
        return failOnEnergyRise;
    }

    /** @param failOnEnergyRise whether a relaxation step that raises the energy throws */
    public void setFailOnEnergyRise(boolean failOnEnergyRise) {
        this.failOnEnergyRise = failOnEnergyRise;
    }

    /**
     * @return how learned precisions are estimated (default {@link PrecisionEstimator#RUNNING_MOMENTS};
     *     {@link PrecisionEstimator#GRADIENT} for configurations saved before the option existed)
     */
    public PrecisionEstimator getPrecisionEstimator() {
        return precisionEstimator;
    }

    /** @param precisionEstimator how learned precisions are estimated */
    public void setPrecisionEstimator(PrecisionEstimator precisionEstimator) {
        this.precisionEstimator = precisionEstimator;
    }

    /** @return damping lambda of the running moments, Pi = (S + lambda I)^-1 (default {@value #DEFAULT_PRECISION_DAMPING}) */
    public double getPrecisionDamping() {
        return precisionDamping;
    }

    /** @param precisionDamping damping lambda of the running moments */
    public void setPrecisionDamping(double precisionDamping) {
        this.precisionDamping = precisionDamping;
    }

    /** @return decay beta of the running moments (default {@value #DEFAULT_PRECISION_DECAY}) */
    public double getPrecisionDecay() {
        return precisionDecay;
    }

    /** @param precisionDecay decay beta of the running moments */
    public void setPrecisionDecay(double precisionDecay) {
        this.precisionDecay = precisionDecay;
    }

    /**
     * @return early-stop tolerance: relaxation stops once the energy falls by less than this fraction of its
     *     previous value in one step (default {@value #DEFAULT_TOLERANCE}: always T steps)
     */
    public double getTolerance() {
        return tolerance;
    }

    /** @param tolerance early-stop tolerance on the relative energy decrease; 0 disables early stopping */
    public void setTolerance(double tolerance) {
        this.tolerance = tolerance;
    }

    /** @return initial precision of every precision parameter (default {@value #DEFAULT_INITIAL_PRECISION}) */
    public double getInitialPrecision() {
        return initialPrecision;
    }

    /** @param initialPrecision initial precision of every precision parameter */
    public void setInitialPrecision(double initialPrecision) {
        this.initialPrecision = initialPrecision;
    }

    /** @return lower bound on any variance (default: the layer's {@code DEFAULT_VARIANCE_FLOOR}) */
    public double getVarianceFloor() {
        return varianceFloor;
    }

    /** @param varianceFloor lower bound on any variance */
    public void setVarianceFloor(double varianceFloor) {
        this.varianceFloor = varianceFloor;
    }

    /** @return upper bound on any variance (default {@value #DEFAULT_VARIANCE_CEILING}) */
    public double getVarianceCeiling() {
        return varianceCeiling;
    }

    /** @param varianceCeiling upper bound on any variance */
    public void setVarianceCeiling(double varianceCeiling) {
        this.varianceCeiling = varianceCeiling;
    }

    /** @return updater of the precision parameters (default null: the layer's updater) */
    public IUpdater getPrecisionUpdater() {
        return precisionUpdater;
    }

    /** @param precisionUpdater updater of the precision parameters; null means the layer's updater */
    public void setPrecisionUpdater(IUpdater precisionUpdater) {
        this.precisionUpdater = precisionUpdater;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RelaxationLayer) || !super.equals(o)) {
            return false;
        }
        RelaxationLayer that = (RelaxationLayer) o;
        return Arrays.equals(hiddenActivations, that.hiddenActivations)
                && relaxationSteps == that.relaxationSteps
                && Double.compare(stepBound, that.stepBound) == 0
                && failOnEnergyRise == that.failOnEnergyRise
                && precisionEstimator == that.precisionEstimator
                && Double.compare(precisionDamping, that.precisionDamping) == 0
                && Double.compare(precisionDecay, that.precisionDecay) == 0
                && Double.compare(stateRate, that.stateRate) == 0
                && Double.compare(tolerance, that.tolerance) == 0
                && Double.compare(initialPrecision, that.initialPrecision) == 0
                && Double.compare(varianceFloor, that.varianceFloor) == 0
                && Double.compare(varianceCeiling, that.varianceCeiling) == 0
                && Objects.equals(precisionUpdater, that.precisionUpdater);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(super.hashCode(), relaxationSteps, stateRate, stepBound, failOnEnergyRise,
                precisionEstimator, precisionDamping, precisionDecay, tolerance, initialPrecision, varianceFloor,
                varianceCeiling, precisionUpdater) + Arrays.hashCode(hiddenActivations);
    }

    @Override
    public RelaxationLayer clone() {
        RelaxationLayer c = (RelaxationLayer) super.clone();
        c.hiddenActivations = hiddenActivations == null ? null : hiddenActivations.clone();
        c.precisionUpdater = precisionUpdater == null ? null : precisionUpdater.clone();
        return c;
    }
}
