package org.precis.natgrad.blocks;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * The exact Fisher block of a dense layer, {@code F = E[vec(abar g^T) vec(abar g^T)^T]}, as an explicit
 * {@code D x D} matrix ({@code D = (nIn + 1) nOut}), damped as {@code F + lambda I}. Memory and time grow as
 * {@code D^2} and {@code D^3}: an exact oracle for tests and for very small layers only.
 */
public final class DenseFullBlock implements CurvatureBlock {

    private final long inputSize;
    private final long outputSize;
    private final InverseMethod inverseMethod;
    private final String name;

    private INDArray fisher;
    private INDArray dampedFisher;
    private INDArray inverse;

    /**
     * @param inputSize     inputs of the layer ({@code nIn}, without the bias)
     * @param outputSize    outputs of the layer ({@code nOut})
     * @param inverseMethod how the damped block is inverted
     * @param name          names the layer in error messages
     */
    public DenseFullBlock(long inputSize, long outputSize, InverseMethod inverseMethod, String name) {
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
        double[][] a = LinearAlgebra.appendOnes(inputs.castTo(DataType.DOUBLE)).toDoubleMatrix();
        double[][] g = outputGradients.castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = a[0].length;
        int k = g[0].length;
        double[][] perExample = new double[a.length][n * k];
        for (int e = 0; e < a.length; e++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    perExample[e][i * k + j] = a[e][i] * g[e][j];
                }
            }
        }
        INDArray batch = LinearAlgebra.meanOuterProduct(Nd4j.create(perExample));
        LinearAlgebra.requireFinite(batch, "full Fisher of " + name);
        if (fisher == null) {
            fisher = ScratchMemory.retain(null, batch);
        } else {
            LinearAlgebra.movingAverage(fisher, batch, decay);
        }
    }

    @Override
    public boolean hasCurvature() {
        return fisher != null;
    }

    @Override
    public void updateInverse(double damping) {
        if (!hasCurvature()) {
            throw new IllegalStateException("No curvature estimated yet for " + name);
        }
        INDArray damped = LinearAlgebra.addToDiagonal(fisher, damping);
        INDArray newInverse = LinearAlgebra.inverseOfDamped(fisher, damped, damping, inverseMethod,
                "full Fisher of " + name);
        dampedFisher = ScratchMemory.retain(dampedFisher, damped);
        inverse = ScratchMemory.retain(inverse, newInverse);
    }

    @Override
    public INDArray multiply(INDArray vector) {
        requireInverse();
        return apply(dampedFisher, vector);
    }

    @Override
    public INDArray multiplyInverse(INDArray vector) {
        requireInverse();
        return apply(inverse, vector);
    }

    private static INDArray apply(INDArray matrix, INDArray vector) {
        INDArray flat = Nd4j.toFlattened('c', vector.castTo(DataType.DOUBLE)).reshape(new long[] {vector.length(), 1});
        return matrix.mmul(flat).reshape(new long[] {vector.rows(), vector.columns()}).castTo(vector.dataType());
    }

    @Override
    public Map<String, INDArray> state() {
        return new BlockState().put("F", fisher).put("dampedF", dampedFisher).put("Finv", inverse).toMap();
    }

    @Override
    public void restoreState(Map<String, INDArray> state) {
        long d = (inputSize + 1) * outputSize;
        fisher = BlockState.get(state, "F", d, d, name);
        dampedFisher = BlockState.get(state, "dampedF", d, d, name);
        inverse = BlockState.get(state, "Finv", d, d, name);
    }

    @Override
    public INDArray toDenseMatrix() {
        return fisher.dup();
    }

    private void requireInverse() {
        if (inverse == null) {
            throw new IllegalStateException("updateInverse has not been called for " + name);
        }
    }
}
