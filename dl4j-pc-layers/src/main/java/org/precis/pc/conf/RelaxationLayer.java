package org.precis.pc.conf;

import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Configuration shared by every predictive-coding layer: how its latents relax and how its precisions are bounded
 * and learned. Base of {@link PredictiveCodingOutputLayer} and of the generative layer; set through
 * {@link RelaxationLayerBuilder}. Defaults are {@link PredictiveCodingOutputLayer}'s {@code DEFAULT_*} constants.
 */
public abstract class RelaxationLayer extends FeedForwardLayer {

    /** Relaxation steps T; see {@link #getRelaxationSteps()}. */
    protected int relaxationSteps = PredictiveCodingOutputLayer.DEFAULT_RELAXATION_STEPS;
    /** State rate eta_x; see {@link #getStateRate()}. */
    protected double stateRate = PredictiveCodingOutputLayer.DEFAULT_STATE_RATE;
    /** Early-stop tolerance; see {@link #getTolerance()}. */
    protected double tolerance = PredictiveCodingOutputLayer.DEFAULT_TOLERANCE;
    /** Initial precision; see {@link #getInitialPrecision()}. */
    protected double initialPrecision = PredictiveCodingOutputLayer.DEFAULT_INITIAL_PRECISION;
    /** Variance floor; see {@link #getVarianceFloor()}. */
    protected double varianceFloor = PredictiveCodingOutputLayer.DEFAULT_VARIANCE_FLOOR;
    /** Variance ceiling; see {@link #getVarianceCeiling()}. */
    protected double varianceCeiling = PredictiveCodingOutputLayer.DEFAULT_VARIANCE_CEILING;
    /** Updater of the precisions; see {@link #getPrecisionUpdater()}. */
    protected IUpdater precisionUpdater;

    /** For JSON/YAML deserialisation of the concrete layers. */
    protected RelaxationLayer() {
    }

    /** Copies the shared options from {@code builder}; the subclass validates them with {@link #validateRelaxation}. */
    protected RelaxationLayer(RelaxationLayerBuilder<?> builder) {
        super(builder);
        RelaxationLayerBuilder.RelaxationSettings shared = builder.relaxationSettings();
        this.relaxationSteps = shared.relaxationSteps();
        this.stateRate = shared.stateRate();
        this.tolerance = shared.tolerance();
        this.initialPrecision = shared.initialPrecision();
        this.varianceFloor = shared.varianceFloor();
        this.varianceCeiling = shared.varianceCeiling();
        this.precisionUpdater = shared.precisionUpdater();
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
        require(varianceFloor > 0 && Double.isFinite(varianceFloor), id, "varianceFloor",
                "must be positive and finite, got " + varianceFloor);
        require(varianceCeiling > varianceFloor && Double.isFinite(varianceCeiling), id, "varianceCeiling",
                "must be finite and > varianceFloor (" + varianceFloor + "), got " + varianceCeiling);
        require(initialPrecision > 0 && 1.0 / initialPrecision >= varianceFloor
                        && 1.0 / initialPrecision <= varianceCeiling, id, "initialPrecision",
                "must be positive with 1/initialPrecision in [varianceFloor, varianceCeiling], got "
                        + initialPrecision);
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

    /** @return maximum relaxation steps T per batch (default {@value PredictiveCodingOutputLayer#DEFAULT_RELAXATION_STEPS}) */
    public int getRelaxationSteps() {
        return relaxationSteps;
    }

    /** @param relaxationSteps maximum relaxation steps T per batch */
    public void setRelaxationSteps(int relaxationSteps) {
        this.relaxationSteps = relaxationSteps;
    }

    /** @return state rate eta_x of the relaxation (default {@value PredictiveCodingOutputLayer#DEFAULT_STATE_RATE}) */
    public double getStateRate() {
        return stateRate;
    }

    /** @param stateRate state rate eta_x of the relaxation */
    public void setStateRate(double stateRate) {
        this.stateRate = stateRate;
    }

    /**
     * @return early-stop tolerance: relaxation stops once the energy falls by less than this fraction of its
     *     previous value in one step (default {@value PredictiveCodingOutputLayer#DEFAULT_TOLERANCE}: always T steps)
     */
    public double getTolerance() {
        return tolerance;
    }

    /** @param tolerance early-stop tolerance on the relative energy decrease; 0 disables early stopping */
    public void setTolerance(double tolerance) {
        this.tolerance = tolerance;
    }

    /** @return initial precision of every precision parameter (default {@value PredictiveCodingOutputLayer#DEFAULT_INITIAL_PRECISION}) */
    public double getInitialPrecision() {
        return initialPrecision;
    }

    /** @param initialPrecision initial precision of every precision parameter */
    public void setInitialPrecision(double initialPrecision) {
        this.initialPrecision = initialPrecision;
    }

    /** @return lower bound on any variance (default {@value PredictiveCodingOutputLayer#DEFAULT_VARIANCE_FLOOR}) */
    public double getVarianceFloor() {
        return varianceFloor;
    }

    /** @param varianceFloor lower bound on any variance */
    public void setVarianceFloor(double varianceFloor) {
        this.varianceFloor = varianceFloor;
    }

    /** @return upper bound on any variance (default {@value PredictiveCodingOutputLayer#DEFAULT_VARIANCE_CEILING}) */
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
        return relaxationSteps == that.relaxationSteps
                && Double.compare(stateRate, that.stateRate) == 0
                && Double.compare(tolerance, that.tolerance) == 0
                && Double.compare(initialPrecision, that.initialPrecision) == 0
                && Double.compare(varianceFloor, that.varianceFloor) == 0
                && Double.compare(varianceCeiling, that.varianceCeiling) == 0
                && Objects.equals(precisionUpdater, that.precisionUpdater);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), relaxationSteps, stateRate, tolerance, initialPrecision, varianceFloor,
                varianceCeiling, precisionUpdater);
    }
}
