package org.precis.arbiter.pc;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.nd4j.linalg.activations.Activation;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.conf.WeightPreconditioner;

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
 * <p>The relaxation and precision dimensions are those of {@link RelaxationLayerSpace}, with its caution about
 * ranges that the layer rejects together. Convolutional levels are searched by a {@link ConvolutionalLevelsSpace}
 * (channels, kernel size, pooling) on a fixed {@code inputShape}.
 */
public class PredictiveCodingOutputLayerSpace extends RelaxationLayerSpace<PredictiveCodingOutputLayer> {

    private ParameterSpace<int[]> hiddenLayerSizes;
    private ParameterSpace<ConvolutionalLevel[]> convolutionalLevels;
    private int[] inputShape;
    private ParameterSpace<PrecisionForm> hiddenPrecision;
    private ParameterSpace<PrecisionForm> outputPrecision;
    private ParameterSpace<TopEnergy> topEnergy;
    private ParameterSpace<InferenceMode> inferenceMode;
    private ParameterSpace<WeightPreconditioner> weightPreconditioner;
    private ParameterSpace<Double> kroneckerDamping;
    private ParameterSpace<Double> kroneckerDecay;
    private ParameterSpace<Integer> kroneckerInversePeriod;
    private ParameterSpace<Double> kroneckerKlClip;

    /** For JSON/YAML deserialisation. */
    protected PredictiveCodingOutputLayerSpace() {
    }

    /** @param builder the dimensions */
    protected PredictiveCodingOutputLayerSpace(Builder builder) {
        super(builder);
        hiddenLayerSizes = builder.hiddenLayerSizes;
        convolutionalLevels = builder.convolutionalLevels;
        inputShape = builder.inputShape == null ? null : builder.inputShape.clone();
        hiddenPrecision = builder.hiddenPrecision;
        outputPrecision = builder.outputPrecision;
        topEnergy = builder.topEnergy;
        inferenceMode = builder.inferenceMode;
        weightPreconditioner = builder.weightPreconditioner;
        kroneckerDamping = builder.kroneckerDamping;
        kroneckerDecay = builder.kroneckerDecay;
        kroneckerInversePeriod = builder.kroneckerInversePeriod;
        kroneckerKlClip = builder.kroneckerKlClip;
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
        setRelaxationOptions(b, parameterValues);
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
        if (convolutionalLevels != null) {
            b.convolutionalLevels(convolutionalLevels.getValue(parameterValues));
        }
        if (inputShape != null) {
            b.inputShape(inputShape[0], inputShape[1], inputShape[2]);
        }
        if (hiddenPrecision != null) {
            b.hiddenPrecision(hiddenPrecision.getValue(parameterValues));
        }
        if (inferenceMode != null) {
            b.inferenceMode(inferenceMode.getValue(parameterValues));
        }
        if (weightPreconditioner != null) {
            b.weightPreconditioner(weightPreconditioner.getValue(parameterValues));
        }
        if (kroneckerDamping != null) {
            b.kroneckerDamping(kroneckerDamping.getValue(parameterValues));
        }
        if (kroneckerDecay != null) {
            b.kroneckerDecay(kroneckerDecay.getValue(parameterValues));
        }
        if (kroneckerInversePeriod != null) {
            b.kroneckerInversePeriod(kroneckerInversePeriod.getValue(parameterValues));
        }
        if (kroneckerKlClip != null) {
            b.kroneckerKlClip(kroneckerKlClip.getValue(parameterValues));
        }
        return b.build();
    }

    /** @return the hidden level sizes (default: the layer's, no hidden level) */
    public ParameterSpace<int[]> getHiddenLayerSizes() {
        return hiddenLayerSizes;
    }

    /** @return the convolutional levels below the hidden levels (default: the layer's, none) */
    public ParameterSpace<ConvolutionalLevel[]> getConvolutionalLevels() {
        return convolutionalLevels;
    }

