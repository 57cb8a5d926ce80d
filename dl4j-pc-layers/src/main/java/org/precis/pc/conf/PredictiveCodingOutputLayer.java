package org.precis.pc.conf;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;

/**
 * Configuration of the supervised predictive-coding (PC) output layer: one DL4J layer that holds a whole PC
 * hierarchy {@code nIn -> hiddenLayerSizes... -> nOut} (Ofner et al. 2021, arXiv 2111.06942; Ofner and Stober,
 * PredProp, arXiv 2111.08792; {@code algorithms.md} §1).
 *
 * <p>Training, per batch: (1) feed-forward sweep x_l = mu_l; (2) the top level is clamped to the labels and the
 * hidden values descend the energy F for {@link #getRelaxationSteps() T} steps at the
 * {@link #getStateRate() state rate}; (3) the local gradients of F at the relaxed values are written into the
 * layer's gradient views, so the network's updater applies them. The epsilon returned downward is dF/dx_0, so
 * layers below train too. Test-time output is the feed-forward sweep unless {@link InferenceMode#RELAXED}.
 *
 * <p>The hierarchy lives in one layer because relaxation couples all its levels: as separate DL4J layers each
 * level would only see a fixed signal from above and the scheme would collapse to backpropagation.
 *
 * <p>The output activation is the layer's {@code activation} (default softmax for {@link TopEnergy#CATEGORICAL},
 * identity for {@link TopEnergy#GAUSSIAN}). Updater, weight init and regularisation of weights and biases follow
 * the usual DL4J layer options; precision parameters have their own updater and are never regularised.
 */
public class PredictiveCodingOutputLayer extends RelaxationLayer {

    /**
     * Default state rate eta_x of the relaxation. Measured on Fashion-MNIST (784-256-256-10, T = 20, Adam 1e-3,
     * batch 128, 10 epochs, one seed; backpropagation with Adam on the same MLP: 88.4%): without precision 82.0% /
     * 86.7% / 88.2% test accuracy at state rates 0.1 / 0.03 / 0.01, with learned diagonal precision 86.0% / 87.9% /
     * about 88%. At 0.1 relaxation moved the hidden values so far that the top error vanished and learning drifted;
     * a small eta T keeps the relaxed errors close to the backpropagated ones.
     */
    public static final double DEFAULT_STATE_RATE = 0.01;
    /**
     * Default lower bound on a level's variance: 1, the initial variance, so a learned precision can only discount
     * its level (Pi &lt;= I). Relaxation is stable while eta (Pi_l + ||J_{l+1}||^2 Pi_{l+1}) stays below 2; hidden
     * errors are small, so their learned precision climbs to whatever floor allows and, through the coupling term,
     * destabilises relaxation (measured on Fashion-MNIST with a floor of 0.1: the energy rose during relaxation and
     * accuracy fell to chance within two epochs). With Pi &lt;= I the dynamics are bounded by those without
     * precision.
     */
    public static final double DEFAULT_VARIANCE_FLOOR = 1.0;

    /** Default damping lambda of the Kronecker weight step: K-FAC's default ({@code dl4j-natgrad}). */
    public static final double DEFAULT_KRONECKER_DAMPING = 1e-3;
    /** Default decay of the Kronecker factors' running averages: K-FAC's default. */
    public static final double DEFAULT_KRONECKER_DECAY = 0.95;
    /** Default number of batches between inversions of the Kronecker factors: K-FAC's default. */
    public static final int DEFAULT_KRONECKER_INVERSE_PERIOD = 10;
    /** Default KL clip of the Kronecker weight step: K-FAC's default. */
    public static final double DEFAULT_KRONECKER_KL_CLIP = 1e-3;

