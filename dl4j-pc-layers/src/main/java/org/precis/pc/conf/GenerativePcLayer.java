package org.precis.pc.conf;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.precis.pc.layers.GenerativePcLayerImpl;

/**
 * Configuration of the generative (unsupervised) predictive-coding layer: a deterministic PC auto-encoder with
 * no encoder, a <em>pretrain</em> layer like DL4J's {@code VariationalAutoencoder} (Ofner et al. 2021,
 * arXiv 2111.06942; {@code algorithms.md} §1, "Generative direction").
 *
 * <p>Levels 0..L: level 0 is the data (clamped to the layer input, {@code nIn} units), levels 1..L are latents of
 * {@link #getLatentSizes() latentSizes}. Each level l &lt; L is predicted from the level above,
 * mu_l = f_l(x_{l+1} W_{l+1} + b_{l+1}); the top level has a Gaussian prior N(m, Pi_L^-1) with a learnable
 * mean m. The energy is F = sum_{l=0..L} [1/2 e_l^T Pi_l e_l - 1/2 log det Pi_l], e_l = x_l - mu_l.
 *
 * <p>Training ({@code net.pretrain(iter)} or {@code net.pretrainLayer(i, iter)}), per batch: latents start at the
 * top-down sweep from the prior mean, descend F for {@link #getRelaxationSteps() T} steps at the
 * {@link #getStateRate() state rate}, then the local gradients of F are written into the gradient views and the
 * layer's updater applies them. Afterwards {@code activate} infers the latents of its input the same way and
 * returns those of the {@link #getEmbeddingLevels() embedding levels}, concatenated bottom first, so
 * {@code nOut} is the sum of their sizes (set by the builder).
 *
 * <p>Every parameter is a pretrain parameter: a network's supervised {@code fit} leaves this layer unchanged,
 * and, since there is no encoder to differentiate, it passes a zero error signal to the layers below it. Put it
 * first in a network, or train the layers below it before.
 *
 * <p>Activations: {@link #getHiddenActivations() hiddenActivations} f_1..f_{L-1} predict the latent levels; the
 * layer's {@code activation} f_0 predicts the data (default identity: a Gaussian energy on the data).
 */
public class GenerativePcLayer extends RelaxationLayer {

    /**
     * Default state rate eta_x: the rate of the {@code autoencode} measurements on Fashion-MNIST (levels 256/64/16,
     * T = 20 and 60), ten times the supervised layer's because every latent level starts from the prior and must
     * travel to its posterior value within T steps, where the supervised layer starts at the feed-forward sweep.
     */
    public static final double DEFAULT_STATE_RATE = 0.1;
    /**
     * Default lower bound on any variance: 0.1, the pixel-variance floor of the {@code autoencode} measurements,
     * equal to the default state rate, so the step eta Pi stays at most 1 on a level's own error.
     */
    public static final double DEFAULT_VARIANCE_FLOOR = 0.1;
    /**
     * Default bound c of the relaxation step: 0.9, closer to the limit 1 than the supervised layer's, because every
     * latent must travel from its start to its posterior value within T steps. Measured on Fashion-MNIST (10,000
     * images, 3 epochs, levels 256/64/16, T = 20, scalar pixel precision): linear probes 0.812 / 0.796 / 0.757 and
     * reconstruction errors 0.018 / 0.025 / 0.044 from levels 1 / 2 / 3 at c = 0.9, against 0.805 / 0.782 / 0.728 and
     * 0.023 / 0.031 / 0.051 at c = 0.5, with no relaxation step raising the energy in either.
     */
    public static final double DEFAULT_STEP_BOUND = 0.9;

    /** Latent level sizes n_1..n_L, bottom first; see {@link #getLatentSizes()}. */
    private int[] latentSizes = new int[0];
    /** Precision forms of levels 0..L; see {@link #getPrecisionForms()}. */
    private PrecisionForm[] precisionForms = new PrecisionForm[0];
    /** Where relaxation starts; see {@link #getStart()}. PRIOR when absent from JSON (older models). */
    private GenerativeStart start = GenerativeStart.PRIOR;
    /** Levels whose latents {@code activate} returns; see {@link #getEmbeddingLevels()}. */
    private int[] embeddingLevels = new int[0];

