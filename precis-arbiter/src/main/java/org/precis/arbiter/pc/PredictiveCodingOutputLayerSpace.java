package org.precis.arbiter.pc;

import java.util.Objects;
import org.deeplearning4j.arbiter.layers.FeedForwardLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.arbiter.EnumSpace;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;

/**
 * Arbiter search space of a supervised {@link PredictiveCodingOutputLayer}: every option of the layer that is a
 * hyperparameter can be fixed or searched, beside those Arbiter's {@code FeedForwardLayerSpace} already covers
 * ({@code nIn}, {@code nOut}, output activation, weight init, updater, l1/l2, dropout...). A dimension left
 * unset keeps the layer's documented default. Used like {@code DenseLayerSpace}:
 * <pre>{@code
 * MultiLayerSpace space = new MultiLayerSpace.Builder()
 *         .updater(new AdamSpace(new ContinuousParameterSpace(1e-4, 1e-2), ...))
 *         .addLayer(new PredictiveCodingOutputLayerSpace.Builder()
 *                 .nIn(784).nOut(10)
 *                 .hiddenLayerSizes(new HiddenSizesSpace(2, new IntegerParameterSpace(64, 256)))
 *                 .relaxationSteps(new IntegerParameterSpace(5, 40))
 *                 .stateRate(new ContinuousParameterSpace(0.02, 0.2))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>The top energy decides two options the layer ties to it (its {@code validate} refuses any other pairing):
 * with {@link TopEnergy#CATEGORICAL} (the default) the output activation is softmax and the output level has no
 * precision, whatever {@code activation} and {@code outputPrecision} say; with {@link TopEnergy#GAUSSIAN} they
 * apply, the activation defaulting to identity. So a search over the top energy never produces a configuration
 * the layer rejects on that account.
 *
 * <p>Not every combination of independent ranges is valid: the layer requires {@code 1 / initialPrecision}
 * within {@code [varianceFloor, varianceCeiling]}. Choose ranges that respect it; a sampled candidate that does
 * not is reported by Arbiter as failed, with the layer's message naming the option.
 */
public class PredictiveCodingOutputLayerSpace extends FeedForwardLayerSpace<PredictiveCodingOutputLayer> {

    private ParameterSpace<int[]> hiddenLayerSizes;
    private ParameterSpace<Activation> hiddenActivation;
    private ParameterSpace<PrecisionForm> hiddenPrecision;
    private ParameterSpace<PrecisionForm> outputPrecision;
    private ParameterSpace<TopEnergy> topEnergy;
    private ParameterSpace<Integer> relaxationSteps;
    private ParameterSpace<Double> stateRate;
    private ParameterSpace<Double> tolerance;
    private ParameterSpace<Double> initialPrecision;
    private ParameterSpace<Double> varianceFloor;
    private ParameterSpace<Double> varianceCeiling;
    private ParameterSpace<IUpdater> precisionUpdater;
    private ParameterSpace<InferenceMode> inferenceMode;

    /** For JSON/YAML deserialisation. */
    protected PredictiveCodingOutputLayerSpace() {
    }

