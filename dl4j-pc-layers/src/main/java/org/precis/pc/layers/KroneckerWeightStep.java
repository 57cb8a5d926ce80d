package org.precis.pc.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.blocks.InverseMethod;

/**
 * K-FAC's Kronecker-factored step for one prediction's weights, for natural-gradient PC
 * ({@code WeightPreconditioner.KRONECKER}; {@code algorithms.md} §1b and §3): the curvature block is
 * {@code dl4j-natgrad}'s {@link DenseKroneckerFactoredBlock}, fed with the predicting level's values and the
 * prediction's error signal instead of a backward pass.
 *
 * <p>Call order per batch: {@link #precondition} once, after relaxation. The block's factors are running averages
 * kept for the layer's lifetime, not in the model's parameters: after loading a model the first batch sets them
 * again, unless {@link #state()} was saved and is restored with {@link #restoreState}.
 */
final class KroneckerWeightStep {

    /** Name of the batch counter in {@link #state()}. */
    static final String BATCHES = "batches";

    private final DenseKroneckerFactoredBlock block;
    private final long inputSize;
    private final double damping;
    private final double decay;
    private final int inversePeriod;
    private long batches;

    /**
     * @param inputSize size of the predicting level
     * @param outputSize size of the predicted level
     * @param damping K-FAC damping lambda
     * @param decay decay of the factors' running averages
     * @param inversePeriod batches between inversions
     * @param name names the prediction in error messages
     */
    KroneckerWeightStep(long inputSize, long outputSize, double damping, double decay, int inversePeriod,
            String name) {
        this.block = new DenseKroneckerFactoredBlock(inputSize, outputSize, InverseMethod.CHOLESKY, name);
        this.inputSize = inputSize;
        this.damping = damping;
        this.decay = decay;
        this.inversePeriod = inversePeriod;
    }

    /**
     * Replaces the weight and bias gradients of one prediction by its Kronecker-factored natural gradient
     * (A + pi sqrt(lambda) I)^-1 V (G + sqrt(lambda) / pi I)^-1, V = [dW; db] = -[x, 1]^T s summed over the batch.
     *
     * @param source values x of the predicting level, [batch, nIn] (not modified)
     * @param signal error signal s at the prediction's pre-activation, [batch, nOut] (not modified); its running
     *     second moment is G unless {@code outputFactor} is given
     * @param outputFactor G to use instead (the running moment of a precision that is the G side), [nOut, nOut], or
     *     null (not modified)
     * @param weightGradient the weight gradient view, [nIn, nOut] (overwritten)
     * @param biasGradient the bias gradient view, [1, nOut] (overwritten)
     * @return sum(N * V) of the natural gradient N and the gradient V (both summed over the batch): the squared
     *     Fisher norm of the step, for the KL clip
     */
    double precondition(INDArray source, INDArray signal, INDArray outputFactor, INDArray weightGradient,
            INDArray biasGradient) {
        block.updateCurvature(source, signal, decay);
        if (outputFactor != null) {
            block.setFactors(block.inputFactor(), outputFactor);
        }
        if (batches % inversePeriod == 0) {
            block.updateInverse(damping);
        }
        batches++;
        INDArray ones = Nd4j.ones(source.dataType(), source.size(0), 1);
        INDArray v = Nd4j.concat(0, source.transpose().mmul(signal), ones.transpose().mmul(signal)).negi();
        INDArray natural = block.multiplyInverse(v);
        weightGradient.assign(natural.get(NDArrayIndex.interval(0, inputSize), NDArrayIndex.all()));
        biasGradient.assign(natural.get(NDArrayIndex.interval(inputSize, inputSize + 1), NDArrayIndex.all()));
        return natural.mul(v).sumNumber().doubleValue();
    }

    /**
     * @return everything this step keeps between batches, by name (copies): the block's factors, damped factors and
     *     inverses, and {@value #BATCHES}, the batch counter that times the inversions
     */
    Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>(block.state());
        state.put(BATCHES, Nd4j.scalar(DataType.LONG, batches));
        return state;
    }

    /** @param state a map from {@link #state()} of a step of the same sizes (copied, not modified) */
    void restoreState(Map<String, INDArray> state) {
        block.restoreState(state);
        INDArray saved = state.get(BATCHES);
        batches = saved == null ? 0 : saved.getLong(0);
    }

    /** @return the block's current input factor A, [nIn + 1, nIn + 1], double (a copy) */
    INDArray inputFactor() {
        return block.inputFactor();
    }

    /** @return the block's current output factor G, [nOut, nOut], double (a copy) */
    INDArray outputFactor() {
        return block.outputFactor();
    }

    /**
     * The output factor of a precision learned by running moments, as a matrix: diag(S) for the diagonal form, S I
     * for the scalar form, S itself for the full form.
     *
     * @param moment the precision's running moment parameter (not modified)
     * @param size units of the level
     * @return G, [size, size], double
     */
    static INDArray outputFactorOf(INDArray moment, long size) {
        INDArray s = moment.castTo(DataType.DOUBLE);
        if (s.rows() == size && s.columns() == size) {
            return s.dup();
        }
        INDArray diagonal = s.length() == 1 ? Nd4j.valueArrayOf(new long[] {size}, s.getDouble(0), DataType.DOUBLE)
                : s.reshape(size);
        return Nd4j.diag(diagonal);
    }
}
