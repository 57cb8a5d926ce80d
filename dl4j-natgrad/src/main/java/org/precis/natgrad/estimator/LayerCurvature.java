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
 * One preconditioned dense layer: its curvature block, its K-FAC configuration, the keys of its parameters in the
 * network's gradient, and the batch statistics recorded by its wrapper during the last backward pass.
 */
public final class LayerCurvature {

    private final String description;
    private final String gradientKeyPrefix;
    private final Layer layer;
    private final KFac config;
    private final CurvatureBlock block;

    // Reused from step to step (reallocated only when the batch shape changes), valid while hasPending.
    private INDArray pendingInputs;
    private INDArray pendingOutputGradients;
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
        pendingInputs = ScratchMemory.retain(pendingInputs, inputs);
        pendingOutputGradients = ScratchMemory.retain(pendingOutputGradients,
                outputGradients.castTo(inputs.dataType()));
        hasPending = true;
    }

    /** @return whether this layer recorded statistics since the last {@link #commit} */
    boolean hasPending() {
        return hasPending;
    }

    /** Folds the recorded statistics into the block and forgets them. */
    void commit() {
        block.updateCurvature(pendingInputs, pendingOutputGradients, config.getFactorDecay());
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
        return layer.getParam(DefaultParamInitializer.WEIGHT_KEY).castTo(type).dup();
    }

    /** @return the view of this layer's weight gradient {@code dW}, {@code nIn x nOut}, in {@code gradient} */
    INDArray weightGradient(Gradient gradient) {
        return requireKey(gradient, gradientKeyPrefix + DefaultParamInitializer.WEIGHT_KEY);
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
