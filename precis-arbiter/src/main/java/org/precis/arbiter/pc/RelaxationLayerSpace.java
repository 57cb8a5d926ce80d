package org.precis.arbiter.pc;

import java.util.Objects;
import org.deeplearning4j.arbiter.layers.FeedForwardLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.RelaxationLayer;
import org.precis.pc.conf.RelaxationLayerBuilder;

/**
 * The search dimensions every predictive-coding layer shares: how its latents relax and how its precisions are
 * bounded and learned (the options of {@link RelaxationLayerBuilder}). Base of
 * {@link PredictiveCodingOutputLayerSpace} and {@link GenerativePcLayerSpace}. A dimension left unset keeps the
 * layer's documented default.
 *
 * <p>Not every combination of independent ranges is valid: the layers require {@code 1 / initialPrecision}
 * within {@code [varianceFloor, varianceCeiling]}. Choose ranges that respect it; a sampled candidate that does
 * not is reported by Arbiter as failed, with the layer's message naming the option.
 *
 * @param <L> the layer configuration this space produces
 */
public abstract class RelaxationLayerSpace<L extends RelaxationLayer> extends FeedForwardLayerSpace<L> {

    /** Activation of every level between the bottom and the top; see {@link #getHiddenActivation()}. */
    protected ParameterSpace<Activation> hiddenActivation;
    /** Relaxation steps T; see {@link #getRelaxationSteps()}. */
    protected ParameterSpace<Integer> relaxationSteps;
    /** State rate; see {@link #getStateRate()}. */
    protected ParameterSpace<Double> stateRate;
    /** Step bound; see {@link #getStepBound()}. */
    protected ParameterSpace<Double> stepBound;
    /** Precision estimator; see {@link #getPrecisionEstimator()}. */
    protected ParameterSpace<PrecisionEstimator> precisionEstimator;
    /** Damping of the running moments; see {@link #getPrecisionDamping()}. */
    protected ParameterSpace<Double> precisionDamping;
    /** Decay of the running moments; see {@link #getPrecisionDecay()}. */
    protected ParameterSpace<Double> precisionDecay;
    /** Early-stop tolerance; see {@link #getTolerance()}. */
    protected ParameterSpace<Double> tolerance;
    /** Initial precision; see {@link #getInitialPrecision()}. */
    protected ParameterSpace<Double> initialPrecision;
    /** Variance floor; see {@link #getVarianceFloor()}. */
    protected ParameterSpace<Double> varianceFloor;
    /** Variance ceiling; see {@link #getVarianceCeiling()}. */
    protected ParameterSpace<Double> varianceCeiling;
    /** Updater of the precisions; see {@link #getPrecisionUpdater()}. */
    protected ParameterSpace<IUpdater> precisionUpdater;

    /** For JSON/YAML deserialisation. */
    protected RelaxationLayerSpace() {
    }

    /** @param builder the dimensions */
    protected RelaxationLayerSpace(Builder<?> builder) {
        super(builder);
        hiddenActivation = builder.hiddenActivation;
        relaxationSteps = builder.relaxationSteps;
        stateRate = builder.stateRate;
        stepBound = builder.stepBound;
        precisionEstimator = builder.precisionEstimator;
        precisionDamping = builder.precisionDamping;
        precisionDecay = builder.precisionDecay;
        tolerance = builder.tolerance;
        initialPrecision = builder.initialPrecision;
        varianceFloor = builder.varianceFloor;
        varianceCeiling = builder.varianceCeiling;
        precisionUpdater = builder.precisionUpdater;
    }

    /**
     * Sets the shared options of one point of the space on a layer builder; options whose dimension is unset keep
     * the builder's defaults.
     *
     * @param b the layer builder (modified)
     * @param values one value in [0, 1] per searched dimension, at the indices Arbiter assigned
     */
    protected void setRelaxationOptions(RelaxationLayerBuilder<?> b, double[] values) {
        if (hiddenActivation != null) {
            b.hiddenActivation(hiddenActivation.getValue(values));
        }
        if (relaxationSteps != null) {
            b.relaxationSteps(relaxationSteps.getValue(values));
        }
        if (stateRate != null) {
            b.stateRate(stateRate.getValue(values));
        }
        if (stepBound != null) {
            b.stepBound(stepBound.getValue(values));
        }
        if (precisionEstimator != null) {
            b.precisionEstimator(precisionEstimator.getValue(values));
        }
        if (precisionDamping != null) {
            b.precisionDamping(precisionDamping.getValue(values));
        }
        if (precisionDecay != null) {
            b.precisionDecay(precisionDecay.getValue(values));
        }
        if (tolerance != null) {
            b.tolerance(tolerance.getValue(values));
        }
        if (initialPrecision != null) {
            b.initialPrecision(initialPrecision.getValue(values));
        }
        if (varianceFloor != null) {
            b.varianceFloor(varianceFloor.getValue(values));
        }
        if (varianceCeiling != null) {
            b.varianceCeiling(varianceCeiling.getValue(values));
        }
        if (precisionUpdater != null) {
            b.precisionUpdater(precisionUpdater.getValue(values));
        }
    }