    /** For JSON/YAML deserialisation only; use {@link Builder}. */
    public GenerativePcLayer() {
        super(DEFAULT_STATE_RATE, DEFAULT_VARIANCE_FLOOR);
    }

    private GenerativePcLayer(Builder builder) {
        super(builder);
        String id = layerId(-1);
        require(builder.latentSizes != null && builder.latentSizes.length > 0, id, "latentSizes",
                "must hold at least one level");
        this.latentSizes = builder.latentSizes.clone();
        int top = latentSizes.length;
        this.hiddenActivations = builder.hiddenActivationsFor(top - 1);
        if (builder.levelPrecisions != null) {
            this.precisionForms = builder.levelPrecisions.clone();
        } else {
            this.precisionForms = new PrecisionForm[top + 1];
            Arrays.fill(precisionForms, builder.latentPrecision);
            precisionForms[0] = builder.dataPrecision;
        }
        this.start = builder.start;
        this.embeddingLevels = builder.embeddingLevels != null ? builder.embeddingLevels.clone() : new int[] {top};
        if (activationFn == null) {
            activationFn = new ActivationIdentity();
        }
        validate(-1);
        this.nOut = embeddingSize();
        initializeConstraints(builder);
        warnIfRelaxationMayDiverge();
    }

    /**
     * Checks every option; called by the builder (index unknown, reported as -1) and again when the layer is
     * instantiated in a network, so configurations read from JSON are checked too.
     *
     * @param layerIndex index of the layer in its network, or -1 when not known yet
     * @throws IllegalArgumentException naming the layer and the option at fault
     */
    @Override
    public void validate(int layerIndex) {
        String id = layerId(layerIndex);
        require(latentSizes != null && latentSizes.length > 0, id, "latentSizes", "must hold at least one level");
        for (int size : latentSizes) {
            require(size > 0, id, "latentSizes", "must all be positive, got " + Arrays.toString(latentSizes));
        }
        int top = latentSizes.length;
        validateHiddenActivations(id, top - 1, "latent level below the top");
        require(precisionForms != null && precisionForms.length == top + 1, id, "precisionForms",
                "needs one form per level 0.." + top + " (" + (top + 1) + ")");
        for (PrecisionForm f : precisionForms) {
            require(f != null, id, "precisionForms", "must not contain null");
        }
        require(start != null, id, "start", "must not be null");
        require(embeddingLevels != null && embeddingLevels.length > 0, id, "embeddingLevels",
                "must name at least one level");
        for (int l : embeddingLevels) {
            require(l >= 1 && l <= top, id, "embeddingLevels",
                    "must lie in [1, " + top + "], got " + Arrays.toString(embeddingLevels));
        }
        validateRelaxation(id);
        if (layerIndex >= 0) {
            require(nIn > 0, id, "nIn", "must be set (the data size), got " + nIn);
            require(nOut == embeddingSize(), id, "nOut",
                    "must equal the summed size of the embedding levels (" + embeddingSize() + "), got " + nOut);
        }
    }

    /** @return the top level L (number of latent levels) */
    public int topLevel() {
        return latentSizes.length;
    }

    /**
     * @param level level in [0, L]; 0 is the data
     * @return units of that level
     */
    public long levelSize(int level) {
        return level == 0 ? nIn : latentSizes[level - 1];
    }

    /**
     * Activation of the prediction of level {@code level} from the level above.
     *
     * @param level level in [0, L-1]
     * @return f_level (not a copy): the layer activation for the data, a hidden activation otherwise
     */
    public IActivation predictionActivation(int level) {
        return level == 0 ? activationFn : hiddenActivations[level - 1];
    }

    /**
     * @param level level in [0, L]
     * @return its precision form
     */
    public PrecisionForm levelPrecision(int level) {
        return precisionForms[level];
    }

    /** @return summed size of the embedding levels: the width of {@code activate}'s output */
    public long embeddingSize() {
        long n = 0;
        for (int l : embeddingLevels) {
            n += latentSizes[l - 1];
        }
        return n;
    }

