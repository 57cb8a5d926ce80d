package org.precis.natgrad.blocks;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The curvature (Fisher) block of one dense layer, in one approximation.
 *
 * <p>Call order: {@code updateCurvature+ -> updateInverse -> (multiply | multiplyInverse)*}, then again from
 * {@code updateCurvature} or {@code updateInverse}. {@link #multiply} and {@link #multiplyInverse} use the damped
 * curvature fixed by the last {@link #updateInverse}, so that one inverts the other exactly; later curvature updates
 * take effect at the next {@code updateInverse}.
 *
 * <p>Matrix arguments are never modified; results are new arrays in the data type of the argument (curvature and
 * inverses themselves are kept in double precision). Shapes follow the package convention: a parameter matrix is
 * {@code (nIn + 1) x nOut}, the bias being the last row.
 *
 * <p>Memory: every method may be called inside a {@link org.precis.natgrad.memory.ScratchMemory} workspace.
 * Implementations keep their state in arrays outside any workspace (see
 * {@link org.precis.natgrad.memory.ScratchMemory#retain}); results are allocated in the caller's current workspace,
 * if any, and are valid only until it closes.
 */
public interface CurvatureBlock {

    /** @return the number of inputs of the layer, without the appended 1 of the bias */
    long inputSize();

    /** @return the number of outputs of the layer */
    long outputSize();

    /**
     * Folds one batch into the curvature estimate: {@code C <- decay C + (1 - decay) C_batch}; the first call
     * assigns {@code C = C_batch}, so the estimate does not start biased towards zero.
     *
     * @param inputs          layer inputs {@code a}, one example per row, {@code m x nIn}; not modified
     * @param outputGradients per-example gradients of the loss with respect to the pre-activations, {@code m x nOut},
     *                        each the gradient of that example's own loss (not divided by the batch size); not modified
     * @param decay           weight of the old estimate, in {@code [0, 1)}
     */
    void updateCurvature(INDArray inputs, INDArray outputGradients, double decay);

    /** @return whether {@link #updateCurvature} has been called at least once */
    boolean hasCurvature();

    /**
     * Fixes the damped curvature and computes its inverse.
     *
     * @param damping Tikhonov damping {@code lambda >= 0}; how it enters depends on the approximation
     * @throws ArithmeticException when the damped curvature is singular or not finite
     * @throws IllegalStateException before the first {@link #updateCurvature}
     */
    void updateInverse(double damping);

    /**
     * @param vector a parameter matrix, {@code (nIn + 1) x nOut}; not modified
     * @return the damped curvature times {@code vector}, same shape
     */
    INDArray multiply(INDArray vector);

    /**
     * @param vector a parameter matrix, {@code (nIn + 1) x nOut}; not modified
     * @return the inverse of the damped curvature times {@code vector} (for a gradient: the natural gradient)
     */
    INDArray multiplyInverse(INDArray vector);

    /**
     * The natural gradient of a gradient held as DL4J holds it, weights and bias apart:
     * {@code [weightsOut; biasOut] = C^-1 [weights; bias]}, with {@code C} the damped curvature of
     * {@link #multiplyInverse(INDArray)}. The estimator calls this once per layer and training step; the default
     * assembles the parameter matrix, blocks override it to skip the copies. Temporaries go to the current workspace.
     *
     * @param weights    {@code nIn x nOut}; not modified
     * @param bias       {@code 1 x nOut}; not modified
     * @param weightsOut {@code nIn x nOut}, same data type; overwritten
     * @param biasOut    {@code 1 x nOut}, same data type; overwritten
     */
    default void multiplyInverse(INDArray weights, INDArray bias, INDArray weightsOut, INDArray biasOut) {
        long nIn = weights.rows();
        INDArray natural = multiplyInverse(Nd4j.vstack(weights, bias.reshape(1, weights.columns())));
        weightsOut.assign(natural.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()));
        biasOut.assign(natural.get(NDArrayIndex.interval(nIn, nIn + 1), NDArrayIndex.all()).reshape(biasOut.shape()));
    }

    /**
     * @param batchSize examples in a batch ({@code m})
     * @return whether {@link #multiplyInverseOfProduct} is cheaper than {@link #multiplyInverse(INDArray, INDArray,
     *         INDArray, INDArray)} at this batch size; false by default
     */
    default boolean prefersGradientFactors(long batchSize) {
        return false;
    }

    /**
     * The natural gradient of the gradient {@code [weights; bias] = [a, 1]^T outputGradients}, the form in which a
     * dense layer's backward pass computes it (summed over the batch), given by its two factors. Equal to
     * {@link #multiplyInverse(INDArray, INDArray, INDArray, INDArray)} of that gradient up to rounding; a block may
     * evaluate it in another order (see {@link #prefersGradientFactors}). Temporaries go to the current workspace.
     *
     * @param inputs          layer inputs {@code a}, {@code m x nIn}; not modified
     * @param outputGradients per-example gradients at the pre-activations, {@code m x nOut}, same data type; not
     *                        modified
     * @param weightsOut      {@code nIn x nOut}, same data type; overwritten
     * @param biasOut         {@code 1 x nOut}, same data type; overwritten
     */
    default void multiplyInverseOfProduct(INDArray inputs, INDArray outputGradients, INDArray weightsOut,
                                          INDArray biasOut) {
        INDArray weights = inputs.transpose().mmul(outputGradients);
        INDArray bias = outputGradients.sum(true, 0);
        multiplyInverse(weights, bias, weightsOut, biasOut);
    }

    /**
     * The block's state for a checkpoint: every array that {@link #updateCurvature} and {@link #updateInverse} keep,
     * by name, as copies outside any workspace (arrays not computed yet are absent). {@link #restoreState} of this
     * map on a block of the same kind and size continues exactly where this block stands.
     *
     * @return the state; modifying it does not change the block
     */
    Map<String, INDArray> state();

    /**
     * Replaces the block's state by one that {@link #state} returned.
     *
     * @param state the arrays by name; copied, not modified
     * @throws IllegalArgumentException when an array's shape does not fit this block
     */
    void restoreState(Map<String, INDArray> state);

    /**
     * @return the undamped curvature as an explicit {@code D x D} matrix, {@code D = (nIn + 1) * nOut}, in the
     *         row-major order of the package convention; for tests and small layers
     */
    INDArray toDenseMatrix();
}
