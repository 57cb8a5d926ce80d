package org.precis.arbiter.pc;

import java.util.Objects;
import org.deeplearning4j.arbiter.layers.FeedForwardLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.arbiter.EnumSpace;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.generative.GenerativePcLayer;

/**
 * Arbiter search space of a generative (unsupervised) {@link GenerativePcLayer}: every option of the layer that is
 * a hyperparameter can be fixed or searched, beside those Arbiter's {@code FeedForwardLayerSpace} already covers
 * ({@code nIn}, weight init, updater, l1/l2, dropout...). A dimension left unset keeps the layer's documented
 * default. Used like {@code DenseLayerSpace}, and the network pretrained:
 * <pre>{@code
 * MultiLayerSpace space = new MultiLayerSpace.Builder()
 *         .updater(new AdamSpace(new ContinuousParameterSpace(1e-4, 1e-2), ...))
 *         .addLayer(new GenerativePcLayerSpace.Builder()
 *                 .nIn(784)
 *                 .latentSizes(new HiddenSizesSpace(new IntegerParameterSpace(1, 3), new IntegerParameterSpace(32, 256)))
 *                 .relaxationSteps(new IntegerParameterSpace(5, 40))
 *                 .stateRate(new ContinuousParameterSpace(0.02, 0.2))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>The {@code latentSizes} dimension is required (the layer has no default) and must yield at least one level:
 * with a {@link HiddenSizesSpace}, a number of levels {@code >= 1}. The layer's {@code activation} is the data
 * activation f_0, so Arbiter's {@code activation(...)} searches it (layer default: identity). {@code nOut} is not
 * an option: the layer derives it from its embedding levels, which keep the layer's default, the top level only,
 * because a choice of levels depends on the sampled depth.
 *
 * <p>Not every combination of independent ranges is valid: the layer requires {@code 1 / initialPrecision}
 * within {@code [varianceFloor, varianceCeiling]}. Choose ranges that respect it; a sampled candidate that does
 * not is reported by Arbiter as failed, with the layer's message naming the option.
 */
public class GenerativePcLayerSpace extends FeedForwardLayerSpace<GenerativePcLayer> {

    private ParameterSpace<int[]> latentSizes;
    private ParameterSpace<Activation> hiddenActivation;
    private ParameterSpace<PrecisionForm> precision;
    private ParameterSpace<Integer> relaxationSteps;
    private ParameterSpace<Double> stateRate;
    private ParameterSpace<Double> tolerance;
    private ParameterSpace<Double> initialPrecision;
    private ParameterSpace<Double> varianceFloor;
    private ParameterSpace<Double> varianceCeiling;
    private ParameterSpace<IUpdater> precisionUpdater;

    /** For JSON/YAML deserialisation. */
    protected GenerativePcLayerSpace() {
    }