    /** @param builder the dimensions */
    protected PredictiveCodingOutputLayerSpace(Builder builder) {
        super(builder);
        hiddenLayerSizes = builder.hiddenLayerSizes;
        hiddenActivation = builder.hiddenActivation;
        hiddenPrecision = builder.hiddenPrecision;
        outputPrecision = builder.outputPrecision;
        topEnergy = builder.topEnergy;
        relaxationSteps = builder.relaxationSteps;
        stateRate = builder.stateRate;
        tolerance = builder.tolerance;
        initialPrecision = builder.initialPrecision;
        varianceFloor = builder.varianceFloor;
        varianceCeiling = builder.varianceCeiling;
        precisionUpdater = builder.precisionUpdater;
        inferenceMode = builder.inferenceMode;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    /**
     * The layer for one point of the space.
     *
     * @param parameterValues one value in [0, 1] per searched dimension, at the indices Arbiter assigned
     * @throws IllegalArgumentException from the layer's validation when the values are inconsistent
     */
    @Override
    public PredictiveCodingOutputLayer getValue(double[] parameterValues) {
        PredictiveCodingOutputLayer.Builder b = new PredictiveCodingOutputLayer.Builder();
        setLayerOptionsBuilder(b, parameterValues);
        TopEnergy top = topEnergy == null ? TopEnergy.CATEGORICAL : topEnergy.getValue(parameterValues);
        b.topEnergy(top);
        if (top == TopEnergy.CATEGORICAL) {
            b.activation(Activation.SOFTMAX).outputPrecision(PrecisionForm.NONE);
        } else {
            if (activationFunction == null) {
                b.activation(Activation.IDENTITY);
            }
            if (outputPrecision != null) {
                b.outputPrecision(outputPrecision.getValue(parameterValues));
            }
        }
        if (hiddenLayerSizes != null) {
            b.hiddenLayerSizes(hiddenLayerSizes.getValue(parameterValues));
        }
        if (hiddenActivation != null) {
            b.hiddenActivation(hiddenActivation.getValue(parameterValues));
        }
        if (hiddenPrecision != null) {
            b.hiddenPrecision(hiddenPrecision.getValue(parameterValues));
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
        if (inferenceMode != null) {
            b.inferenceMode(inferenceMode.getValue(parameterValues));
        }
        return b.build();
    }

    /** @return the hidden level sizes (default: the layer's, no hidden level) */
    public ParameterSpace<int[]> getHiddenLayerSizes() {
        return hiddenLayerSizes;
    }

    /** @return the activation of every hidden level (default {@link PredictiveCodingOutputLayer#DEFAULT_HIDDEN_ACTIVATION}) */
    public ParameterSpace<Activation> getHiddenActivation() {
        return hiddenActivation;
    }

    /** @return the precision form of every hidden level (default {@link PrecisionForm#NONE}) */
    public ParameterSpace<PrecisionForm> getHiddenPrecision() {
        return hiddenPrecision;
    }

    /** @return the precision form of the output level, used with a Gaussian top (default {@link PrecisionForm#NONE}) */
    public ParameterSpace<PrecisionForm> getOutputPrecision() {
        return outputPrecision;
    }

    /** @return the top energy (default {@link TopEnergy#CATEGORICAL}) */
    public ParameterSpace<TopEnergy> getTopEnergy() {
        return topEnergy;
    }

    /** @return relaxation steps T (default {@value PredictiveCodingOutputLayer#DEFAULT_RELAXATION_STEPS}) */
    public ParameterSpace<Integer> getRelaxationSteps() {
        return relaxationSteps;
    }

    /** @return the state rate (default {@value PredictiveCodingOutputLayer#DEFAULT_STATE_RATE}) */
    public ParameterSpace<Double> getStateRate() {
        return stateRate;
    }

    /** @return the early-stop tolerance (default {@value PredictiveCodingOutputLayer#DEFAULT_TOLERANCE}) */
    public ParameterSpace<Double> getTolerance() {
        return tolerance;
    }

    /** @return the initial precision (default {@value PredictiveCodingOutputLayer#DEFAULT_INITIAL_PRECISION}) */
    public ParameterSpace<Double> getInitialPrecision() {
        return initialPrecision;
    }

    /** @return the variance floor (default {@value PredictiveCodingOutputLayer#DEFAULT_VARIANCE_FLOOR}) */
    public ParameterSpace<Double> getVarianceFloor() {
        return varianceFloor;
    }

    /** @return the variance ceiling (default {@value PredictiveCodingOutputLayer#DEFAULT_VARIANCE_CEILING}) */
    public ParameterSpace<Double> getVarianceCeiling() {
        return varianceCeiling;
    }

    /** @return the updater of the precision parameters (default: the layer's updater) */
    public ParameterSpace<IUpdater> getPrecisionUpdater() {
        return precisionUpdater;
    }

    /** @return the inference mode (default {@link InferenceMode#FEED_FORWARD}) */
    public ParameterSpace<InferenceMode> getInferenceMode() {
        return inferenceMode;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PredictiveCodingOutputLayerSpace s) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(hiddenLayerSizes, s.hiddenLayerSizes) && Objects.equals(hiddenActivation, s.hiddenActivation)
                && Objects.equals(hiddenPrecision, s.hiddenPrecision) && Objects.equals(outputPrecision, s.outputPrecision)
                && Objects.equals(topEnergy, s.topEnergy) && Objects.equals(relaxationSteps, s.relaxationSteps)
                && Objects.equals(stateRate, s.stateRate) && Objects.equals(tolerance, s.tolerance)
                && Objects.equals(initialPrecision, s.initialPrecision) && Objects.equals(varianceFloor, s.varianceFloor)
                && Objects.equals(varianceCeiling, s.varianceCeiling)
                && Objects.equals(precisionUpdater, s.precisionUpdater) && Objects.equals(inferenceMode, s.inferenceMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), hiddenLayerSizes, hiddenActivation, hiddenPrecision, outputPrecision,
                topEnergy, relaxationSteps, stateRate, tolerance, initialPrecision, varianceFloor, varianceCeiling,
                precisionUpdater, inferenceMode);
    }