    /** @return the activation of every level between the bottom and the top (default: the layer's, tanh) */
    public ParameterSpace<Activation> getHiddenActivation() {
        return hiddenActivation;
    }

    /** @return relaxation steps T (default: the layer's, 20) */
    public ParameterSpace<Integer> getRelaxationSteps() {
        return relaxationSteps;
    }

    /** @return the state rate (default: the layer's) */
    public ParameterSpace<Double> getStateRate() {
        return stateRate;
    }

    /** @return the relaxation step bound c (default: the layer's, 0.5) */
    public ParameterSpace<Double> getStepBound() {
        return stepBound;
    }

    /** @return the precision estimator (default: the layer's, running moments) */
    public ParameterSpace<PrecisionEstimator> getPrecisionEstimator() {
        return precisionEstimator;
    }

    /** @return the damping of the running moments (default: the layer's, 1e-3) */
    public ParameterSpace<Double> getPrecisionDamping() {
        return precisionDamping;
    }

    /** @return the decay of the running moments (default: the layer's, 0.95) */
    public ParameterSpace<Double> getPrecisionDecay() {
        return precisionDecay;
    }

    /** @return the early-stop tolerance (default: the layer's, 0: off) */
    public ParameterSpace<Double> getTolerance() {
        return tolerance;
    }

    /** @return the initial precision (default: the layer's, 1) */
    public ParameterSpace<Double> getInitialPrecision() {
        return initialPrecision;
    }

    /** @return the variance floor (default: the layer's) */
    public ParameterSpace<Double> getVarianceFloor() {
        return varianceFloor;
    }

    /** @return the variance ceiling (default: the layer's, 1e4) */
    public ParameterSpace<Double> getVarianceCeiling() {
        return varianceCeiling;
    }

