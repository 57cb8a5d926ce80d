package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.pc.layers.Wiring.Prediction;

/**
 * The linear part a = J x + b of one prediction mu = f(a) (or pool(f(a))), with its own buffers for one batch size:
 * a dense product ({@link DenseMap}) or a 2-D convolution ({@link ConvolutionMap}). The relaxation needs it in both
 * directions: forward for the prediction, transposed for the error signal J^T g a level receives from the levels it
 * predicts, and the gradients of the energy in the weights and the bias. Values are flat, [batch, n] in the network
 * data type; weights are the parameter views. Not thread-safe.
 */
sealed interface LinearMap permits DenseMap, ConvolutionMap {

    /**
     * The map of one prediction, with buffers for {@code batch} rows (allocate outside workspaces).
     *
     * @param p the prediction (not a prior)
     * @param batch rows
     * @param dataType network data type
     * @return its map
     */
    static LinearMap of(Prediction p, long batch, DataType dataType) {
        return p.convolution() == null ? new DenseMap(batch, dataType)
                : new ConvolutionMap(p.convolution(), batch, dataType);
    }

    /**
     * @param p a prediction
     * @param targetSize values per example of the level it predicts
     * @return values per example of its pre-activation a (before pooling)
     */
    static long preActivationSize(Prediction p, long targetSize) {
        return p.convolution() == null ? targetSize : p.convolution().convolvedSize();
    }

    /**
     * a = J x, without the bias.
     *
     * @param source x, [batch, source size] (not modified)
     * @param w the weights (not modified)
     * @param a [batch, pre-activation size] (overwritten)
     */
    void forward(INDArray source, INDArray w, INDArray a);

    /**
     * a += J x: the forward direction onto values already in {@code a} (for instance the bias, broadcast once per
     * batch, which saves the broadcast op of {@link #addBias} on every relaxation step).
     *
     * @param source x, [batch, source size] (not modified)
     * @param w the weights (not modified)
     * @param a [batch, pre-activation size] (modified)
     */
    void forwardOnto(INDArray source, INDArray w, INDArray a);

    /**
     * a += b.
     *
     * @param a pre-activations (modified)
     * @param b the bias [1, units or channels] (not modified)
     */
    void addBias(INDArray a, INDArray b);

    /**
     * out = beta out + alpha J^T g.
     *
     * @param g signal at the pre-activation, [batch, pre-activation size] (not modified)
     * @param w the weights (not modified)
     * @param out [batch, source size] (modified)
     * @param alpha scale of J^T g
     * @param beta scale of the old value of {@code out} (0: overwritten)
     */
    void transpose(INDArray g, INDArray w, INDArray out, double alpha, double beta);

    /**
     * view = alpha dF/dW / (-1) summed over the batch: alpha times the product of the source and the signal.
     *
     * @param source x, the values the prediction was made from (not modified)
     * @param g signal at the pre-activation (not modified)
     * @param view the weight gradient view (overwritten)
     * @param alpha scale
     */
    void weightGradient(INDArray source, INDArray g, INDArray view, double alpha);

    /**
     * view = alpha times the signal summed over the batch (and the positions of each channel).
     *
     * @param g signal at the pre-activation (not modified)
     * @param view the bias gradient view [1, units or channels] (overwritten)
     * @param alpha scale
     */
    void biasGradient(INDArray g, INDArray view, double alpha);
}