    @Override
    public String toString() {
        return "PredictiveCodingOutputLayerSpace(" + toString(", ") + ")";
    }

    /**
     * Builder of {@link PredictiveCodingOutputLayerSpace}. Each option takes a fixed value or a space; an option
     * not called keeps the layer's default.
     */
    public static class Builder extends FeedForwardLayerSpace.Builder<Builder> {

        private ParameterSpace<int[]> hiddenLayerSizes;
        private ParameterSpace<Activation> hiddenActivation;
        private ParameterSpace<PrecisionForm> hiddenPrecision;
        private ParameterSpace<PrecisionForm> outputPrecision;
        private ParameterSpace<TopEnergy> topEnergy;
        private ParameterSpace<Integer> relaxationSteps;
        private ParameterSpace<Double> stateRate;
        private ParameterSpace<Double> tolerance;
        private ParameterSpace<Double> initialPrecision;
        private ParameterSpace<Double> varianceFloor;
        private ParameterSpace<Double> varianceCeiling;
        private ParameterSpace<IUpdater> precisionUpdater;
        private ParameterSpace<InferenceMode> inferenceMode;

        /** @param sizes fixed hidden level sizes, bottom first @return this */
        public Builder hiddenLayerSizes(int... sizes) {
            return hiddenLayerSizes(new FixedSizesSpace(sizes));
        }

        /** @param sizes hidden level sizes: a {@link HiddenSizesSpace} or {@link FixedSizesSpace} @return this */
        public Builder hiddenLayerSizes(ParameterSpace<int[]> sizes) {
            this.hiddenLayerSizes = sizes;
            return this;
        }

        /** @param activation activation of every hidden level @return this */
        public Builder hiddenActivation(Activation activation) {
            return hiddenActivation(new FixedValue<>(activation));
        }

        /** @param activation activation of every hidden level, e.g. an {@link EnumSpace} @return this */
        public Builder hiddenActivation(ParameterSpace<Activation> activation) {
            this.hiddenActivation = activation;
            return this;
        }

        /** @param form precision form of every hidden level @return this */
        public Builder hiddenPrecision(PrecisionForm form) {
            return hiddenPrecision(new FixedValue<>(form));
        }

        /** @param form precision form of every hidden level @return this */
        public Builder hiddenPrecision(ParameterSpace<PrecisionForm> form) {
            this.hiddenPrecision = form;
            return this;
        }

        /** @param form precision form of the output level (Gaussian top only) @return this */
        public Builder outputPrecision(PrecisionForm form) {
            return outputPrecision(new FixedValue<>(form));
        }

        /** @param form precision form of the output level (Gaussian top only) @return this */
        public Builder outputPrecision(ParameterSpace<PrecisionForm> form) {
            this.outputPrecision = form;
            return this;
        }

        /** @param top energy of the clamped top level @return this */
        public Builder topEnergy(TopEnergy top) {
            return topEnergy(new FixedValue<>(top));
        }

        /** @param top energy of the clamped top level @return this */
        public Builder topEnergy(ParameterSpace<TopEnergy> top) {
            this.topEnergy = top;
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

        /** @param mode how the output is computed at test time @return this */
        public Builder inferenceMode(InferenceMode mode) {
            return inferenceMode(new FixedValue<>(mode));
        }

        /** @param mode how the output is computed at test time @return this */
        public Builder inferenceMode(ParameterSpace<InferenceMode> mode) {
            this.inferenceMode = mode;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PredictiveCodingOutputLayerSpace build() {
            return new PredictiveCodingOutputLayerSpace(this);
        }
    }
}