    @Override
    protected BaseLayer<?> createImplementation(NeuralNetConfiguration conf, DataType networkDataType) {
        return new GenerativePcLayerImpl(conf, networkDataType);
    }

    /** Every parameter is learned by pretraining only (see the class comment). */
    @Override
    public boolean isPretrainParam(String paramName) {
        return true;
    }

    @Override
    protected long relaxationValuesPerExample() {
        long perExample = 0;
        for (int l = 0; l <= topLevel(); l++) {
            // a, mu, x, e, Pi e, g per level
            perExample += 6 * levelSize(l);
        }
        return perExample;
    }

    /** @return sizes of the latent levels 1..L, bottom first (no default: required) */
    public int[] getLatentSizes() {
        return latentSizes;
    }

    /** @param latentSizes sizes of the latent levels 1..L, bottom first */
    public void setLatentSizes(int[] latentSizes) {
        this.latentSizes = latentSizes;
    }

    /**
     * @return precision form of each level 0..L, the data first and the prior last (default: scalar on the data,
     *     none on the latents)
     */
    @Override
    public PrecisionForm[] getPrecisionForms() {
        return precisionForms;
    }

    /** @param precisionForms precision form of each level 0..L */
    public void setPrecisionForms(PrecisionForm[] precisionForms) {
        this.precisionForms = precisionForms;
    }

    /** @return where relaxation starts (default {@link GenerativeStart#PRIOR}) */
    public GenerativeStart getStart() {
        return start;
    }

    /** @param start where relaxation starts */
    public void setStart(GenerativeStart start) {
        this.start = start;
    }

    /**
     * @param level level in [1, L]
     * @return the activation of the recognition map into level l: the activation that predicts level l top-down,
     *     the identity for the top (whose values sit under a Gaussian prior)
     */
    public IActivation recognitionActivation(int level) {
        return level == topLevel() ? new ActivationIdentity() : hiddenActivations[level - 1];
    }

    /** @return levels (in [1, L]) whose latents {@code activate} returns, concatenated (default: the top level) */
    public int[] getEmbeddingLevels() {
        return embeddingLevels;
    }

    /** @param embeddingLevels levels whose latents {@code activate} returns */
    public void setEmbeddingLevels(int[] embeddingLevels) {
        this.embeddingLevels = embeddingLevels;
    }