    /** @return the updater of the precision parameters (default: the layer's updater) */
    public ParameterSpace<IUpdater> getPrecisionUpdater() {
        return precisionUpdater;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RelaxationLayerSpace<?> s) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(hiddenActivation, s.hiddenActivation) && Objects.equals(relaxationSteps, s.relaxationSteps) && Objects.equals(stateRate, s.stateRate)
                && Objects.equals(stepBound, s.stepBound) && Objects.equals(precisionEstimator, s.precisionEstimator)
                && Objects.equals(precisionDamping, s.precisionDamping) && Objects.equals(precisionDecay, s.precisionDecay)
                && Objects.equals(tolerance, s.tolerance) && Objects.equals(initialPrecision, s.initialPrecision)
                && Objects.equals(varianceFloor, s.varianceFloor) && Objects.equals(varianceCeiling, s.varianceCeiling)
                && Objects.equals(precisionUpdater, s.precisionUpdater);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), hiddenActivation, relaxationSteps, stateRate, stepBound,
                precisionEstimator, precisionDamping, precisionDecay, tolerance, initialPrecision, varianceFloor,
                varianceCeiling, precisionUpdater);
    }

    /**
     * Builder of the shared dimensions. Each option takes a fixed value or a space; an option not called keeps the
     * layer's default.
     *
     * @param <T> the concrete builder, returned by every option for chaining
     */
    public abstract static class Builder<T extends Builder<T>> extends FeedForwardLayerSpace.Builder<T> {

        private ParameterSpace<Activation> hiddenActivation;
        private ParameterSpace<Integer> relaxationSteps;
        private ParameterSpace<Double> stateRate;
        private ParameterSpace<Double> stepBound;
        private ParameterSpace<PrecisionEstimator> precisionEstimator;
        private ParameterSpace<Double> precisionDamping;
        private ParameterSpace<Double> precisionDecay;
        private ParameterSpace<Double> tolerance;
        private ParameterSpace<Double> initialPrecision;
        private ParameterSpace<Double> varianceFloor;
        private ParameterSpace<Double> varianceCeiling;
        private ParameterSpace<IUpdater> precisionUpdater;

        @SuppressWarnings("unchecked")
        private T self() {
            return (T) this;
        }

        /** @param activation activation of every level between the bottom and the top @return this */
        public T hiddenActivation(Activation activation) {
            return hiddenActivation(new FixedValue<>(activation));
        }

        /**
         * @param activation activation of every level between the bottom and the top, e.g. an
         *     {@link org.precis.arbiter.EnumSpace} @return this
         */
        public T hiddenActivation(ParameterSpace<Activation> activation) {
            this.hiddenActivation = activation;
            return self();
        }

        /** @param steps relaxation steps T, each {@code >= 1} @return this */
        public T relaxationSteps(int steps) {
            return relaxationSteps(new FixedValue<>(steps));
        }

        /** @param steps relaxation steps T, each {@code >= 1} @return this */
        public T relaxationSteps(ParameterSpace<Integer> steps) {
            this.relaxationSteps = steps;
            return self();
        }

        /** @param rate state rate of the relaxation, positive @return this */
        public T stateRate(double rate) {
            return stateRate(new FixedValue<>(rate));
        }

        /** @param rate state rate of the relaxation, positive @return this */
        public T stateRate(ParameterSpace<Double> rate) {
            this.stateRate = rate;
            return self();
        }

        /** @param bound bound c of each level's relaxation step, in [0, 1) @return this */
        public T stepBound(double bound) {
            return stepBound(new FixedValue<>(bound));
        }

        /** @param bound bound c of each level's relaxation step, in [0, 1) @return this */
        public T stepBound(ParameterSpace<Double> bound) {
            this.stepBound = bound;
            return self();
        }

        /** @param estimator how learned precisions are estimated, e.g. an {@link org.precis.arbiter.EnumSpace} @return this */
        public T precisionEstimator(PrecisionEstimator estimator) {
            return precisionEstimator(new FixedValue<>(estimator));
        }

        /** @param estimator how learned precisions are estimated, e.g. an {@link org.precis.arbiter.EnumSpace} @return this */
        public T precisionEstimator(ParameterSpace<PrecisionEstimator> estimator) {
            this.precisionEstimator = estimator;
            return self();
        }

        /** @param damping damping lambda of the running moments, positive @return this */
        public T precisionDamping(double damping) {
            return precisionDamping(new FixedValue<>(damping));
        }

        /** @param damping damping lambda of the running moments, positive @return this */
        public T precisionDamping(ParameterSpace<Double> damping) {
            this.precisionDamping = damping;
            return self();
        }

        /** @param decay decay beta of the running moments, in (0, 1) @return this */
        public T precisionDecay(double decay) {
            return precisionDecay(new FixedValue<>(decay));
        }

        /** @param decay decay beta of the running moments, in (0, 1) @return this */
        public T precisionDecay(ParameterSpace<Double> decay) {
            this.precisionDecay = decay;
            return self();
        }

        /** @param tolerance early-stop tolerance, {@code >= 0} @return this */
        public T tolerance(double tolerance) {
            return tolerance(new FixedValue<>(tolerance));
        }

        /** @param tolerance early-stop tolerance, {@code >= 0} @return this */
        public T tolerance(ParameterSpace<Double> tolerance) {
            this.tolerance = tolerance;
            return self();
        }

        /** @param precision initial value of every learnable precision @return this */
        public T initialPrecision(double precision) {
            return initialPrecision(new FixedValue<>(precision));
        }

        /** @param precision initial value of every learnable precision @return this */
        public T initialPrecision(ParameterSpace<Double> precision) {
            this.initialPrecision = precision;
            return self();
        }

        /** @param floor lower bound on any variance @return this */
        public T varianceFloor(double floor) {
            return varianceFloor(new FixedValue<>(floor));
        }

        /** @param floor lower bound on any variance @return this */
        public T varianceFloor(ParameterSpace<Double> floor) {
            this.varianceFloor = floor;
            return self();
        }

        /** @param ceiling upper bound on any variance @return this */
        public T varianceCeiling(double ceiling) {
            return varianceCeiling(new FixedValue<>(ceiling));
        }

        /** @param ceiling upper bound on any variance @return this */
        public T varianceCeiling(ParameterSpace<Double> ceiling) {
            this.varianceCeiling = ceiling;
            return self();
        }

        /** @param updater updater of the precision parameters @return this */
        public T precisionUpdater(IUpdater updater) {
            return precisionUpdater(new FixedValue<>(updater));
        }

        /** @param updater updater of the precision parameters, e.g. an {@code AdamSpace} @return this */
        public T precisionUpdater(ParameterSpace<IUpdater> updater) {
            this.precisionUpdater = updater;
            return self();
        }
    }
}