    /** Convolutional levels, bottom first; see {@link #getConvolutionalLevels()}. */
    private ConvolutionalLevel[] convolutionalLevels = new ConvolutionalLevel[0];
    /** Image shape of the input; see {@link #getInputShape()}. */
    private int[] inputShape;
    /** Hidden level sizes, bottom first; see {@link #getHiddenLayerSizes()}. */
    private int[] hiddenLayerSizes = new int[0];
    /** Precision form per level; see {@link #getPrecisionForms()}. */
    private PrecisionForm[] precisionForms = new PrecisionForm[0];
    /** Top-level energy; see {@link #getTopEnergy()}. */
    private TopEnergy topEnergy = TopEnergy.CATEGORICAL;
    /** Test-time inference; see {@link #getInferenceMode()}. */
    private InferenceMode inferenceMode = InferenceMode.FEED_FORWARD;
    /** Weight preconditioning; see {@link #getWeightPreconditioner()}. */
    private WeightPreconditioner weightPreconditioner = WeightPreconditioner.NONE;
    /** Damping of the Kronecker weight step; see {@link #getKroneckerDamping()}. */
    private double kroneckerDamping = DEFAULT_KRONECKER_DAMPING;
    /** Decay of the Kronecker factors; see {@link #getKroneckerDecay()}. */
    private double kroneckerDecay = DEFAULT_KRONECKER_DECAY;
    /** Batches between inversions; see {@link #getKroneckerInversePeriod()}. */
    private int kroneckerInversePeriod = DEFAULT_KRONECKER_INVERSE_PERIOD;
    /** KL clip of the Kronecker weight step; see {@link #getKroneckerKlClip()}. */
    private double kroneckerKlClip = DEFAULT_KRONECKER_KL_CLIP;

    /** For JSON/YAML deserialisation only; use {@link Builder}. */
    public PredictiveCodingOutputLayer() {
        super(DEFAULT_STATE_RATE, DEFAULT_VARIANCE_FLOOR);
    }

    private PredictiveCodingOutputLayer(Builder builder) {
        super(builder);
        require(builder.hiddenLayerSizes != null, layerId(-1), "hiddenLayerSizes", "must not be null");
        require(builder.convolutionalLevels != null, layerId(-1), "convolutionalLevels", "must not be null");
        this.hiddenLayerSizes = builder.hiddenLayerSizes.clone();
        this.convolutionalLevels = cloneLevels(builder.convolutionalLevels);
        this.inputShape = builder.inputShape == null ? null : builder.inputShape.clone();
        this.topEnergy = builder.topEnergy;
        this.inferenceMode = builder.inferenceMode;
        this.weightPreconditioner = builder.weightPreconditioner;
        this.kroneckerDamping = builder.kroneckerDamping;
        this.kroneckerDecay = builder.kroneckerDecay;
        this.kroneckerInversePeriod = builder.kroneckerInversePeriod;
        this.kroneckerKlClip = builder.kroneckerKlClip;
        this.hiddenActivations = builder.hiddenActivationsFor(numLevels() - 1);
        this.precisionForms = resolvePrecisionForms(builder);
        if (activationFn == null) {
            activationFn = topEnergy == TopEnergy.CATEGORICAL ? new ActivationSoftmax() : new ActivationIdentity();
        }
        initializeConstraints(builder);
        validate(-1);
        warnIfRelaxationMayDiverge();
    }

    private PrecisionForm[] resolvePrecisionForms(Builder builder) {
        if (builder.levelPrecisions != null) {
            return builder.levelPrecisions.clone();
        }
        PrecisionForm[] forms = new PrecisionForm[numLevels()];
        Arrays.fill(forms, builder.hiddenPrecision);
        forms[numLevels() - 1] = builder.outputPrecision;
        return forms;
    }

    private static ConvolutionalLevel[] cloneLevels(ConvolutionalLevel[] levels) {
        if (levels == null) {
            return null;
        }
        ConvolutionalLevel[] out = new ConvolutionalLevel[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = levels[i] == null ? null : levels[i].clone();
        }
        return out;
    }

