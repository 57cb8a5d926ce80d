package org.precis.pc.conf;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One convolutional level of a supervised predictive-coding hierarchy ({@code algorithms.md} §1): the level below
 * (an image of {@code inChannels x height x width}) predicts this level by a 2-D convolution, the level's activation
 * and an optional pooling, mu = pool(f(W * x + b)), as DL4J's {@code ConvolutionLayer} followed by a
 * {@code SubsamplingLayer}. The weights are DL4J's convolution weights {@code [channels, inChannels, kH, kW]} and
 * the bias one value per output channel.
 *
 * <p>Convolution arithmetic is DL4J's {@code ConvolutionMode.Truncate}: an output size is
 * {@code (in + 2 padding - kernel) / stride + 1}, rounded down; pooling has no padding. Values are kept flat in
 * NCHW order ({@code c * H * W + h * W + w}), the order of DL4J's {@code CnnToFeedForwardPreProcessor}, so dense
 * levels above read a convolutional level as its flattened image.
 *
 * <p>Built by {@link Builder}; serialised to JSON with the layer.
 */
public class ConvolutionalLevel implements Serializable, Cloneable {

    private static final long serialVersionUID = 1L;

    /** Pooling applied to a convolutional level's prediction after its activation. */
    public enum Pooling {
        /** No pooling: the level is the convolution's output. */
        NONE,
        /** Maximum over each window (DL4J's {@code SubsamplingLayer.PoolingType.MAX}). */
        MAX,
        /** Mean over each window (DL4J's {@code SubsamplingLayer.PoolingType.AVG}). */
        AVG
    }

    private int channels;
    private int[] kernelSize;
    private int[] stride = {1, 1};
    private int[] padding = {0, 0};
    private Pooling pooling = Pooling.NONE;
    private int[] poolingSize = {2, 2};
    private int[] poolingStride = {2, 2};

    /** For JSON/YAML deserialisation only; use {@link Builder}. */
    public ConvolutionalLevel() {
    }

    private ConvolutionalLevel(Builder b) {
        this.channels = b.channels;
        this.kernelSize = b.kernelSize.clone();
        this.stride = b.stride.clone();
        this.padding = b.padding.clone();
        this.pooling = b.pooling;
        this.poolingSize = b.poolingSize.clone();
        this.poolingStride = b.poolingStride.clone();
    }

    /**
     * The shape of this level for an input image: the convolution's output, pooled.
     *
     * @param input {channels, height, width} of the level below
     * @return {channels, height, width} of this level
     */
    public int[] outputShape(int[] input) {
        int[] conv = convolutionShape(input);
        if (pooling == Pooling.NONE) {
            return conv;
        }
        return new int[] {channels, Math.floorDiv(conv[1] - poolingSize[0], poolingStride[0]) + 1,
            Math.floorDiv(conv[2] - poolingSize[1], poolingStride[1]) + 1};
    }

    /**
     * The shape of the convolution's output before pooling.
     *
     * @param input {channels, height, width} of the level below
     * @return {channels, height, width}
     */
    public int[] convolutionShape(int[] input) {
        return new int[] {channels, Math.floorDiv(input[1] + 2 * padding[0] - kernelSize[0], stride[0]) + 1,
            Math.floorDiv(input[2] + 2 * padding[1] - kernelSize[1], stride[1]) + 1};
    }

    /**
     * Why this level cannot read an input of the given shape, or null when it can.
     *
     * @param input {channels, height, width} of the level below
     * @return the reason, or null
     */
    public String problemWith(int[] input) {
        if (channels <= 0) {
            return "channels must be positive, got " + channels;
        }
        if (!positivePair(kernelSize) || !positivePair(stride) || !positivePair(poolingSize)
                || !positivePair(poolingStride)) {
            return "kernelSize, stride, poolingSize and poolingStride need two positive values each, got "
                    + this;
        }
        if (padding == null || padding.length != 2 || padding[0] < 0 || padding[1] < 0) {
            return "padding needs two values >= 0, got " + Arrays.toString(padding);
        }
        if (pooling == null) {
            return "pooling must not be null";
        }
        int[] conv = convolutionShape(input);
        if (conv[1] < 1 || conv[2] < 1) {
            return "kernel " + Arrays.toString(kernelSize) + " with padding " + Arrays.toString(padding)
                    + " does not fit an input of " + input[1] + "x" + input[2];
        }
        int[] out = outputShape(input);
        if (out[1] < 1 || out[2] < 1) {
            return "pooling " + Arrays.toString(poolingSize) + " does not fit the convolution's output of "
                    + conv[1] + "x" + conv[2];
        }
        return null;
    }

    private static boolean positivePair(int[] v) {
        return v != null && v.length == 2 && v[0] > 0 && v[1] > 0;
    }

    /**
     * The largest norm of the pooling's Jacobian: 1 without pooling or for mean pooling; for max pooling the square
     * root of the most windows one input can fall into, ceil(kH / sH) ceil(kW / sW) (1 for non-overlapping windows).
     *
     * @return an upper bound of ||d pool / d input||_2
     */
    public double poolingNormBound() {
        if (pooling != Pooling.MAX) {
            return 1.0;
        }
        int rows = (poolingSize[0] + poolingStride[0] - 1) / poolingStride[0];
        int cols = (poolingSize[1] + poolingStride[1] - 1) / poolingStride[1];
        return Math.sqrt((double) rows * cols);
    }