    @Override
    public GenerativePcLayer clone() {
        GenerativePcLayer c = (GenerativePcLayer) super.clone();
        c.latentSizes = latentSizes.clone();
        c.precisionForms = precisionForms.clone();
        c.embeddingLevels = embeddingLevels.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GenerativePcLayer) || !super.equals(o)) {
            return false;
        }
        GenerativePcLayer that = (GenerativePcLayer) o;
        return Arrays.equals(latentSizes, that.latentSizes)
                && Arrays.equals(precisionForms, that.precisionForms)
                && Arrays.equals(embeddingLevels, that.embeddingLevels)
                && start == that.start;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof GenerativePcLayer;
    }

    @Override
    public int hashCode() {
        int h = super.hashCode();
        h = 31 * h + Arrays.hashCode(latentSizes);
        h = 31 * h + Arrays.hashCode(precisionForms);
        h = 31 * h + Arrays.hashCode(embeddingLevels);
        return 31 * h + Objects.hashCode(start);
    }

    @Override
    public String toString() {
        return "GenerativePcLayer(name=" + layerName + ", nIn=" + nIn + ", latentSizes=" + Arrays.toString(latentSizes)
                + ", dataActivation=" + activationFn + ", hiddenActivations=" + Arrays.toString(hiddenActivations)
                + ", precisionForms=" + Arrays.toString(precisionForms) + ", embeddingLevels="
                + Arrays.toString(embeddingLevels) + ", start=" + start + ", relaxationSteps=" + relaxationSteps + ", stateRate="
                + stateRate + ", stepBound=" + stepBound + ", tolerance=" + tolerance
                + ", failOnEnergyRise=" + failOnEnergyRise + ", precisionEstimator=" + precisionEstimator
                + ", precisionDamping=" + precisionDamping + ", precisionDecay=" + precisionDecay + ", initialPrecision=" + initialPrecision
                + ", varianceFloor=" + varianceFloor + ", varianceCeiling=" + varianceCeiling
                + ", precisionUpdater=" + precisionUpdater + ", updater=" + iUpdater + ", weightInit="
                + weightInitFn + ")";
    }

    /**
     * Builder of {@link GenerativePcLayer}. {@code nIn} (the data size) and {@link #latentSizes} are required;
     * {@code nOut} is derived from the embedding levels. Every other option has the default documented on its
     * method; all are checked in {@link #build()}.
     */
    public static class Builder extends RelaxationLayerBuilder<Builder> {
        private int[] latentSizes;
        private PrecisionForm dataPrecision = PrecisionForm.SCALAR;
        private PrecisionForm latentPrecision = PrecisionForm.NONE;
        private PrecisionForm[] levelPrecisions;
        private GenerativeStart start = GenerativeStart.PRIOR;
        private int[] embeddingLevels;

        /** A builder with every option at its default. */
        public Builder() {
            super(DEFAULT_STATE_RATE, DEFAULT_VARIANCE_FLOOR);
            stepBound = DEFAULT_STEP_BOUND;
        }

        /**
         * Sizes of the latent levels 1..L, bottom first (the last is the top, under the prior). Required.
         *
         * @param sizes at least one, each positive
         * @return this builder
         */
        public Builder latentSizes(int... sizes) {
            this.latentSizes = sizes == null ? null : sizes.clone();
            return this;
        }

        /**
         * Precision form of every level, data and prior included; sets {@link #dataPrecision} and
         * {@link #latentPrecision} together.
         *
         * @param form precision form
         * @return this builder
         */
        public Builder precision(PrecisionForm form) {
            this.dataPrecision = form;
            this.latentPrecision = form;
            return this;
        }

        /**
         * Precision form of the data level 0 (the pixels). Default {@link PrecisionForm#SCALAR}: one learned
         * precision, the inverse of the pixels' mean squared reconstruction error (running moments), which sets how
         * tightly the latents must explain the data against their prior. A diagonal form learns one per pixel, but
         * the always-black border pixels of images such as Fashion-MNIST reach the damping's cap, and the step bound
         * then slows the relaxation of every latent: measured (10,000 images, 3 epochs, levels 256/64/16), linear
         * probes 0.78 / 0.74 / 0.70 with a diagonal form (damping 0.02) against 0.80 / 0.78 / 0.73 with the scalar
         * one.
         *
         * @param form precision form
         * @return this builder
         */
        public Builder dataPrecision(PrecisionForm form) {
            this.dataPrecision = form;
            return this;
        }

        /**
         * Precision form of every latent level 1..L, the top's prior included. Default {@link PrecisionForm#NONE}
         * (Pi = I): a latent precision learned by descending the joint energy runs to its cap whatever the data,
         * so it cannot single out a level.
         *
         * @param form precision form
         * @return this builder
         */
        public Builder latentPrecision(PrecisionForm form) {
            this.latentPrecision = form;
            return this;
        }

        /**
         * Where relaxation starts. Default {@link GenerativeStart#PRIOR}.
         *
         * @param start the start
         * @return this builder
         */
        public Builder start(GenerativeStart start) {
            this.start = start;
            return this;
        }

        /**
         * Precision form of each level 0..L (the data first, the top's prior last); overrides
         * {@link #precision}, {@link #dataPrecision} and {@link #latentPrecision}. Default: not set.
         *
         * @param forms one per level
         * @return this builder
         */
        public Builder levelPrecisions(PrecisionForm... forms) {
            this.levelPrecisions = forms == null ? null : forms.clone();
            return this;
        }

        /**
         * Levels in [1, L] whose inferred latents {@code activate} returns, concatenated in the given order.
         * Default: the top level only.
         *
         * @param levels at least one level
         * @return this builder
         */
        public Builder embeddingLevels(int... levels) {
            this.embeddingLevels = levels == null ? null : levels.clone();
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GenerativePcLayer build() {
            return new GenerativePcLayer(this);
        }
    }
}