    /**
     * Checks every option; called by the builder (layer index unknown, reported as -1) and again when the layer
     * is instantiated in a network (with its index), so configurations read from JSON are checked too.
     *
     * @param layerIndex index of the layer in its network, or -1 when not known yet
     * @throws IllegalArgumentException naming the layer and the option at fault
     */
    @Override
    public void validate(int layerIndex) {
        String id = layerId(layerIndex);
        require(hiddenLayerSizes != null, id, "hiddenLayerSizes", "must not be null");
        for (int size : hiddenLayerSizes) {
            require(size > 0, id, "hiddenLayerSizes", "must all be positive, got " + Arrays.toString(hiddenLayerSizes));
        }
        validateConvolutionalLevels(id, layerIndex);
        validateHiddenActivations(id, numLevels() - 1, "hidden level");
        require(precisionForms != null && precisionForms.length == numLevels(), id,
                "precisionForms", "needs one form per level (" + numLevels() + ")");
        for (PrecisionForm f : precisionForms) {
            require(f != null, id, "precisionForms", "must not contain null");
        }
        for (int l = 1; l <= convolutionalLevels.length; l++) {
            require(precisionForms[l - 1] != PrecisionForm.FULL, id, "precisionForms",
                    "cannot be FULL on convolutional level " + l + ": use DIAGONAL (one precision per channel) or"
                            + " SCALAR");
        }
        require(topEnergy != null, id, "topEnergy", "must not be null");
        require(inferenceMode != null, id, "inferenceMode", "must not be null");
        require(weightPreconditioner != null, id, "weightPreconditioner", "must not be null");
        require(weightPreconditioner == WeightPreconditioner.NONE || convolutionalLevels.length == 0, id,
                "weightPreconditioner", "must be NONE with convolutionalLevels, got " + weightPreconditioner);
        if (weightPreconditioner == WeightPreconditioner.KRONECKER) {
            require(kroneckerDamping > 0 && Double.isFinite(kroneckerDamping), id, "kroneckerDamping",
                    "must be positive and finite, got " + kroneckerDamping);
            require(kroneckerDecay >= 0 && kroneckerDecay < 1, id, "kroneckerDecay",
                    "must lie in [0, 1), got " + kroneckerDecay);
            require(kroneckerInversePeriod >= 1, id, "kroneckerInversePeriod",
                    "must be >= 1, got " + kroneckerInversePeriod);
            require(kroneckerKlClip >= 0 && Double.isFinite(kroneckerKlClip), id, "kroneckerKlClip",
                    "must be >= 0 and finite (0: no clip), got " + kroneckerKlClip);
        }
        validateRelaxation(id);
        if (topEnergy == TopEnergy.CATEGORICAL) {
            require(precisionForms[numLevels() - 1] == PrecisionForm.NONE, id, "outputPrecision",
                    "must be NONE with TopEnergy.CATEGORICAL, got " + precisionForms[numLevels() - 1]);
            require(activationFn == null || activationFn instanceof ActivationSoftmax, id, "activation",
                    "must be softmax with TopEnergy.CATEGORICAL, got " + activationFn);
        }
        if (layerIndex >= 0) {
            LayerValidation.assertNInNOutSet("PredictiveCodingOutputLayer", getLayerName(), layerIndex, nIn, nOut);
        }
    }

    /**
     * Checks the convolutional levels against the input shape, bottom up; without an input shape, only once the
     * layer is in a network (a convolutional {@code InputType} sets the shape after the builder).
     */
    private void validateConvolutionalLevels(String id, int layerIndex) {
        require(convolutionalLevels != null, id, "convolutionalLevels", "must not be null");
        if (convolutionalLevels.length == 0 || inputShape == null && layerIndex < 0) {
            return;
        }
        require(inputShape != null && inputShape.length == 3 && inputShape[0] > 0 && inputShape[1] > 0
                && inputShape[2] > 0, id, "inputShape",
                "must give {channels, height, width} of the input with convolutionalLevels, got "
                        + Arrays.toString(inputShape));
        long flat = (long) inputShape[0] * inputShape[1] * inputShape[2];
        require(nIn <= 0 || nIn == flat, id, "inputShape", Arrays.toString(inputShape) + " has " + flat
                + " values but nIn is " + nIn);
        int[] shape = inputShape;
        for (int l = 1; l <= convolutionalLevels.length; l++) {
            ConvolutionalLevel level = convolutionalLevels[l - 1];
            require(level != null, id, "convolutionalLevels", "must not contain null");
            String problem = level.problemWith(shape);
            require(problem == null, id, "convolutionalLevels", "level " + l + ": " + problem);
            shape = level.outputShape(shape);
        }
    }

