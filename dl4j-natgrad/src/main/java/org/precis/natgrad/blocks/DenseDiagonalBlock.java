package org.precis.natgrad.blocks;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * Diagonal of the exact Fisher block of a dense layer: {@code D = E[(abar g^T)^2]} elementwise, which equals
 * {@code (abar^2)^T (g^2) / m} over a batch because each per-example gradient is the outer product {@code abar g^T}.
 * Damping adds {@code lambda} to every entry. An exact oracle for the diagonal and a cheap preconditioner.
 */
public final class DenseDiagonalBlock implements CurvatureBlock {

    private final long inputSize;
    private final long outputSize;
    private final String name;

    private INDArray diagonal;
    private INDArray dampedDiagonal;

    /**
     * @param inputSize  inputs of the layer ({@code nIn}, without the bias)
     * @param outputSize outputs of the layer ({@code nOut})
     * @param name       names the layer in error messages
     */
    public DenseDiagonalBlock(long inputSize, long outputSize, String name) {
        this.inputSize = inputSize;
        this.outputSize = outputSize;
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
        INDArray a = LinearAlgebra.appendOnes(inputs.castTo(DataType.DOUBLE));
        INDArray g = outputGradients.castTo(DataType.DOUBLE);
        INDArray batch = a.mul(a).transpose().mmul(g.mul(g)).divi(a.rows());
        LinearAlgebra.requireFinite(batch, "diagonal Fisher of " + name);
        if (diagonal == null) {
            diagonal = ScratchMemory.retain(null, batch);
        } else {
            LinearAlgebra.movingAverage(diagonal, batch, decay);
        }
    }

    @Override
    public boolean hasCurvature() {
        return diagonal != null;
    }

    @Override
    public void updateInverse(double damping) {
        if (!hasCurvature()) {
            throw new IllegalStateException("No curvature estimated yet for " + name);
        }
        INDArray damped = diagonal.add(damping);
        if (!(damped.minNumber().doubleValue() > 0.0)) {
            throw new ArithmeticException("diagonal Fisher of " + name + " plus damping " + damping
                    + " is singular; increase the damping");
        }
        dampedDiagonal = ScratchMemory.retain(dampedDiagonal, damped);
    }

    @Override
    public INDArray multiply(INDArray vector) {
        requireInverse();
        return vector.castTo(DataType.DOUBLE).mul(dampedDiagonal).castTo(vector.dataType());
    }

    @Override
    public INDArray multiplyInverse(INDArray vector) {
        requireInverse();
        return vector.castTo(DataType.DOUBLE).div(dampedDiagonal).castTo(vector.dataType());
    }

    @Override
    public Map<String, INDArray> state() {
        return new BlockState().put("D", diagonal).put("dampedD", dampedDiagonal).toMap();
    }

    @Override
    public void restoreState(Map<String, INDArray> state) {
        diagonal = BlockState.get(state, "D", inputSize + 1, outputSize, name);
        dampedDiagonal = BlockState.get(state, "dampedD", inputSize + 1, outputSize, name);
    }

    @Override
    public INDArray toDenseMatrix() {
        return Nd4j.diag(Nd4j.toFlattened('c', diagonal));
    }

    private void requireInverse() {
        if (dampedDiagonal == null) {
            throw new IllegalStateException("updateInverse has not been called for " + name);
        }
    }
}
