package org.precis.arbiter.pc;

import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.precis.arbiter.EnumSpace;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
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
    private ParameterSpace<PrecisionForm> dataPrecision;
    private ParameterSpace<PrecisionForm> latentPrecision;
    private ParameterSpace<GenerativeStart> start;

    /** For JSON/YAML deserialisation. */
    protected GenerativePcLayerSpace() {
    }

    /** @param builder the dimensions */
    protected GenerativePcLayerSpace(Builder builder) {
        super(builder);
        latentSizes = Objects.requireNonNull(builder.latentSizes, "GenerativePcLayerSpace: latentSizes is required");
        precision = builder.precision;
        dataPrecision = builder.dataPrecision;
        latentPrecision = builder.latentPrecision;
        start = builder.start;
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
        if (dataPrecision != null) {
            b.dataPrecision(dataPrecision.getValue(parameterValues));
        }
        if (latentPrecision != null) {
            b.latentPrecision(latentPrecision.getValue(parameterValues));
        }
        if (start != null) {
            b.start(start.getValue(parameterValues));
        }
        return b.build();
    }

    /** @return the latent level sizes, bottom first (required, no default) */
    public ParameterSpace<int[]> getLatentSizes() {
        return latentSizes;
    }

    /** @return the precision form of the data level (default: the layer's, diagonal) */
    public ParameterSpace<PrecisionForm> getDataPrecision() {
        return dataPrecision;
    }

    /** @return the precision form of every latent level (default: the layer's, none) */
    public ParameterSpace<PrecisionForm> getLatentPrecision() {
        return latentPrecision;
    }

    /** @return where relaxation starts (default: the layer's, the prior) */
    public ParameterSpace<GenerativeStart> getStart() {
        return start;
    }

    /** @return the precision form of every level, data and prior included (default: the layer's per-level defaults) */
    public ParameterSpace<PrecisionForm> getPrecision() {
        return precision;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GenerativePcLayerSpace s) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(latentSizes, s.latentSizes)
                && Objects.equals(precision, s.precision) && Objects.equals(dataPrecision, s.dataPrecision)
                && Objects.equals(latentPrecision, s.latentPrecision) && Objects.equals(start, s.start);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latentSizes, precision, dataPrecision, latentPrecision, start);
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
        private ParameterSpace<PrecisionForm> dataPrecision;
        private ParameterSpace<PrecisionForm> latentPrecision;
        private ParameterSpace<GenerativeStart> start;

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
        /** @param form precision form of the data level @return this */
        public Builder dataPrecision(PrecisionForm form) {
            return dataPrecision(new FixedValue<>(form));
        }

        /** @param form precision form of the data level, e.g. an {@link org.precis.arbiter.EnumSpace} @return this */
        public Builder dataPrecision(ParameterSpace<PrecisionForm> form) {
            this.dataPrecision = form;
            return this;
        }

        /** @param form precision form of every latent level @return this */
        public Builder latentPrecision(PrecisionForm form) {
            return latentPrecision(new FixedValue<>(form));
        }

        /** @param form precision form of every latent level @return this */
        public Builder latentPrecision(ParameterSpace<PrecisionForm> form) {
            this.latentPrecision = form;
            return this;
        }

        /** @param start where relaxation starts @return this */
        public Builder start(GenerativeStart start) {
            return start(new FixedValue<>(start));
        }

        /** @param start where relaxation starts @return this */
        public Builder start(ParameterSpace<GenerativeStart> start) {
            this.start = start;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GenerativePcLayerSpace build() {
            return new GenerativePcLayerSpace(this);
        }
    }
}