    /**
     * Number of PC levels above the input (convolutional and hidden levels plus the output level).
     *
     * @return convolutional level count + hidden level count + 1
     */
    public int numLevels() {
        return convolutionalLevels.length + hiddenLayerSizes.length + 1;
    }

    /** @return how many of the lowest levels above the input are convolutional (0 for a dense hierarchy) */
    public int numConvolutionalLevels() {
        return convolutionalLevels.length;
    }

    /**
     * The convolution that predicts level {@code l}, if it is convolutional.
     *
     * @param level level index in [1, numLevels()]
     * @return its convolution (not a copy), or null for a dense level
     */
    public ConvolutionalLevel convolutionalLevel(int level) {
        return level >= 1 && level <= convolutionalLevels.length ? convolutionalLevels[level - 1] : null;
    }

    /**
     * Image shape of level {@code l}: the input for level 0, a convolutional level's pooled feature maps.
     *
     * @param level level index in [0, numConvolutionalLevels()]
     * @return {channels, height, width}
     * @throws IllegalArgumentException for a dense level or without an input shape
     */
    public int[] levelShape(int level) {
        require(inputShape != null, layerId(-1), "inputShape",
                "must give {channels, height, width} of the input with convolutionalLevels");
        if (level < 0 || level > convolutionalLevels.length) {
            throw new IllegalArgumentException("Level " + level + " has no image shape in " + layerId(-1));
        }
        int[] shape = inputShape.clone();
        for (int l = 1; l <= level; l++) {
            shape = convolutionalLevels[l - 1].outputShape(shape);
        }
        return shape;
    }

    /**
     * Size of level {@code l}, where level 0 is the input and level {@link #numLevels()} the output.
     *
     * @param level level index in [0, numLevels()]
     * @return number of units of that level (channels x height x width for a convolutional level)
     */
    public long levelSize(int level) {
        if (level == 0) {
            return nIn;
        }
        int conv = convolutionalLevels.length;
        if (level <= conv) {
            int[] shape = levelShape(level);
            return (long) shape[0] * shape[1] * shape[2];
        }
        return level - conv <= hiddenLayerSizes.length ? hiddenLayerSizes[level - conv - 1] : nOut;
    }

    /**
     * Activation f_l of level {@code l} in [1, numLevels()]: a hidden activation, or the output activation.
     *
     * @param level level index in [1, numLevels()]
     * @return the activation (not a copy)
     */
    public IActivation levelActivation(int level) {
        return level < numLevels() ? hiddenActivations[level - 1] : activationFn;
    }

    /**
     * Precision form of level {@code l} in [1, numLevels()].
     *
     * @param level level index in [1, numLevels()]
     * @return the form
     */
    public PrecisionForm levelPrecision(int level) {
        return precisionForms[level - 1];
    }

    @Override
    protected BaseLayer<?> createImplementation(NeuralNetConfiguration conf, DataType networkDataType) {
        return new PredictiveCodingOutputLayerImpl(conf, networkDataType);
    }

    @Override
    protected long relaxationValuesPerExample() {
        long perExample = 0;
        for (int l = 1; l <= numLevels(); l++) {
            // a, mu, x, e, Pi e, g, dx per level
            perExample += 7 * levelSize(l);
        }
        return perExample;
    }

