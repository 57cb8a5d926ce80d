package org.precis.natgrad.blocks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.natgrad.blas.Gemm;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * The damped inverses {@code A^-1} and {@code G^-1} of a Kronecker block in one data type, with {@code A^-1} split
 * along the bias, so that a gradient held as DL4J holds it, weights {@code dW} and bias {@code db} in separate
 * arrays, is preconditioned without first being copied into one matrix:
 * <pre>
 * [nW; nb] = A^-1 [dW; db] G^-1,   A^-1 = [[P, q], [q^T, r]]   (P: nIn x nIn, q: nIn x 1, r a scalar)
 * nW = (P dW + q db) G^-1,   nb = (q^T dW + r db) G^-1
 * </pre>
 * When the gradient is given by its factors, {@code [dW; db] = [X, 1]^T D} ({@code m} examples), the same product is
 * taken in the other order, {@code (A^-1 [X, 1]^T) (D G^-1)}, which is cheaper when {@code m < nIn}:
 * <pre>
 * A^-1 [X, 1]^T = [[P X^T + q 1^T], [q^T X^T + r 1^T]]
 * </pre>
 * Every product reads and writes whole contiguous arrays, in the gradient's data type. The arrays live outside any
 * workspace and are overwritten in place by {@link #fill} after each inverse update.
 */
final class SplitInverse {

    private INDArray weightBlock;
    private INDArray biasColumn;
    private INDArray biasColumnTransposed;
    private double biasCorner;
    private INDArray outputInverse;
    private long version = -1;

    /** @return the inverse update this copy was filled from ({@link #fill}'s {@code version}), or -1 */
    long version() {
        return version;
    }

    /**
     * Copies the double inverses into this object's arrays of {@code type}.
     *
     * @param inputInverse  {@code A^-1}, {@code (nIn + 1) x (nIn + 1)}, double; not modified
     * @param outputInverse {@code G^-1}, {@code nOut x nOut}, double; not modified
     * @param type          the data type of the gradients to precondition
     * @param version       identifies the inverse update the matrices come from
     */
    void fill(INDArray inputInverse, INDArray outputInverse, DataType type, long version) {
        long nIn = inputInverse.rows() - 1;
        long nOut = outputInverse.rows();
        weightBlock = ScratchMemory.reuse(weightBlock, type, 'f', nIn, nIn);
        weightBlock.assign(inputInverse.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.interval(0, nIn)));
        biasColumn = ScratchMemory.reuse(biasColumn, type, 'f', nIn, 1);
        biasColumn.assign(inputInverse.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.interval(nIn, nIn + 1)));
        biasColumnTransposed = ScratchMemory.reuse(biasColumnTransposed, type, 'f', 1, nIn);
        biasColumnTransposed.assign(biasColumn.reshape(1, nIn));
        biasCorner = inputInverse.getDouble(nIn, nIn);
        this.outputInverse = ScratchMemory.reuse(this.outputInverse, type, 'f', nOut, nOut);
        this.outputInverse.assign(outputInverse);
        this.version = version;
    }

    /**
     * Writes {@code [weightsOut; biasOut] = A^-1 [weights; bias] G^-1}. Temporaries go to the current workspace.
     *
     * @param weights    {@code dW}, {@code nIn x nOut}, in the data type of this copy; not modified
     * @param bias       {@code db}, {@code 1 x nOut}; not modified
     * @param weightsOut {@code nIn x nOut}; overwritten
     * @param biasOut    {@code 1 x nOut}; overwritten
     */
    void multiply(INDArray weights, INDArray bias, INDArray weightsOut, INDArray biasOut) {
        INDArray mixed = Gemm.multiply(weightBlock, false, weights, false, temporary(weightBlock.rows(),
                weights.columns()), 1.0, 0.0);
        Gemm.multiply(biasColumn, false, bias, false, mixed, 1.0, 1.0);
        Gemm.multiply(mixed, false, outputInverse, false, weightsOut, 1.0, 0.0);
        INDArray biasMixed = Gemm.multiply(biasColumnTransposed, false, weights, false, temporary(1,
                weights.columns()), 1.0, 0.0);
        biasMixed.addi(bias.mul(biasCorner));
        Gemm.multiply(biasMixed, false, outputInverse, false, biasOut, 1.0, 0.0);
    }

    /** An uninitialised column-major temporary in the data type of this copy, in the current workspace. */
    private INDArray temporary(long rows, long columns) {
        return Nd4j.createUninitialized(outputInverse.dataType(), new long[] {rows, columns}, 'f');
    }

    /**
     * Writes {@code [weightsOut; biasOut] = A^-1 [X, 1]^T D G^-1}, the natural gradient of the gradient whose factors
     * are {@code X} and {@code D}. Temporaries go to the current workspace.
     *
     * @param inputs          {@code X}, {@code m x nIn}, in the data type of this copy; not modified
     * @param outputGradients {@code D}, {@code m x nOut}; not modified
     * @param weightsOut      {@code nIn x nOut}; overwritten
     * @param biasOut         {@code 1 x nOut}; overwritten
     */
    void multiplyOfProduct(INDArray inputs, INDArray outputGradients, INDArray weightsOut, INDArray biasOut) {
        long m = inputs.rows();
        INDArray right = Gemm.multiply(outputGradients, false, outputInverse, false,
                temporary(m, outputInverse.columns()), 1.0, 0.0);                   // D G^-1, m x nOut
        INDArray weightRows = Gemm.multiply(weightBlock, false, inputs, true, temporary(weightBlock.rows(), m),
                1.0, 0.0);                                                           // P X^T, nIn x m
        weightRows.addiColumnVector(biasColumn);                                     // + q 1^T
        Gemm.multiply(weightRows, false, right, false, weightsOut, 1.0, 0.0);
        INDArray biasRow = Gemm.multiply(biasColumnTransposed, false, inputs, true, temporary(1, m),
                1.0, 0.0);                                                           // q^T X^T, 1 x m
        biasRow.addi(biasCorner);                                                    // + r 1^T
        Gemm.multiply(biasRow, false, right, false, biasOut, 1.0, 0.0);
    }
}
