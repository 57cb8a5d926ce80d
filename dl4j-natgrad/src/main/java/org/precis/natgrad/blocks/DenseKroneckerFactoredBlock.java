package org.precis.natgrad.blocks;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * K-FAC block of a dense layer: the Fisher block approximated by {@code kron(A, G)} with {@code A = E[abar abar^T]}
 * ({@code abar = [a, 1]}) and {@code G = E[g g^T]} ({@code g} the per-example gradient at the pre-activations), after
 * Martens and Grosse (2015), §3 of {@code site/src/docs/algorithms.md}.
 *
 * <p>Damping is factored and pi-adjusted: the damped curvature is
 * {@code kron(A + pi sqrt(lambda) I, G + sqrt(lambda) / pi I)} with
 * {@code pi = sqrt((tr A / dim A) / (tr G / dim G))}, so the natural gradient of a gradient {@code V} is
 * {@code (A + pi sqrt(lambda) I)^-1 V (G + sqrt(lambda) / pi I)^-1}. The factorisation is exact for one example.
 *
 * <p>Precision: the factors are kept in the data type of the statistics (float32 in a float32 network), and each
 * moving-average update is a single product that adds the batch's second moment to the scaled old factor
 * ({@code C <- decay C + (1 - decay) / m X^T X}), the way BLAS's {@code beta} works. On the CPU backend that product
 * is a symmetric rank-k update of the lower triangle ({@link SymmetricRankUpdate}, half the multiply-adds), and the
 * upper triangle is filled from it when something reads the whole factor (an inverse update, the state, the
 * accessors), so a factor updated every step and inverted every tenth is mirrored once in ten. Damped factors and
 * their inverses are computed in double precision. The training path,
 * {@link #multiplyInverse(INDArray, INDArray, INDArray, INDArray)}, runs in the data type of the gradient (a float32
 * network preconditions in float32, twice as fast as in double) from copies of the inverses made once per inverse
 * update ({@link SplitInverse}); {@link #multiply} and {@link #multiplyInverse(INDArray)}, for tests and diagnostics,
 * run in double precision and return the data type of their argument.
 *
 * <p>The state (factors, the inputs with their column of ones, damped factors, inverses and their casts) is
 * allocated once and overwritten in place, so the block may be updated inside a {@link ScratchMemory} workspace,
 * whose temporaries are then reused from step to step.
 */
public final class DenseKroneckerFactoredBlock implements CurvatureBlock {

    private final long inputSize;
    private final long outputSize;
    private final InverseMethod inverseMethod;
    private final String name;

    private INDArray inputFactor;
    private INDArray outputFactor;
    /** Whether the upper triangle of {@link #inputFactor} lags its lower triangle (see {@link SymmetricRankUpdate}). */
    private boolean inputFactorUpperStale;
    /** The same for {@link #outputFactor}. */
    private boolean outputFactorUpperStale;
    /** {@code [a, 1]} of the last batch: the inputs are copied into the first {@code nIn} columns. */
    private INDArray inputsWithOnes;
    private INDArray dampedInputFactor;
    private INDArray dampedOutputFactor;
    private INDArray inputFactorInverse;
    private INDArray outputFactorInverse;
    /** Counts inverse updates, so that the copies below know when they are stale. */
    private long inverseVersion;
    /** The inverses in each gradient data type seen: filled on first use after each inverse update. */
    private final Map<DataType, SplitInverse> splitInverses = new EnumMap<>(DataType.class);

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
        // Finite inputs give finite second moments (the magnitudes that would overflow do not occur in activations),
        // and checking them first leaves the factors intact when a batch is bad.
        LinearAlgebra.requireFinite(inputs, "K-FAC input factor A of " + name);
        LinearAlgebra.requireFinite(outputGradients, "K-FAC output factor G of " + name);
        DataType type = inputs.dataType();
        long m = inputs.rows();
        inputsWithOnes = ScratchMemory.reuse(inputsWithOnes, type, 'f', m, inputSize + 1);
        inputsWithOnes.getColumn(inputSize).assign(1.0);
        inputsWithOnes.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputSize)).assign(inputs);
        INDArray g = outputGradients.castTo(type);
        // The first update assigns (beta 0 on zeroed factors), later ones take the moving average.
        boolean first = inputFactor == null;
        inputFactor = productTarget(inputFactor, type, inputSize + 1);
        outputFactor = productTarget(outputFactor, type, outputSize);
        double alpha = (first ? 1.0 : 1.0 - decay) / m;
        double beta = first ? 0.0 : decay;
        inputFactorUpperStale = SymmetricRankUpdate.update(inputsWithOnes, inputFactor, alpha, beta,
                inputFactorUpperStale);
        outputFactorUpperStale = SymmetricRankUpdate.update(g, outputFactor, alpha, beta, outputFactorUpperStale);
    }

    /** Fills the upper triangles of the factors where they lag the lower ones, before anything reads them whole. */
    private void wholeFactors() {
        if (inputFactorUpperStale) {
            LowerTriangle.mirror(inputFactor);
            inputFactorUpperStale = false;
        }
        if (outputFactorUpperStale) {
            LowerTriangle.mirror(outputFactor);
            outputFactorUpperStale = false;
        }
    }

    /**
     * @return {@code factor} when a matrix product can write into it (column-major, not a view, of {@code type}),
     *         else a column-major copy of it in {@code type} (zeros when it is null)
     */
    private static INDArray productTarget(INDArray factor, DataType type, long size) {
        return factor == null
                ? ScratchMemory.reuse(null, type, 'f', size, size)
                : ScratchMemory.convert(factor, type, 'f');
    }

    /**
     * Replaces both factors (copies them): restores a curvature carried from elsewhere (such as the average of
     * several workers' factors under parameter averaging) or sets known factors in tests. The copies keep the data
     * type of the factors they replace, or take the arguments' before the first update; the next
     * {@link #updateCurvature} folds into them (in the data type of its statistics), the next {@link #updateInverse}
     * uses them.
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
        DataType type = inputFactor == null ? a.dataType() : inputFactor.dataType();
        inputFactor = ScratchMemory.retain(inputFactor, a.castTo(type));
        outputFactor = ScratchMemory.retain(outputFactor, g.castTo(type));
        inputFactorUpperStale = false;
        outputFactorUpperStale = false;
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
        wholeFactors();
        double pi = piAdjustment();
        double root = Math.sqrt(damping);
        // Compute all four before keeping any, so a failed inverse leaves the previous state intact.
        INDArray newDampedInput = LinearAlgebra.addToDiagonal(inputFactor, pi * root);
        INDArray newDampedOutput = LinearAlgebra.addToDiagonal(outputFactor, root / pi);
        INDArray newInputInverse = LinearAlgebra.inverseOfDamped(inputFactor, newDampedInput, pi * root,
                inverseMethod, "K-FAC input factor A of " + name);
        INDArray newOutputInverse = LinearAlgebra.inverseOfDamped(outputFactor, newDampedOutput, root / pi,
                inverseMethod, "K-FAC output factor G of " + name);
        dampedInputFactor = ScratchMemory.retain(dampedInputFactor, newDampedInput);
        dampedOutputFactor = ScratchMemory.retain(dampedOutputFactor, newDampedOutput);
        inputFactorInverse = ScratchMemory.retain(inputFactorInverse, newInputInverse);
        outputFactorInverse = ScratchMemory.retain(outputFactorInverse, newOutputInverse);
        inverseVersion++;
    }

    @Override
    public Map<String, INDArray> state() {
        wholeFactors();
        return new BlockState().put("A", inputFactor).put("G", outputFactor).put("dampedA", dampedInputFactor)
                .put("dampedG", dampedOutputFactor).put("Ainv", inputFactorInverse).put("Ginv", outputFactorInverse)
                .toMap();
    }

    @Override
    public void restoreState(Map<String, INDArray> state) {
        long a = inputSize + 1;
        inputFactor = BlockState.get(state, "A", a, a, name);
        outputFactor = BlockState.get(state, "G", outputSize, outputSize, name);
        inputFactorUpperStale = false;
        outputFactorUpperStale = false;
        dampedInputFactor = BlockState.get(state, "dampedA", a, a, name);
        dampedOutputFactor = BlockState.get(state, "dampedG", outputSize, outputSize, name);
        inputFactorInverse = BlockState.get(state, "Ainv", a, a, name);
        outputFactorInverse = BlockState.get(state, "Ginv", outputSize, outputSize, name);
        // The inverses in other data types are made afresh from the restored doubles, as after an inverse update.
        inverseVersion++;
    }

    /**
     * @return {@code pi = sqrt((tr A / dim A) / (tr G / dim G))}, the split of the damping between the factors that
     *         minimises the norm of the cross terms; 1 when a trace is zero (no signal yet) to keep both finite
     */
    double piAdjustment() {
        double meanA = LinearAlgebra.trace(inputFactor) / inputFactor.rows();
        double meanG = LinearAlgebra.trace(outputFactor) / outputFactor.rows();
        if (!(meanA > 0.0) || !(meanG > 0.0)) {
            return 1.0;
        }
        return Math.sqrt(meanA / meanG);
    }

    @Override
    public INDArray multiply(INDArray vector) {
        requireInverse();
        return inDouble(dampedInputFactor, vector, dampedOutputFactor);
    }

    @Override
    public INDArray multiplyInverse(INDArray vector) {
        requireInverse();
        return inDouble(inputFactorInverse, vector, outputFactorInverse);
    }

    /** @return {@code left vector right} computed in double, in the data type of {@code vector} */
    private static INDArray inDouble(INDArray left, INDArray vector, INDArray right) {
        return left.mmul(vector.castTo(DataType.DOUBLE)).mmul(right).castTo(vector.dataType());
    }

    @Override
    public void multiplyInverse(INDArray weights, INDArray bias, INDArray weightsOut, INDArray biasOut) {
        splitInverseIn(weights.dataType()).multiply(weights, bias, weightsOut, biasOut);
    }

    /** @return the current inverses in {@code type}, copied at the first use after each inverse update */
    private SplitInverse splitInverseIn(DataType type) {
        requireInverse();
        SplitInverse split = splitInverses.computeIfAbsent(type, t -> new SplitInverse());
        if (split.version() != inverseVersion) {
            split.fill(inputFactorInverse, outputFactorInverse, type, inverseVersion);
        }
        return split;
    }

    /**
     * {@inheritDoc}
     *
     * <p>From the factors, {@code A^-1 [a, 1]^T} ({@code (nIn + 1)^2 m} multiply-adds) times {@code outputGradients
     * G^-1} ({@code m nOut^2}), joined by {@code (nIn + 1) m nOut}; from the gradient, {@code (nIn + 1)^2 nOut + (nIn +
     * 1) nOut^2}. With fewer examples than inputs the factors win: at batch 128 a 784-256 layer needs 46% fewer.
     */
    @Override
    public boolean prefersGradientFactors(long batchSize) {
        double in = inputSize + 1;
        double fromFactors = in * in * batchSize + batchSize * outputSize * outputSize + in * batchSize * outputSize;
        double fromGradient = in * in * outputSize + in * outputSize * outputSize;
        // The factors cost two copies per step besides the products: ask for a clear margin.
        return fromFactors < 0.9 * fromGradient;
    }

    @Override
    public void multiplyInverseOfProduct(INDArray inputs, INDArray outputGradients, INDArray weightsOut,
                                         INDArray biasOut) {
        splitInverseIn(inputs.dataType()).multiplyOfProduct(inputs, outputGradients, weightsOut, biasOut);
    }

    @Override
    public INDArray toDenseMatrix() {
        wholeFactors();
        return LinearAlgebra.kronecker(inputFactor, outputFactor);
    }

    /** @return the input factor {@code A}, {@code (nIn + 1) x (nIn + 1)}: a row-major double copy */
    public INDArray inputFactor() {
        wholeFactors();
        return LinearAlgebra.doubleCopy(inputFactor);
    }

    /** @return the output factor {@code G}, {@code nOut x nOut}: a row-major double copy */
    public INDArray outputFactor() {
        wholeFactors();
        return LinearAlgebra.doubleCopy(outputFactor);
    }

    private void requireInverse() {
        if (inputFactorInverse == null) {
            throw new IllegalStateException("updateInverse has not been called for " + name);
        }
    }
}
