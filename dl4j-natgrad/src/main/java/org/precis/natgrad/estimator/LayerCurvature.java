package org.precis.natgrad.estimator;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.natgrad.blocks.CurvatureBlock;
import org.precis.natgrad.blocks.DenseDiagonalBlock;
import org.precis.natgrad.blocks.DenseFullBlock;
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * One preconditioned dense or convolutional layer: its curvature block, its K-FAC configuration, the keys of its
 * parameters in the network's gradient, and the batch statistics recorded by its wrapper during the last backward
 * pass. A convolution's weights {@code [O, C, kH, kW]} are read and written through a {@code (C kH kW) x O} view, the
 * orientation of its block ({@link org.precis.natgrad.blocks.ConvolutionKroneckerFactoredBlock}).
 */
public final class LayerCurvature {

    private final String description;
    private final String gradientKeyPrefix;
    private final Layer layer;
    private final KFac config;
    private final CurvatureBlock block;

    // Reused from step to step (reallocated only when the batch shape changes).
    /** This step's layer inputs: the first factor of the gradient and of the curvature statistics. */
    private INDArray inputs;
    /** This step's per-example output gradients for the training labels: {@code dW = inputs^T outputGradients}. */
    private INDArray outputGradients;
    /** Per-example output gradients recorded for the curvature when they differ from {@link #outputGradients}. */
    private INDArray sampledOutputGradients;
    /** What the next {@link #commit} folds in: {@link #outputGradients} or {@link #sampledOutputGradients}. */
    private INDArray curvatureGradients;
    private boolean hasGradientFactors;
    private boolean hasPending;

    /**
     * @param description       names the layer in logs and errors, e.g. {@code layer 0 (DenseLayer, name 'hidden')}
     * @param gradientKeyPrefix prefix of this layer's entries in the network's gradient ({@code "0_"} in a
     *                          {@code MultiLayerNetwork}, {@code "name_"} in a {@code ComputationGraph})
     * @param layer             the (unwrapped) layer; its parameters are read, never written
     * @param config            the layer's K-FAC configuration
     * @param inputSize         {@code nIn}
     * @param outputSize        {@code nOut}
     */
    public LayerCurvature(String description, String gradientKeyPrefix, Layer layer, KFac config, long inputSize,
                          long outputSize) {
        this.description = description;
        this.gradientKeyPrefix = gradientKeyPrefix;
        this.layer = layer;
        this.config = config;
        this.block = switch (config.getApproximation()) {
            case KRONECKER_FACTORED ->
                    new DenseKroneckerFactoredBlock(inputSize, outputSize, config.getInverseMethod(), description);
            case DIAGONAL -> new DenseDiagonalBlock(inputSize, outputSize, description);
            case FULL -> new DenseFullBlock(inputSize, outputSize, config.getInverseMethod(), description);
        };
    }

    /**
     * A layer with a block of its own (a convolution's {@code ConvolutionKroneckerFactoredBlock}).
     *
     * @param description       names the layer in logs and errors
     * @param gradientKeyPrefix prefix of this layer's entries in the network's gradient
     * @param layer             the (unwrapped) layer; its parameters are read, never written
     * @param config            the layer's K-FAC configuration
     * @param block             its curvature block
     */
    public LayerCurvature(String description, String gradientKeyPrefix, Layer layer, KFac config,
                          CurvatureBlock block) {
        this.description = description;
        this.gradientKeyPrefix = gradientKeyPrefix;
        this.layer = layer;
        this.config = config;
        this.block = block;
    }

    /**
     * @param weights a weight array: a dense layer's {@code nIn x nOut}, or a convolution's {@code [O, C, kH, kW]}
     * @return it as the block's {@code nIn x nOut} matrix: itself, or a {@code (C kH kW) x O} view of the same memory
     */
    private static INDArray asMatrix(INDArray weights) {
        return weights.rank() == 4
                ? weights.reshape('c', weights.size(0), weights.length() / weights.size(0)).transpose() : weights;
    }

    /** @return the layer's description, for logs and errors */
    public String description() {
        return description;
    }

    /** @return the layer's K-FAC configuration */
    public KFac config() {
        return config;
    }

    /** @return the curvature block (read it; the estimator updates it) */
    public CurvatureBlock block() {
        return block;
    }

    /**
     * Keeps one batch's statistics until the estimator folds them in. Called by the layer's wrapper during backprop.
     *
     * @param inputs          layer inputs, {@code m x nIn}; copied out of any workspace, not modified
     * @param outputGradients per-example gradients at the pre-activations, {@code m x nOut}; likewise
     */
    public void record(INDArray inputs, INDArray outputGradients) {
        this.inputs = ScratchMemory.retain(this.inputs, inputs);
        sampledOutputGradients = ScratchMemory.retain(sampledOutputGradients,
                outputGradients.castTo(inputs.dataType()));
        curvatureGradients = sampledOutputGradients;
        hasPending = true;
    }

    /**
     * @param batchSize examples in the batch
     * @return whether this step's natural gradient is cheaper from the factors of the gradient (see
     *         {@link #recordGradientFactors}) than from the gradient itself
     */
    public boolean wantsGradientFactors(long batchSize) {
        return config.getWeightDecay() == 0.0 && block.prefersGradientFactors(batchSize);
    }

