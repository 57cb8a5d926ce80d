package org.precis.pc.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.ConvolutionalLevel;

/**
 * The pooling of a convolutional prediction, mu = pool(f(a)), and its transposed Jacobian for the error signal, by
 * ND4J's {@code maxpool2d} / {@code avgpool2d} ops and their {@code _bp} ops with the arguments DL4J's
 * {@code SubsamplingLayer} passes (no padding, mean pooling divided by the window size, NCHW). Max pooling routes a
 * signal to the largest value of each window, so its Jacobian is a selection: piecewise constant in f(a).
 */
final class PoolingStep {

    private final String op;
    private final long batch;
    private final int[] convolved;
    private final int[] pooled;
    private final int[] args;

    PoolingStep(ConvolutionGeometry geometry, long batch) {
        ConvolutionalLevel level = geometry.level();
        this.op = level.getPooling() == ConvolutionalLevel.Pooling.MAX ? "maxpool2d" : "avgpool2d";
        this.batch = batch;
        this.convolved = geometry.convolved();
        this.pooled = geometry.output();
        int[] k = level.getPoolingSize();
        int[] s = level.getPoolingStride();
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, divisor/extra (0: by the window size), NCHW.
        this.args = new int[] {k[0], k[1], s[0], s[1], 0, 0, 1, 1, 0, 0, 0};
    }

    private INDArray image(INDArray flat, int[] shape) {
        return flat.reshape('c', batch, shape[0], shape[1], shape[2]);
    }

    /**
     * mu = pool(h).
     *
     * @param activated h = f(a), [batch, convolved size] (not modified)
     * @param out mu, [batch, pooled size] (overwritten)
     */
    void forward(INDArray activated, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(image(activated, convolved))
                .addOutputs(image(out, pooled)).addIntegerArguments(args).build());
    }

    /**
     * out = (d pool / d h)^T v at h.
     *
     * @param activated h = f(a), the pooling's input (not modified)
     * @param v a signal at the pooled level, [batch, pooled size] (not modified)
     * @param out [batch, convolved size] (overwritten)
     */
    void backward(INDArray activated, INDArray v, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder(op + "_bp").addInputs(image(activated, convolved), image(v, pooled))
                .addOutputs(image(out, convolved)).addIntegerArguments(args).build());
    }
}