    /** @return {channels, height, width} of the input, for convolutional levels (default: not set) */
    public int[] getInputShape() {
        return inputShape == null ? null : inputShape.clone();
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

    /** @return the inference mode (default {@link InferenceMode#FEED_FORWARD}) */
    public ParameterSpace<InferenceMode> getInferenceMode() {
        return inferenceMode;
    }

    /** @return the weight preconditioner (default {@link WeightPreconditioner#NONE}) */
    public ParameterSpace<WeightPreconditioner> getWeightPreconditioner() {
        return weightPreconditioner;
    }

    /** @return the damping of the Kronecker weight step (default: the layer's, 1e-3) */
    public ParameterSpace<Double> getKroneckerDamping() {
        return kroneckerDamping;
    }

    /** @return the decay of the Kronecker factors (default: the layer's, 0.95) */
    public ParameterSpace<Double> getKroneckerDecay() {
        return kroneckerDecay;
    }

    /** @return batches between inversions of the Kronecker factors (default: the layer's, 10) */
    public ParameterSpace<Integer> getKroneckerInversePeriod() {
        return kroneckerInversePeriod;
    }

    /** @return the KL clip of the Kronecker weight step (default: the layer's, 1e-3) */
    public ParameterSpace<Double> getKroneckerKlClip() {
        return kroneckerKlClip;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PredictiveCodingOutputLayerSpace s) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(hiddenLayerSizes, s.hiddenLayerSizes)
                && Objects.equals(convolutionalLevels, s.convolutionalLevels)
                && Arrays.equals(inputShape, s.inputShape)
                && Objects.equals(hiddenPrecision, s.hiddenPrecision) && Objects.equals(outputPrecision, s.outputPrecision)
                && Objects.equals(topEnergy, s.topEnergy) && Objects.equals(inferenceMode, s.inferenceMode)
                && Objects.equals(weightPreconditioner, s.weightPreconditioner)
                && Objects.equals(kroneckerDamping, s.kroneckerDamping) && Objects.equals(kroneckerDecay, s.kroneckerDecay)
                && Objects.equals(kroneckerInversePeriod, s.kroneckerInversePeriod)
                && Objects.equals(kroneckerKlClip, s.kroneckerKlClip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), hiddenLayerSizes, convolutionalLevels, Arrays.hashCode(inputShape),
                hiddenPrecision, outputPrecision, topEnergy, inferenceMode, weightPreconditioner, kroneckerDamping,
                kroneckerDecay, kroneckerInversePeriod, kroneckerKlClip);
    }

    @Override
    public String toString() {
        return "PredictiveCodingOutputLayerSpace(" + toString(", ") + ")";
    }

    /**
     * Builder of {@link PredictiveCodingOutputLayerSpace}. Each option takes a fixed value or a space; an option
     * not called keeps the layer's default.
     */
    public static class Builder extends RelaxationLayerSpace.Builder<Builder> {

        private ParameterSpace<int[]> hiddenLayerSizes;
        private ParameterSpace<ConvolutionalLevel[]> convolutionalLevels;
        private int[] inputShape;
        private ParameterSpace<PrecisionForm> hiddenPrecision;
        private ParameterSpace<PrecisionForm> outputPrecision;
        private ParameterSpace<TopEnergy> topEnergy;
        private ParameterSpace<InferenceMode> inferenceMode;
        private ParameterSpace<WeightPreconditioner> weightPreconditioner;
        private ParameterSpace<Double> kroneckerDamping;
        private ParameterSpace<Double> kroneckerDecay;
        private ParameterSpace<Integer> kroneckerInversePeriod;
        private ParameterSpace<Double> kroneckerKlClip;

        /** @param sizes fixed hidden level sizes, bottom first @return this */
        public Builder hiddenLayerSizes(int... sizes) {
            return hiddenLayerSizes(new FixedSizesSpace(sizes));
        }

        /** @param sizes hidden level sizes: a {@link HiddenSizesSpace} or {@link FixedSizesSpace} @return this */
        public Builder hiddenLayerSizes(ParameterSpace<int[]> sizes) {
            this.hiddenLayerSizes = sizes;
            return this;
        }

        /** @param levels fixed convolutional levels, bottom first @return this */
        public Builder convolutionalLevels(ConvolutionalLevel... levels) {
            return convolutionalLevels(new ConvolutionalLevelsSpace.Builder(levels).build());
        }

        /** @param levels convolutional levels: a {@link ConvolutionalLevelsSpace} @return this */
        public Builder convolutionalLevels(ParameterSpace<ConvolutionalLevel[]> levels) {
            this.convolutionalLevels = levels;
            return this;
        }

        /**
         * @param channels input channels
         * @param height image height
         * @param width image width
         * @return this
         */
        public Builder inputShape(int channels, int height, int width) {
            this.inputShape = new int[] {channels, height, width};
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

        /** @param mode how the output is computed at test time @return this */
        public Builder inferenceMode(InferenceMode mode) {
            return inferenceMode(new FixedValue<>(mode));
        }

        /** @param mode how the output is computed at test time @return this */
        public Builder inferenceMode(ParameterSpace<InferenceMode> mode) {
            this.inferenceMode = mode;
            return this;
        }

        /** @param preconditioner what is done to the local weight gradients @return this */
        public Builder weightPreconditioner(WeightPreconditioner preconditioner) {
            return weightPreconditioner(new FixedValue<>(preconditioner));
        }

        /** @param preconditioner what is done to the local weight gradients @return this */
        public Builder weightPreconditioner(ParameterSpace<WeightPreconditioner> preconditioner) {
            this.weightPreconditioner = preconditioner;
            return this;
        }

        /** @param damping damping of the Kronecker weight step, positive @return this */
        public Builder kroneckerDamping(double damping) {
            return kroneckerDamping(new FixedValue<>(damping));
        }

        /** @param damping damping of the Kronecker weight step, positive @return this */
        public Builder kroneckerDamping(ParameterSpace<Double> damping) {
            this.kroneckerDamping = damping;
            return this;
        }

        /** @param decay decay of the Kronecker factors, in [0, 1) @return this */
        public Builder kroneckerDecay(double decay) {
            return kroneckerDecay(new FixedValue<>(decay));
        }

        /** @param decay decay of the Kronecker factors, in [0, 1) @return this */
        public Builder kroneckerDecay(ParameterSpace<Double> decay) {
            this.kroneckerDecay = decay;
            return this;
        }

        /** @param period batches between inversions, at least 1 @return this */
        public Builder kroneckerInversePeriod(int period) {
            return kroneckerInversePeriod(new FixedValue<>(period));
        }

        /** @param period batches between inversions, at least 1 @return this */
        public Builder kroneckerInversePeriod(ParameterSpace<Integer> period) {
            this.kroneckerInversePeriod = period;
            return this;
        }

        /** @param clip KL clip of the Kronecker weight step, {@code >= 0} (0: no clip) @return this */
        public Builder kroneckerKlClip(double clip) {
            return kroneckerKlClip(new FixedValue<>(clip));
        }

        /** @param clip KL clip of the Kronecker weight step, {@code >= 0} (0: no clip) @return this */
        public Builder kroneckerKlClip(ParameterSpace<Double> clip) {
            this.kroneckerKlClip = clip;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PredictiveCodingOutputLayerSpace build() {
            return new PredictiveCodingOutputLayerSpace(this);
        }
    }
}