    /** @param builder the dimensions */
    protected GenerativePcLayerSpace(Builder builder) {
        super(builder);
        latentSizes = Objects.requireNonNull(builder.latentSizes, "GenerativePcLayerSpace: latentSizes is required");
        hiddenActivation = builder.hiddenActivation;
        precision = builder.precision;
        relaxationSteps = builder.relaxationSteps;
        stateRate = builder.stateRate;
        tolerance = builder.tolerance;
        initialPrecision = builder.initialPrecision;
        varianceFloor = builder.varianceFloor;
        varianceCeiling = builder.varianceCeiling;
        precisionUpdater = builder.precisionUpdater;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    /**
     * The layer for one point of the space.
     *
     * @param parameterValues one value in [0, 1] per searched dimension, at the indices Arbiter assigned
     * @throws IllegalArgumentException from the layer's validation when the values are inconsistent
     */
    @Override
    public GenerativePcLayer getValue(double[] parameterValues) {
        GenerativePcLayer.Builder b = new GenerativePcLayer.Builder();
        setLayerOptionsBuilder(b, parameterValues);
        b.latentSizes(latentSizes.getValue(parameterValues));
        if (hiddenActivation != null) {
            b.hiddenActivation(hiddenActivation.getValue(parameterValues));
        }
        if (precision != null) {
            b.precision(precision.getValue(parameterValues));
        }
        if (relaxationSteps != null) {
            b.relaxationSteps(relaxationSteps.getValue(parameterValues));
        }
        if (stateRate != null) {
            b.stateRate(stateRate.getValue(parameterValues));
        }
        if (tolerance != null) {
            b.tolerance(tolerance.getValue(parameterValues));
        }
        if (initialPrecision != null) {
            b.initialPrecision(initialPrecision.getValue(parameterValues));
        }
        if (varianceFloor != null) {
            b.varianceFloor(varianceFloor.getValue(parameterValues));
        }
        if (varianceCeiling != null) {
            b.varianceCeiling(varianceCeiling.getValue(parameterValues));
        }
        if (precisionUpdater != null) {
            b.precisionUpdater(precisionUpdater.getValue(parameterValues));
        }
        return b.build();
    }

    /** @return the latent level sizes, bottom first (required, no default) */
    public ParameterSpace<int[]> getLatentSizes() {
        return latentSizes;
    }

    /** @return the activation predicting every latent level below the top (default {@link GenerativePcLayer#DEFAULT_HIDDEN_ACTIVATION}) */
    public ParameterSpace<Activation> getHiddenActivation() {
        return hiddenActivation;
    }

    /** @return the precision form of every level, data and prior included (default {@link PrecisionForm#NONE}) */
    public ParameterSpace<PrecisionForm> getPrecision() {
        return precision;
    }

    /** @return relaxation steps T (default {@value GenerativePcLayer#DEFAULT_RELAXATION_STEPS}) */
    public ParameterSpace<Integer> getRelaxationSteps() {
        return relaxationSteps;
    }

    /** @return the state rate (default {@value GenerativePcLayer#DEFAULT_STATE_RATE}) */
    public ParameterSpace<Double> getStateRate() {
        return stateRate;
    }

    /** @return the early-stop tolerance (default {@value GenerativePcLayer#DEFAULT_TOLERANCE}) */
    public ParameterSpace<Double> getTolerance() {
        return tolerance;
    }

    /** @return the initial precision (default {@value GenerativePcLayer#DEFAULT_INITIAL_PRECISION}) */
    public ParameterSpace<Double> getInitialPrecision() {
        return initialPrecision;
    }

    /** @return the variance floor (default {@value GenerativePcLayer#DEFAULT_VARIANCE_FLOOR}) */
    public ParameterSpace<Double> getVarianceFloor() {
        return varianceFloor;
    }

    /** @return the variance ceiling (default {@value GenerativePcLayer#DEFAULT_VARIANCE_CEILING}) */
    public ParameterSpace<Double> getVarianceCeiling() {
        return varianceCeiling;
    }

    /** @return the updater of the precision parameters (default: the layer's updater) */
    public ParameterSpace<IUpdater> getPrecisionUpdater() {
        return precisionUpdater;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GenerativePcLayerSpace s) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(latentSizes, s.latentSizes) && Objects.equals(hiddenActivation, s.hiddenActivation)
                && Objects.equals(precision, s.precision) && Objects.equals(relaxationSteps, s.relaxationSteps)
                && Objects.equals(stateRate, s.stateRate) && Objects.equals(tolerance, s.tolerance)
                && Objects.equals(initialPrecision, s.initialPrecision) && Objects.equals(varianceFloor, s.varianceFloor)
                && Objects.equals(varianceCeiling, s.varianceCeiling)
                && Objects.equals(precisionUpdater, s.precisionUpdater);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latentSizes, hiddenActivation, precision, relaxationSteps, stateRate,
                tolerance, initialPrecision, varianceFloor, varianceCeiling, precisionUpdater);
    }

    @Override
    public String toString() {
        return "GenerativePcLayerSpace(" + toString(", ") + ")";
    }

    /**
     * Builder of {@link GenerativePcLayerSpace}. {@code latentSizes} is required; each other option takes a fixed
     * value or a space, and an option not called keeps the layer's default.
     */
    public static class Builder extends FeedForwardLayerSpace.Builder<Builder> {

        private ParameterSpace<int[]> latentSizes;
        private ParameterSpace<Activation> hiddenActivation;
        private ParameterSpace<PrecisionForm> precision;
        private ParameterSpace<Integer> relaxationSteps;
        private ParameterSpace<Double> stateRate;
        private ParameterSpace<Double> tolerance;
        private ParameterSpace<Double> initialPrecision;
        private ParameterSpace<Double> varianceFloor;
        private ParameterSpace<Double> varianceCeiling;
        private ParameterSpace<IUpdater> precisionUpdater;

        /** @param sizes fixed latent level sizes, bottom first, at least one @return this */
        public Builder latentSizes(int... sizes) {
            return latentSizes(new FixedSizesSpace(sizes));
        }

        /**
         * @param sizes latent level sizes: a {@link HiddenSizesSpace} with at least one level, or a
         *              {@link FixedSizesSpace}
         * @return this
         */
        public Builder latentSizes(ParameterSpace<int[]> sizes) {
            this.latentSizes = sizes;
            return this;
        }

        /** @param activation activation predicting every latent level below the top @return this */
        public Builder hiddenActivation(Activation activation) {
            return hiddenActivation(new FixedValue<>(activation));
        }

        /** @param activation activation predicting every latent level below the top, e.g. an {@link EnumSpace} @return this */
        public Builder hiddenActivation(ParameterSpace<Activation> activation) {
            this.hiddenActivation = activation;
            return this;
        }

        /** @param form precision form of every level, data and prior included @return this */
        public Builder precision(PrecisionForm form) {
            return precision(new FixedValue<>(form));
        }

        /** @param form precision form of every level, data and prior included, e.g. an {@link EnumSpace} @return this */
        public Builder precision(ParameterSpace<PrecisionForm> form) {
            this.precision = form;
            return this;
        }

        /** @param steps relaxation steps T, each {@code >= 1} @return this */
        public Builder relaxationSteps(int steps) {
            return relaxationSteps(new FixedValue<>(steps));
        }

        /** @param steps relaxation steps T, each {@code >= 1} @return this */
        public Builder relaxationSteps(ParameterSpace<Integer> steps) {
            this.relaxationSteps = steps;
            return this;
        }

        /** @param rate state rate of the relaxation, positive @return this */
        public Builder stateRate(double rate) {
            return stateRate(new FixedValue<>(rate));
        }

        /** @param rate state rate of the relaxation, positive @return this */
        public Builder stateRate(ParameterSpace<Double> rate) {
            this.stateRate = rate;
            return this;
        }

        /** @param tolerance early-stop tolerance, {@code >= 0} @return this */
        public Builder tolerance(double tolerance) {
            return tolerance(new FixedValue<>(tolerance));
        }

        /** @param tolerance early-stop tolerance, {@code >= 0} @return this */
        public Builder tolerance(ParameterSpace<Double> tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** @param precision initial value of every learnable precision @return this */
        public Builder initialPrecision(double precision) {
            return initialPrecision(new FixedValue<>(precision));
        }

        /** @param precision initial value of every learnable precision @return this */
        public Builder initialPrecision(ParameterSpace<Double> precision) {
            this.initialPrecision = precision;
            return this;
        }

        /** @param floor lower bound on any variance @return this */
        public Builder varianceFloor(double floor) {
            return varianceFloor(new FixedValue<>(floor));
        }

        /** @param floor lower bound on any variance @return this */
        public Builder varianceFloor(ParameterSpace<Double> floor) {
            this.varianceFloor = floor;
            return this;
        }

        /** @param ceiling upper bound on any variance @return this */
        public Builder varianceCeiling(double ceiling) {
            return varianceCeiling(new FixedValue<>(ceiling));
        }

        /** @param ceiling upper bound on any variance @return this */
        public Builder varianceCeiling(ParameterSpace<Double> ceiling) {
            this.varianceCeiling = ceiling;
            return this;
        }

        /** @param updater updater of the precision parameters @return this */
        public Builder precisionUpdater(IUpdater updater) {
            return precisionUpdater(new FixedValue<>(updater));
        }

        /** @param updater updater of the precision parameters, e.g. an {@code AdamSpace} @return this */
        public Builder precisionUpdater(ParameterSpace<IUpdater> updater) {
            this.precisionUpdater = updater;
            return this;
        }

        /** @throws NullPointerException if {@code latentSizes} was not set */
        @Override
        @SuppressWarnings("unchecked")
        public GenerativePcLayerSpace build() {
            return new GenerativePcLayerSpace(this);
        }
    }
}