    /**
     * Records the image shape of a convolutional input ({@link InputType#convolutional}) before DL4J flattens it,
     * when the layer has convolutional levels and no {@code inputShape} yet.
     */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        if (inputType != null && inputType.getType() == InputType.Type.CNN && inputShape == null
                && convolutionalLevels.length > 0) {
            InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
            require(c.getFormat() == CNN2DFormat.NCHW, layerId(-1), "inputShape",
                    "needs NCHW input with convolutionalLevels, got " + c.getFormat());
            inputShape = new int[] {(int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth()};
        }
        return super.getPreProcessorForInputType(inputType);
    }

    /** Also records the image shape of a flattened convolutional input ({@link InputType#convolutionalFlat}). */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType != null && inputType.getType() == InputType.Type.CNNFlat && inputShape == null
                && convolutionalLevels.length > 0) {
            InputType.InputTypeConvolutionalFlat c = (InputType.InputTypeConvolutionalFlat) inputType;
            inputShape = new int[] {(int) c.getDepth(), (int) c.getHeight(), (int) c.getWidth()};
        }
        super.setNIn(inputType, override);
    }

    /**
     * @return the convolutional levels above the input, bottom first, below the hidden dense levels (default: none,
     *     a dense hierarchy)
     */
    public ConvolutionalLevel[] getConvolutionalLevels() {
        return convolutionalLevels;
    }

    /** @param convolutionalLevels the convolutional levels above the input, bottom first */
    public void setConvolutionalLevels(ConvolutionalLevel[] convolutionalLevels) {
        this.convolutionalLevels = convolutionalLevels;
    }

    /**
     * @return {channels, height, width} of the input image, flattened in NCHW order into nIn values; needed with
     *     convolutional levels (default: not set; taken from a convolutional {@code InputType} when there is one)
     */
    public int[] getInputShape() {
        return inputShape;
    }

    /** @param inputShape {channels, height, width} of the input image */
    public void setInputShape(int[] inputShape) {
        this.inputShape = inputShape;
    }

    /** @return sizes of the hidden levels, bottom first (default: none, a single level nIn -> nOut) */
    public int[] getHiddenLayerSizes() {
        return hiddenLayerSizes;
    }

    /** @param hiddenLayerSizes sizes of the hidden levels, bottom first */
    public void setHiddenLayerSizes(int[] hiddenLayerSizes) {
        this.hiddenLayerSizes = hiddenLayerSizes;
    }

    /** @return precision form of each level 1..L, the output level last (default all {@link PrecisionForm#NONE}) */
    @Override
    public PrecisionForm[] getPrecisionForms() {
        return precisionForms;
    }

    /** @param precisionForms precision form of each level 1..L, the output level last */
    public void setPrecisionForms(PrecisionForm[] precisionForms) {
        this.precisionForms = precisionForms;
    }

    /** @return energy of the clamped top level (default {@link TopEnergy#CATEGORICAL}) */
    public TopEnergy getTopEnergy() {
        return topEnergy;
    }

    /** @param topEnergy energy of the clamped top level */
    public void setTopEnergy(TopEnergy topEnergy) {
        this.topEnergy = topEnergy;
    }


    /** @return how the output is computed at test time (default {@link InferenceMode#FEED_FORWARD}) */
    public InferenceMode getInferenceMode() {
        return inferenceMode;
    }

    /** @param inferenceMode how the output is computed at test time */
    public void setInferenceMode(InferenceMode inferenceMode) {
        this.inferenceMode = inferenceMode;
    }

    /** @return what is done to the local weight gradients (default {@link WeightPreconditioner#NONE}) */
    public WeightPreconditioner getWeightPreconditioner() {
        return weightPreconditioner;
    }

    /** @param weightPreconditioner what is done to the local weight gradients */
    public void setWeightPreconditioner(WeightPreconditioner weightPreconditioner) {
        this.weightPreconditioner = weightPreconditioner;
    }

    /** @return damping lambda of the Kronecker weight step (default {@value #DEFAULT_KRONECKER_DAMPING}) */
    public double getKroneckerDamping() {
        return kroneckerDamping;
    }

    /** @param kroneckerDamping damping lambda of the Kronecker weight step */
    public void setKroneckerDamping(double kroneckerDamping) {
        this.kroneckerDamping = kroneckerDamping;
    }

    /** @return decay of the Kronecker factors' running averages (default {@value #DEFAULT_KRONECKER_DECAY}) */
    public double getKroneckerDecay() {
        return kroneckerDecay;
    }

    /** @param kroneckerDecay decay of the Kronecker factors' running averages */
    public void setKroneckerDecay(double kroneckerDecay) {
        this.kroneckerDecay = kroneckerDecay;
    }

    /** @return batches between inversions of the Kronecker factors (default {@value #DEFAULT_KRONECKER_INVERSE_PERIOD}) */
    public int getKroneckerInversePeriod() {
        return kroneckerInversePeriod;
    }

    /** @param kroneckerInversePeriod batches between inversions of the Kronecker factors */
    public void setKroneckerInversePeriod(int kroneckerInversePeriod) {
        this.kroneckerInversePeriod = kroneckerInversePeriod;
    }

    /**
     * @return KL clip kappa of the Kronecker weight step: every step scaled by
     *     min(1, sqrt(kappa / (lr^2 sum(N * V)))); 0 for none (default {@value #DEFAULT_KRONECKER_KL_CLIP})
     */
    public double getKroneckerKlClip() {
        return kroneckerKlClip;
    }

    /** @param kroneckerKlClip KL clip kappa of the Kronecker weight step; 0 for none */
    public void setKroneckerKlClip(double kroneckerKlClip) {
        this.kroneckerKlClip = kroneckerKlClip;
    }

    @Override
    public PredictiveCodingOutputLayer clone() {
        PredictiveCodingOutputLayer c = (PredictiveCodingOutputLayer) super.clone();
        c.hiddenLayerSizes = hiddenLayerSizes.clone();
        c.convolutionalLevels = cloneLevels(convolutionalLevels);
        c.inputShape = inputShape == null ? null : inputShape.clone();
        c.precisionForms = precisionForms.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PredictiveCodingOutputLayer) || !super.equals(o)) {
            return false;
        }
        PredictiveCodingOutputLayer that = (PredictiveCodingOutputLayer) o;
        return Arrays.equals(hiddenLayerSizes, that.hiddenLayerSizes)
                && Arrays.equals(convolutionalLevels, that.convolutionalLevels)
                && Arrays.equals(inputShape, that.inputShape)
                && Arrays.equals(precisionForms, that.precisionForms)
                && topEnergy == that.topEnergy
                && inferenceMode == that.inferenceMode
                && weightPreconditioner == that.weightPreconditioner
                && Double.compare(kroneckerDamping, that.kroneckerDamping) == 0
                && Double.compare(kroneckerDecay, that.kroneckerDecay) == 0
                && kroneckerInversePeriod == that.kroneckerInversePeriod
                && Double.compare(kroneckerKlClip, that.kroneckerKlClip) == 0;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof PredictiveCodingOutputLayer;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(super.hashCode(), topEnergy, inferenceMode, weightPreconditioner, kroneckerDamping,
                kroneckerDecay, kroneckerInversePeriod, kroneckerKlClip);
        h = 31 * h + Arrays.hashCode(hiddenLayerSizes);
        h = 31 * h + Arrays.hashCode(convolutionalLevels);
        h = 31 * h + Arrays.hashCode(inputShape);
        return 31 * h + Arrays.hashCode(precisionForms);
    }

    @Override
    public String toString() {
        return "PredictiveCodingOutputLayer(name=" + layerName + ", nIn=" + nIn
                + (convolutionalLevels.length == 0 ? "" : ", inputShape=" + Arrays.toString(inputShape)
                        + ", convolutionalLevels=" + Arrays.toString(convolutionalLevels)) + ", hidden="
                + Arrays.toString(hiddenLayerSizes) + ", nOut=" + nOut + ", hiddenActivations="
                + Arrays.toString(hiddenActivations) + ", outputActivation=" + activationFn + ", precisionForms="
                + Arrays.toString(precisionForms) + ", topEnergy=" + topEnergy + ", relaxationSteps="
                + relaxationSteps + ", stateRate=" + stateRate + ", stepBound=" + stepBound + ", tolerance=" + tolerance
                + ", failOnEnergyRise=" + failOnEnergyRise + ", precisionEstimator=" + precisionEstimator
                + ", precisionDamping=" + precisionDamping + ", precisionDecay=" + precisionDecay
                + ", initialPrecision=" + initialPrecision + ", varianceFloor=" + varianceFloor
                + ", varianceCeiling=" + varianceCeiling + ", precisionUpdater=" + precisionUpdater
                + ", inferenceMode=" + inferenceMode + ", weightPreconditioner=" + weightPreconditioner
                + ", kroneckerDamping=" + kroneckerDamping + ", kroneckerDecay=" + kroneckerDecay
                + ", kroneckerInversePeriod=" + kroneckerInversePeriod + ", kroneckerKlClip=" + kroneckerKlClip
                + ", updater=" + iUpdater + ", weightInit=" + weightInitFn + ")";
    }

    /**
     * Builder of {@link PredictiveCodingOutputLayer}. Every option has the default documented on its method;
     * all are checked in {@link #build()}.
     */
    public static class Builder extends RelaxationLayerBuilder<Builder> {
        private ConvolutionalLevel[] convolutionalLevels = new ConvolutionalLevel[0];
        private int[] inputShape;
        private int[] hiddenLayerSizes = new int[0];
        private PrecisionForm hiddenPrecision = PrecisionForm.NONE;
        private PrecisionForm outputPrecision = PrecisionForm.NONE;
        private PrecisionForm[] levelPrecisions;
        private TopEnergy topEnergy = TopEnergy.CATEGORICAL;
        private InferenceMode inferenceMode = InferenceMode.FEED_FORWARD;
        private WeightPreconditioner weightPreconditioner = WeightPreconditioner.NONE;
        private double kroneckerDamping = DEFAULT_KRONECKER_DAMPING;
        private double kroneckerDecay = DEFAULT_KRONECKER_DECAY;
        private int kroneckerInversePeriod = DEFAULT_KRONECKER_INVERSE_PERIOD;
        private double kroneckerKlClip = DEFAULT_KRONECKER_KL_CLIP;

        /** A builder with every option at its default. */
        public Builder() {
            super(DEFAULT_STATE_RATE, DEFAULT_VARIANCE_FLOOR);
        }

        /**
         * Sizes of the hidden levels between input and output, bottom first. Default: none (one level).
         *
         * @param sizes hidden level sizes, each positive
         * @return this builder
         */
        public Builder hiddenLayerSizes(int... sizes) {
            this.hiddenLayerSizes = sizes == null ? null : sizes.clone();
            return this;
        }

        /**
         * Convolutional levels between the input and the hidden dense levels, bottom first: the level below each
         * predicts it by a convolution, its activation and its pooling (see {@link ConvolutionalLevel}). They are
         * levels 1..K; {@link #hiddenActivations} and {@link #levelPrecisions} count them first. Needs
         * {@link #inputShape} (or a convolutional {@code InputType}). Default: none.
         *
         * @param levels the levels, bottom first
         * @return this builder
         */
        public Builder convolutionalLevels(ConvolutionalLevel... levels) {
            this.convolutionalLevels = levels == null ? null : cloneLevels(levels);
            return this;
        }

        /**
         * Image shape of the input, whose nIn values are read in NCHW order (DL4J's flattening); needed with
         * {@link #convolutionalLevels}. Default: not set (taken from {@code setInputType} when that is
         * convolutional).
         *
         * @param channels input channels
         * @param height image height
         * @param width image width
         * @return this builder
         */
        public Builder inputShape(int channels, int height, int width) {
            this.inputShape = new int[] {channels, height, width};
            return this;
        }

        /**
         * Precision form of every hidden level, convolutional levels included (one precision per channel there
         * for {@link PrecisionForm#DIAGONAL}; {@link PrecisionForm#FULL} is refused on them). Default
         * {@link PrecisionForm#NONE}.
         *
         * @param form precision form
         * @return this builder
         */
        public Builder hiddenPrecision(PrecisionForm form) {
            this.hiddenPrecision = form;
            return this;
        }

        /**
         * Precision form of the output level; only {@link PrecisionForm#NONE} with a categorical top.
         * Default {@link PrecisionForm#NONE}.
         *
         * @param form precision form
         * @return this builder
         */
        public Builder outputPrecision(PrecisionForm form) {
            this.outputPrecision = form;
            return this;
        }

        /**
         * Precision form of each level 1..L (hidden levels bottom first, the output level last); overrides
         * {@link #hiddenPrecision} and {@link #outputPrecision}. Default: not set.
         *
         * @param forms one per level
         * @return this builder
         */
        public Builder levelPrecisions(PrecisionForm... forms) {
            this.levelPrecisions = forms == null ? null : forms.clone();
            return this;
        }

        /**
         * Energy of the clamped top level. Default {@link TopEnergy#CATEGORICAL}.
         *
         * @param topEnergy top energy
         * @return this builder
         */
        public Builder topEnergy(TopEnergy topEnergy) {
            this.topEnergy = topEnergy;
            return this;
        }

        /**
         * How the output is computed at test time. Default {@link InferenceMode#FEED_FORWARD}.
         *
         * @param mode inference mode
         * @return this builder
         */
        public Builder inferenceMode(InferenceMode mode) {
            this.inferenceMode = mode;
            return this;
        }

        /**
         * What is done to the local weight gradients before the updater applies them.
         * Default {@link WeightPreconditioner#NONE}.
         *
         * @param preconditioner the preconditioner
         * @return this builder
         */
        public Builder weightPreconditioner(WeightPreconditioner preconditioner) {
            this.weightPreconditioner = preconditioner;
            return this;
        }

        /**
         * Damping lambda of the Kronecker weight step, split between the factors as K-FAC does.
         * Default {@value PredictiveCodingOutputLayer#DEFAULT_KRONECKER_DAMPING}.
         *
         * @param damping positive
         * @return this builder
         */
        public Builder kroneckerDamping(double damping) {
            this.kroneckerDamping = damping;
            return this;
        }

        /**
         * Decay of the Kronecker factors' running averages (the first batch sets them).
         * Default {@value PredictiveCodingOutputLayer#DEFAULT_KRONECKER_DECAY}.
         *
         * @param decay in [0, 1)
         * @return this builder
         */
        public Builder kroneckerDecay(double decay) {
            this.kroneckerDecay = decay;
            return this;
        }

        /**
         * Batches between inversions of the Kronecker factors (the first batch inverts).
         * Default {@value PredictiveCodingOutputLayer#DEFAULT_KRONECKER_INVERSE_PERIOD}.
         *
         * @param period at least 1
         * @return this builder
         */
        public Builder kroneckerInversePeriod(int period) {
            this.kroneckerInversePeriod = period;
            return this;
        }

        /**
         * KL clip kappa of the Kronecker weight step, as K-FAC's: every step is scaled by
         * min(1, sqrt(kappa / (lr^2 sum(N * V)))) with the batch-mean gradient V, natural gradient N and the weights'
         * learning rate lr. Default {@value PredictiveCodingOutputLayer#DEFAULT_KRONECKER_KL_CLIP}.
         *
         * @param klClip non-negative; 0 for no clip
         * @return this builder
         */
        public Builder kroneckerKlClip(double klClip) {
            this.kroneckerKlClip = klClip;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PredictiveCodingOutputLayer build() {
            return new PredictiveCodingOutputLayer(this);
        }
    }
}