    /** @return output channels (feature maps) of the convolution */
    public int getChannels() {
        return channels;
    }

    /** @param channels output channels of the convolution */
    public void setChannels(int channels) {
        this.channels = channels;
    }

    /** @return {kH, kW} */
    public int[] getKernelSize() {
        return kernelSize;
    }

    /** @param kernelSize {kH, kW} */
    public void setKernelSize(int[] kernelSize) {
        this.kernelSize = kernelSize;
    }

    /** @return {sH, sW} (default {1, 1}) */
    public int[] getStride() {
        return stride;
    }

    /** @param stride {sH, sW} */
    public void setStride(int[] stride) {
        this.stride = stride;
    }

    /** @return zero padding {pH, pW} on each side (default {0, 0}) */
    public int[] getPadding() {
        return padding;
    }

    /** @param padding zero padding {pH, pW} on each side */
    public void setPadding(int[] padding) {
        this.padding = padding;
    }

    /** @return the pooling after the activation (default {@link Pooling#NONE}) */
    public Pooling getPooling() {
        return pooling;
    }

    /** @param pooling the pooling after the activation */
    public void setPooling(Pooling pooling) {
        this.pooling = pooling;
    }

    /** @return pooling window {kH, kW} (default {2, 2}; unused without pooling) */
    public int[] getPoolingSize() {
        return poolingSize;
    }

    /** @param poolingSize pooling window {kH, kW} */
    public void setPoolingSize(int[] poolingSize) {
        this.poolingSize = poolingSize;
    }

    /** @return pooling stride {sH, sW} (default {2, 2}; unused without pooling) */
    public int[] getPoolingStride() {
        return poolingStride;
    }

    /** @param poolingStride pooling stride {sH, sW} */
    public void setPoolingStride(int[] poolingStride) {
        this.poolingStride = poolingStride;
    }

    @Override
    public ConvolutionalLevel clone() {
        try {
            ConvolutionalLevel c = (ConvolutionalLevel) super.clone();
            c.kernelSize = kernelSize == null ? null : kernelSize.clone();
            c.stride = stride == null ? null : stride.clone();
            c.padding = padding == null ? null : padding.clone();
            c.poolingSize = poolingSize == null ? null : poolingSize.clone();
            c.poolingStride = poolingStride == null ? null : poolingStride.clone();
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvolutionalLevel that && channels == that.channels
                && Arrays.equals(kernelSize, that.kernelSize) && Arrays.equals(stride, that.stride)
                && Arrays.equals(padding, that.padding) && pooling == that.pooling
                && Arrays.equals(poolingSize, that.poolingSize) && Arrays.equals(poolingStride, that.poolingStride);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(channels, pooling);
        h = 31 * h + Arrays.hashCode(kernelSize);
        h = 31 * h + Arrays.hashCode(stride);
        h = 31 * h + Arrays.hashCode(padding);
        h = 31 * h + Arrays.hashCode(poolingSize);
        return 31 * h + Arrays.hashCode(poolingStride);
    }

    @Override
    public String toString() {
        String conv = "conv(" + channels + ", kernel " + Arrays.toString(kernelSize) + ", stride "
                + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ")";
        return pooling == Pooling.NONE ? conv : conv + " + " + pooling + " pooling(" + Arrays.toString(poolingSize)
                + ", stride " + Arrays.toString(poolingStride) + ")";
    }

    /** Builder of {@link ConvolutionalLevel}; checked against its input when the layer is built. */
    public static class Builder {
        private final int channels;
        private final int[] kernelSize;
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};
        private Pooling pooling = Pooling.NONE;
        private int[] poolingSize = {2, 2};
        private int[] poolingStride = {2, 2};

        /**
         * @param channels output channels of the convolution
         * @param kernelHeight kernel height
         * @param kernelWidth kernel width
         */
        public Builder(int channels, int kernelHeight, int kernelWidth) {
            this.channels = channels;
            this.kernelSize = new int[] {kernelHeight, kernelWidth};
        }

        /**
         * Stride of the convolution. Default 1, 1.
         *
         * @param height vertical stride
         * @param width horizontal stride
         * @return this builder
         */
        public Builder stride(int height, int width) {
            this.stride = new int[] {height, width};
            return this;
        }

        /**
         * Zero padding on each side. Default 0, 0 (with stride 1, (k - 1) / 2 keeps the image size for odd k).
         *
         * @param height rows added above and below
         * @param width columns added left and right
         * @return this builder
         */
        public Builder padding(int height, int width) {
            this.padding = new int[] {height, width};
            return this;
        }

        /**
         * Pooling after the activation. Default {@link Pooling#NONE}.
         *
         * @param type pooling type
         * @param size window height and width
         * @param stride stride in both directions
         * @return this builder
         */
        public Builder pooling(Pooling type, int size, int stride) {
            this.pooling = type;
            this.poolingSize = new int[] {size, size};
            this.poolingStride = new int[] {stride, stride};
            return this;
        }

        /** @return the level */
        public ConvolutionalLevel build() {
            return new ConvolutionalLevel(this);
        }
    }
}
