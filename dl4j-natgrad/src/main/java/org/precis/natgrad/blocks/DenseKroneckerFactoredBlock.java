package org.precis.natgrad.blocks;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * K-FAC block of a dense layer: the Fisher block approximated by {@code kron(A, G)} with {@code A = E[abar abar^T]}
 * ({@code abar = [a, 1]}) and {@code G = E[g g^T]} ({@code g} the per-example gradient at the pre-activations), after
 * Martens and Grosse (2015), §3 of {@code shared/ALGORITHMS.md}.
 *
 * <p>Damping is factored and pi-adjusted: the damped curvature is
 * {@code kron(A + pi sqrt(lambda) I, G + sqrt(lambda) / pi I)} with
 * {@code pi = sqrt((tr A / dim A) / (tr G / dim G))}, so the natural gradient of a gradient {@code V} is
 * {@code (A + pi sqrt(lambda) I)^-1 V (G + sqrt(lambda) / pi I)^-1}. The factorisation is exact for one example.
 *
 * <p>Batch second moments are computed in the data type of the inputs; moving averages and inverses in double
 * precision; {@link #multiply} and {@link #multiplyInverse} run in
 * the data type of their argument (a float32 network multiplies in float32, twice as fast as in double).
 *
 * <p>The state (factors, damped factors, inverses and their casts) is allocated once and overwritten in place, so
 * the block may be updated inside a {@link ScratchMemory} workspace, whose temporaries are then reused from step
 * to step.
 */
public final class DenseKroneckerFactoredBlock implements CurvatureBlock {

    private final long inputSize;
    private final long outputSize;
    private final InverseMethod inverseMethod;
    private final String name;

    private INDArray inputFactor;
    private INDArray outputFactor;
    private INDArray dampedInputFactor;
    private INDArray dampedOutputFactor;
    private INDArray inputFactorInverse;
    private INDArray outputFactorInverse;
    /** The damped factors and inverses cast to other data types: filled on first use, refreshed by each inverse update. */
    private final Map<DataType, INDArray[]> castCache = new EnumMap<>(DataType.class);

    /**
     * @param inputSize     inputs of the layer ({@code nIn}, without the bias)
     * @param outputSize    outputs of the layer ({@code nOut})
     * @param inverseMethod how the damped factors are inverted
     * @param name          names the layer in error messages
     */
    public DenseKroneckerFactoredBlock(long inputSize, long outputSize, InverseMethod inverseMethod, String name) {
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.inverseMethod = inverseMethod;
        this.name = name;
    }

    @Override
    public long inputSize() {
        return inputSize;
    }

    @Override
    public long outputSize() {
        return outputSize;
    }

    @Override
    public void updateCurvature(INDArray inputs, INDArray outputGradients, double decay) {
        // The batch products run in the network's data type (the costliest part of a curvature update); the moving
        // averages and everything after them are double.
        INDArray batchInputFactor =
                LinearAlgebra.meanOuterProduct(LinearAlgebra.appendOnes(inputs)).castTo(DataType.DOUBLE);
        INDArray batchOutputFactor = LinearAlgebra.meanOuterProduct(outputGradients).castTo(DataType.DOUBLE);
        LinearAlgebra.requireFinite(batchInputFactor, "K-FAC input factor A of " + name);
        LinearAlgebra.requireFinite(batchOutputFactor, "K-FAC output factor G of " + name);
        if (inputFactor == null) {
            setFactors(batchInputFactor, batchOutputFactor);
        } else {
            LinearAlgebra.movingAverage(inputFactor, batchInputFactor, decay);
            LinearAlgebra.movingAverage(outputFactor, batchOutputFactor, decay);
        }
    }

    /**
     * Replaces both factors (copies them, as double): restores a curvature carried from elsewhere (such as the
     * average of several workers' factors under parameter averaging) or sets known factors in tests. The next
     * {@link #updateCurvature} folds into them; the next {@link #updateInverse} uses them.
     *
     * @param a the input factor {@code A}, {@code (nIn + 1) x (nIn + 1)}; not modified
     * @param g the output factor {@code G}, {@code nOut x nOut}; not modified
     * @throws IllegalArgumentException when a shape does not match the layer
     */
    public void setFactors(INDArray a, INDArray g) {
        long in = inputSize + 1;
        if (a.rows() != in || a.columns() != in || g.rows() != outputSize || g.columns() != outputSize) {
            throw new IllegalArgumentException("K-FAC factors of " + name + " must be " + in + "x" + in + " and "
                    + outputSize + "x" + outputSize + ", got " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(g.shape()));
        }
        inputFactor = ScratchMemory.retain(inputFactor, a.castTo(DataType.DOUBLE));
        outputFactor = ScratchMemory.retain(outputFactor, g.castTo(DataType.DOUBLE));
    }

    @Override
    public boolean hasCurvature() {
        return inputFactor != null;
    }

    @Override
    public void updateInverse(double damping) {
        if (!hasCurvature()) {
            throw new IllegalStateException("No curvature estimated yet for " + name);
        }
        double pi = piAdjustment();
        double root = Math.sqrt(damping);
        // Compute all four before keeping any, so a failed inverse leaves the previous state intact.
        INDArray newDampedInput = LinearAlgebra.addToDiagonal(inputFactor, pi * root);
        INDArray newDampedOutput = LinearAlgebra.addToDiagonal(outputFactor, root / pi);
        INDArray newInputInverse = LinearAlgebra.dampedInverse(inputFactor, pi * root, inverseMethod,
                "K-FAC input factor A of " + name);
        INDArray newOutputInverse = LinearAlgebra.dampedInverse(outputFactor, root / pi, inverseMethod,
                "K-FAC output factor G of " + name);
        dampedInputFactor = ScratchMemory.retain(dampedInputFactor, newDampedInput);
        dampedOutputFactor = ScratchMemory.retain(dampedOutputFactor, newDampedOutput);
        inputFactorInverse = ScratchMemory.retain(inputFactorInverse, newInputInverse);
        outputFactorInverse = ScratchMemory.retain(outputFactorInverse, newOutputInverse);
        for (Map.Entry<DataType, INDArray[]> cached : castCache.entrySet()) {
            fillCast(cached.getValue(), cached.getKey());
        }
    }

    /** @return damped A, damped G, A inverse, G inverse in {@code type} */
    private INDArray[] matricesIn(DataType type) {
        INDArray[] doubles = {dampedInputFactor, dampedOutputFactor, inputFactorInverse, outputFactorInverse};
        if (type == DataType.DOUBLE) {
            return doubles;
        }
        INDArray[] cast = castCache.get(type);
        if (cast == null) {
            cast = new INDArray[doubles.length];
            fillCast(cast, type);
            castCache.put(type, cast);
        }
        return cast;
    }

    /** Overwrites {@code cast} with the double matrices cast to {@code type}, in arrays outside any workspace. */
    private void fillCast(INDArray[] cast, DataType type) {
        INDArray[] doubles = {dampedInputFactor, dampedOutputFactor, inputFactorInverse, outputFactorInverse};
        for (int i = 0; i < doubles.length; i++) {
            cast[i] = ScratchMemory.retain(cast[i], doubles[i].castTo(type));
        }
    }

    /**
     * @return {@code pi = sqrt((tr A / dim A) / (tr G / dim G))}, the split of the damping between the factors that
     *         minimises the norm of the cross terms; 1 when a trace is zero (no signal yet) to keep both finite
     */
    double piAdjustment() {
        double meanA = Nd4j.diag(inputFactor).sumNumber().doubleValue() / inputFactor.rows();
        double meanG = Nd4j.diag(outputFactor).sumNumber().doubleValue() / outputFactor.rows();
        if (!(meanA > 0.0) || !(meanG > 0.0)) {
            return 1.0;
        }
        return Math.sqrt(meanA / meanG);
    }

    @Override
    public INDArray multiply(INDArray vector) {
        requireInverse();
        INDArray[] m = matricesIn(vector.dataType());
        return m[0].mmul(vector).mmul(m[1]);
    }

    @Override
    public INDArray multiplyInverse(INDArray vector) {
        requireInverse();
        INDArray[] m = matricesIn(vector.dataType());
        return m[2].mmul(vector).mmul(m[3]);
    }

    @Override
    public INDArray toDenseMatrix() {
        return LinearAlgebra.kronecker(inputFactor, outputFactor);
    }

    /** @return the input factor {@code A}, {@code (nIn + 1) x (nIn + 1)}; a copy */
    public INDArray inputFactor() {
        return inputFactor.dup();
    }

    /** @return the output factor {@code G}, {@code nOut x nOut}; a copy */
    public INDArray outputFactor() {
        return outputFactor.dup();
    }

    private void requireInverse() {
        if (inputFactorInverse == null) {
            throw new IllegalStateException("updateInverse has not been called for " + name);
        }
    }
}
