package org.precis.arbiter.pc;

import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.precis.arbiter.EnumSpace;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionForm;

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
 * <p>The relaxation and precision dimensions are those of {@link RelaxationLayerSpace}, with its caution about
 * ranges that the layer rejects together.
 */
public class GenerativePcLayerSpace extends RelaxationLayerSpace<GenerativePcLayer> {

    private ParameterSpace<int[]> latentSizes;
    private ParameterSpace<PrecisionForm> precision;

    /** For JSON/YAML deserialisation. */
    protected GenerativePcLayerSpace() {
    }

    /** @param builder the dimensions */
    protected GenerativePcLayerSpace(Builder builder) {
        super(builder);
        latentSizes = Objects.requireNonNull(builder.latentSizes, "GenerativePcLayerSpace: latentSizes is required");
        precision = builder.precision;
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
        setRelaxationOptions(b, parameterValues);
        b.latentSizes(latentSizes.getValue(parameterValues));
        if (precision != null) {
            b.precision(precision.getValue(parameterValues));
        }
        return b.build();
    }

    /** @return the latent level sizes, bottom first (required, no default) */
    public ParameterSpace<int[]> getLatentSizes() {
        return latentSizes;
    }

    /** @return the precision form of every level, data and prior included (default {@link PrecisionForm#NONE}) */
    public ParameterSpace<PrecisionForm> getPrecision() {
        return precision;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GenerativePcLayerSpace s) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(latentSizes, s.latentSizes)
                && Objects.equals(precision, s.precision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latentSizes, precision);
    }

    @Override
    public String toString() {
        return "GenerativePcLayerSpace(" + toString(", ") + ")";
    }

    /**
     * Builder of {@link GenerativePcLayerSpace}. {@code latentSizes} is required; each other option takes a fixed
     * value or a space, and an option not called keeps the layer's default.
     */
    public static class Builder extends RelaxationLayerSpace.Builder<Builder> {

        private ParameterSpace<int[]> latentSizes;
        private ParameterSpace<PrecisionForm> precision;

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

        /** @param form precision form of every level, data and prior included @return this */
        public Builder precision(PrecisionForm form) {
            return precision(new FixedValue<>(form));
        }

        /** @param form precision form of every level, data and prior included, e.g. an {@link EnumSpace} @return this */
        public Builder precision(ParameterSpace<PrecisionForm> form) {
            this.precision = form;
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
