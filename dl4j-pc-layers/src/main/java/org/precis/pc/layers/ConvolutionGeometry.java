package org.precis.pc.layers;

import org.precis.pc.conf.ConvolutionalLevel;

/**
 * Shapes of one convolutional prediction: the source image, the convolution, its output before pooling, and the
 * pooled level it predicts. Every image is flat per example in NCHW order.
 *
 * @param input {channels, height, width} of the predicting level
 * @param level the convolution and pooling of the predicted level
 */
record ConvolutionGeometry(int[] input, ConvolutionalLevel level) {

    /** @return {channels, height, width} of the convolution's output, before pooling */
    int[] convolved() {
        return level.convolutionShape(input);
    }

    /** @return {channels, height, width} of the predicted level */
    int[] output() {
        return level.outputShape(input);
    }

    /** @return whether the prediction is pooled after its activation */
    boolean pooled() {
        return level.getPooling() != ConvolutionalLevel.Pooling.NONE;
    }

    /** @return values per example of the predicting level */
    long inputSize() {
        return (long) input[0] * input[1] * input[2];
    }

    /** @return values per example of the convolution's output (the pre-activation) */
    long convolvedSize() {
        int[] c = convolved();
        return (long) c[0] * c[1] * c[2];
    }

    /** @return positions of each channel of the predicted level */
    long outputPositions() {
        int[] o = output();
        return (long) o[1] * o[2];
    }
}
