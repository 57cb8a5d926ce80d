package org.precis.pc.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.Gemm;

/**
 * a = W * x + b, a 2-D convolution with DL4J's weights [channels, inChannels, kH, kW], computed as DL4J's own
 * {@code ConvolutionLayer} does without a helper: ND4J's im2col into a patch matrix [batch oH oW, inChannels kH kW],
 * one GEMM with the weights, and for the transposed direction one GEMM back to patches and ND4J's col2im, which
 * sums every patch into the image it came from. The weight gradient is the product of the patch matrix and the
 * signal. Images are flat per example in NCHW order; the permutations between that order and the GEMM's rows (one
 * per output position) are strided copies into preallocated buffers. im2col writes its patches in its own order
 * [batch, inChannels, kH, kW, oH, oW] and they are then copied into rows: writing them straight into the permuted
 * rows (as DL4J's layer does) scatters every write and took twice as long as both steps together.
 *
 * <p>The patch matrix is work space shared by all three directions; {@link #weightGradient} recomputes the source's
 * patches (one im2col per batch), so it never depends on what ran before it.
 */
final class ConvolutionMap implements LinearMap {

    private final long batch;
    private final int inChannels;
    private final int inHeight;
    private final int inWidth;
    private final int channels;
    private final int kH;
    private final int kW;
    private final int sH;
    private final int sW;
    private final int pH;
    private final int pW;
    /** Output positions oH oW per channel. */
    private final long positions;
    /** Patches in im2col's order [batch, inChannels, kH, kW, oH, oW], 'c'. */
    private final INDArray patches;
    /** Patches [batch, oH, oW, inChannels, kH, kW], 'c'. */
    private final INDArray cols;
    /** The same as [batch, inChannels, kH, kW, oH, oW]: the layout ND4J's im2col and col2im take. */
    private final INDArray cols6;
    /** The same as [batch oH oW, inChannels kH kW]. */
    private final INDArray cols2d;
    /** One row per output position [batch oH oW, channels]: the GEMM's side of the pre-activation or signal. */
    private final INDArray rows;
    /** Image buffer [batch, inChannels, inHeight, inWidth] for col2im. */
    private final INDArray image;
    /** Row of ones [1, batch] for the bias gradient. */
    private final INDArray ones;

    ConvolutionMap(ConvolutionGeometry geometry, long batch, DataType dataType) {
        this.batch = batch;
        int[] in = geometry.input();
        int[] out = geometry.convolved();
        inChannels = in[0];
        inHeight = in[1];
        inWidth = in[2];
        channels = out[0];
        int[] k = geometry.level().getKernelSize();
        int[] s = geometry.level().getStride();
        int[] p = geometry.level().getPadding();
        kH = k[0];
        kW = k[1];
        sH = s[0];
        sW = s[1];
        pH = p[0];
        pW = p[1];
        positions = (long) out[1] * out[2];
        patches = Nd4j.create(dataType, new long[] {batch, inChannels, kH, kW, out[1], out[2]}, 'c');
        cols = Nd4j.create(dataType, new long[] {batch, out[1], out[2], inChannels, kH, kW}, 'c');
        cols6 = cols.permute(0, 3, 4, 5, 1, 2);
        cols2d = cols.reshape('c', batch * positions, (long) inChannels * kH * kW);
        rows = Nd4j.create(dataType, new long[] {batch * positions, channels}, 'c');
        image = Nd4j.create(dataType, new long[] {batch, inChannels, inHeight, inWidth}, 'c');
        ones = Nd4j.ones(dataType, 1, batch);
    }

    private INDArray kernelMatrix(INDArray w) {
        return w.reshape('c', channels, (long) inChannels * kH * kW);
    }

    /** [batch, channels positions] viewed as [batch, channels, positions]. */
    private INDArray byChannel(INDArray flat) {
        return flat.reshape('c', batch, channels, positions);
    }

    /** rows <- the flat NCHW signal, one row per output position. */
    private void toRows(INDArray flat) {
        rows.reshape('c', batch, positions, channels).assign(byChannel(flat).permute(0, 2, 1));
    }

    /** cols2d <- the patches of {@code source}, one row per output position. */
    private void patches(INDArray source) {
        Convolution.im2col(source.reshape('c', batch, inChannels, inHeight, inWidth), kH, kW, sH, sW, pH, pW, 1, 1,
                false, patches);
        long patchSize = (long) inChannels * kH * kW;
        cols2d.reshape('c', batch, positions, patchSize)
                .assign(patches.reshape('c', batch, patchSize, positions).permute(0, 2, 1));
    }

    @Override
    public void forward(INDArray source, INDArray w, INDArray a) {
        patches(source);
        Gemm.multiply(cols2d, false, kernelMatrix(w), true, rows, 1.0, 0.0);
        byChannel(a).assign(rows.reshape('c', batch, positions, channels).permute(0, 2, 1));
    }

    @Override
    public void forwardOnto(INDArray source, INDArray w, INDArray a) {
        patches(source);
        Gemm.multiply(cols2d, false, kernelMatrix(w), true, rows, 1.0, 0.0);
        byChannel(a).addi(rows.reshape('c', batch, positions, channels).permute(0, 2, 1));
    }

    @Override
    public void addBias(INDArray a, INDArray b) {
        INDArray a3 = byChannel(a);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(a3, b.reshape(channels), a3, 1));
    }

    @Override
    public void transpose(INDArray g, INDArray w, INDArray out, double alpha, double beta) {
        toRows(g);
        Gemm.multiply(rows, false, kernelMatrix(w), false, cols2d, 1.0, 0.0);
        Convolution.col2im(cols6, image, sH, sW, pH, pW, inHeight, inWidth, 1, 1);
        INDArray flat = image.reshape('c', batch, (long) inChannels * inHeight * inWidth);
        if (beta == 0.0) {
            out.assign(flat).muli(alpha);
        } else {
            if (beta != 1.0) {
                out.muli(beta);
            }
            Nd4j.getBlasWrapper().level1().axpy(out.length(), alpha, flat, out);
        }
    }

    @Override
    public void weightGradient(INDArray source, INDArray g, INDArray view, double alpha) {
        patches(source);
        toRows(g);
        Gemm.multiply(rows, true, cols2d, false, kernelMatrix(view), alpha, 0.0);
    }

    @Override
    public void biasGradient(INDArray g, INDArray view, double alpha) {
        // sum over the batch (one GEMM), then over each channel's positions.
        INDArray summed = Nd4j.create(g.dataType(), 1, g.size(1));
        Gemm.multiply(ones, false, g, false, summed, alpha, 0.0);
        view.assign(summed.reshape(channels, positions).sum(1).reshape(view.shape()));
    }
}
