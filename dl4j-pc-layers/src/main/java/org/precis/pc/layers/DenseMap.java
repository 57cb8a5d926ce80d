package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.Gemm;

/** a = x W + b with W [source size, target size] (DL4J's dense orientation): every direction one GEMM. */
final class DenseMap implements LinearMap {

    /** Row of ones [1, batch] for the bias gradient. */
    private final INDArray ones;

    DenseMap(long batch, DataType dataType) {
        ones = Nd4j.ones(dataType, 1, batch);
    }

    @Override
    public void forward(INDArray source, INDArray w, INDArray a) {
        Gemm.multiply(source, false, w, false, a, 1.0, 0.0);
    }

    @Override
    public void forwardOnto(INDArray source, INDArray w, INDArray a) {
        Gemm.multiply(source, false, w, false, a, 1.0, 1.0);
    }

    @Override
    public void addBias(INDArray a, INDArray b) {
        a.addiRowVector(b);
    }

    @Override
    public void transpose(INDArray g, INDArray w, INDArray out, double alpha, double beta) {
        Gemm.multiply(g, false, w, true, out, alpha, beta);
    }

    @Override
    public void weightGradient(INDArray source, INDArray g, INDArray view, double alpha) {
        Gemm.multiply(source, true, g, false, view, alpha, 0.0);
    }

    @Override
    public void biasGradient(INDArray g, INDArray view, double alpha) {
        Gemm.multiply(ones, false, g, false, view, alpha, 0.0);
    }
}