    /**
     * Keeps the two factors of this step's gradient, {@code dW = inputs^T outputGradients} and
     * {@code db = 1^T outputGradients}, for the natural gradient of this step. Called by the layer's wrapper during
     * backprop when {@link #wantsGradientFactors}.
     *
     * @param inputs          layer inputs, {@code m x nIn}; copied out of any workspace, not modified
     * @param outputGradients per-example gradients at the pre-activations for the training labels, {@code m x nOut};
     *                        likewise
     */
    public void recordGradientFactors(INDArray inputs, INDArray outputGradients) {
        this.inputs = ScratchMemory.retain(this.inputs, inputs);
        this.outputGradients = ScratchMemory.retain(this.outputGradients, outputGradients.castTo(inputs.dataType()));
        hasGradientFactors = true;
    }

    /**
     * Keeps the gradient factors just recorded as this step's curvature statistics too (the empirical Fisher's
     * per-example gradients are the training labels' ones), without copying them again.
     *
     * @throws IllegalStateException when no gradient factors were recorded in this step
     */
    public void recordCurvatureFromGradientFactors() {
        if (!hasGradientFactors) {
            throw new IllegalStateException("no gradient factors recorded for " + description);
        }
        curvatureGradients = outputGradients;
        hasPending = true;
    }

    /**
     * Forgets the gradient factors: called at every backward pass that does not record them, and after each step, so
     * that factors are never those of an earlier gradient.
     */
    public void discardGradientFactors() {
        hasGradientFactors = false;
    }

    /** @return whether the factors of the current gradient were recorded */
    boolean hasGradientFactors() {
        return hasGradientFactors;
    }

    /** @return this step's layer inputs (valid while {@link #hasGradientFactors}) */
    INDArray factorInputs() {
        return inputs;
    }

    /** @return this step's per-example output gradients (valid while {@link #hasGradientFactors}) */
    INDArray factorOutputGradients() {
        return outputGradients;
    }

    /** @return whether this layer recorded statistics since the last {@link #commit} */
    boolean hasPending() {
        return hasPending;
    }

    /** Folds the recorded statistics into the block and forgets them. */
    void commit() {
        block.updateCurvature(inputs, curvatureGradients, config.getFactorDecay());
        hasPending = false;
    }

    /** Drops recorded statistics, e.g. those of a backward pass made outside training. */
    void discardPending() {
        hasPending = false;
    }

    /**
     * @return this layer's gradient as one matrix {@code [dW; db]}, {@code (nIn + 1) x nOut}, in the gradient's data
     *         type; a copy in the current workspace
     */
    INDArray gradientMatrix(Gradient gradient) {
        INDArray weights = weightGradient(gradient);
        INDArray bias = biasGradient(gradient);
        long nIn = weights.rows();
        INDArray matrix = Nd4j.createUninitialized(weights.dataType(), new long[] {nIn + 1, weights.columns()}, 'c');
        matrix.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).assign(weights);
        matrix.get(NDArrayIndex.interval(nIn, nIn + 1), NDArrayIndex.all()).assign(bias);
        return matrix;
    }

    /** Overwrites this layer's gradient views in place with the rows of {@code matrix} ({@code [dW; db]}). */
    void writeGradient(Gradient gradient, INDArray matrix) {
        INDArray weights = weightGradient(gradient);
        long nIn = weights.rows();
        weights.assign(matrix.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()));
        biasGradient(gradient).assign(matrix.get(NDArrayIndex.interval(nIn, nIn + 1), NDArrayIndex.all()));
    }

    /**
     * Overwrites this layer's gradient views in place with {@code scale} times {@code weights} and {@code bias}, in
     * one pass each.
     *
     * @param weights {@code nIn x nOut}, laid out like the weight gradient; not modified
     * @param bias    {@code 1 x nOut}; not modified
     */
    void writeGradient(Gradient gradient, INDArray weights, INDArray bias, double scale) {
        Nd4j.getExecutioner().exec(new ScalarMultiplication(weights, null, weightGradient(gradient), scale));
        Nd4j.getExecutioner().exec(new ScalarMultiplication(bias, null, biasGradient(gradient), scale));
    }

    /** @return the current weights {@code W}, {@code nIn x nOut}, as a copy in {@code type} */
    INDArray weights(DataType type) {
        return asMatrix(layer.getParam(DefaultParamInitializer.WEIGHT_KEY)).castTo(type).dup();
    }

    /** @return the view of this layer's weight gradient {@code dW}, {@code nIn x nOut}, in {@code gradient} */
    INDArray weightGradient(Gradient gradient) {
        return asMatrix(requireKey(gradient, gradientKeyPrefix + DefaultParamInitializer.WEIGHT_KEY));
    }

    /**
     * @return the view of this layer's bias gradient {@code db} in {@code gradient}, as a {@code 1 x nOut} row (DL4J
     *         keeps it as a vector; the row is a view of the same memory)
     */
    INDArray biasGradient(Gradient gradient) {
        INDArray bias = requireKey(gradient, gradientKeyPrefix + DefaultParamInitializer.BIAS_KEY);
        return bias.reshape(1, bias.length());
    }

    private INDArray requireKey(Gradient gradient, String key) {
        INDArray view = gradient.gradientForVariable().get(key);
        if (view == null) {
            throw new IllegalStateException("K-FAC: no gradient '" + key + "' for " + description);
        }
        return view;
    }
}
