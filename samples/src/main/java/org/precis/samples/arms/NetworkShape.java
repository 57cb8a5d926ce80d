package org.precis.samples.arms;

import java.util.Arrays;
import org.precis.pc.conf.ConvolutionalLevel;

/**
 * The architecture every arm of an experiment shares: a classifier {@code inputs -> hidden[0] -> ... -> classes},
 * with an optional convolutional front between the input and the first dense layer ({@link Architecture#CONV}):
 * convolutions on the input image, each followed by its activation and pooling, flattened into the dense layers.
 * Backprop arms build it from DL4J's {@code ConvolutionLayer} and {@code SubsamplingLayer}, PC arms as convolutional
 * levels of their predictive-coding layer.
 *
 * @param inputs       input features
 * @param hidden       hidden dense layer sizes, bottom first (may be empty)
 * @param classes      output classes
 * @param image        {channels, height, width} of the input flattened in NCHW order, or null without
 *                     convolutions
 * @param convolutions the convolutional front, bottom first (empty for a fully connected network)
 */
public record NetworkShape(int inputs, int[] hidden, int classes, int[] image, ConvolutionalLevel[] convolutions) {

    /** A fully connected classifier. */
    public NetworkShape(int inputs, int[] hidden, int classes) {
        this(inputs, hidden, classes, null, new ConvolutionalLevel[0]);
    }

    /** Validates the sizes and copies the arrays. */
    public NetworkShape {
        if (inputs <= 0 || classes <= 1) {
            throw new IllegalArgumentException("need inputs > 0 and classes > 1, got " + inputs + " and " + classes);
        }
        hidden = hidden.clone();
        for (int h : hidden) {
            if (h <= 0) {
                throw new IllegalArgumentException("hidden layer sizes must be positive, got " + Arrays.toString(hidden));
            }
        }
        convolutions = convolutions.clone();
        if (convolutions.length > 0) {
            if (image == null || image.length != 3 || (long) image[0] * image[1] * image[2] != inputs) {
                throw new IllegalArgumentException("a convolutional front needs the image shape of the " + inputs
                        + " inputs, got " + Arrays.toString(image));
            }
            image = image.clone();
            int[] shape = image;
            for (ConvolutionalLevel level : convolutions) {
                String problem = level.problemWith(shape);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                shape = level.outputShape(shape);
            }
        } else {
            image = image == null ? null : image.clone();
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public int[] image() {
        return image == null ? null : image.clone();
    }

    @Override
    public ConvolutionalLevel[] convolutions() {
        ConvolutionalLevel[] out = new ConvolutionalLevel[convolutions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = convolutions[i].clone();
        }
        return out;
    }

    /** @return whether the network has a convolutional front */
    public boolean convolutional() {
        return convolutions.length > 0;
    }

    /** @return {channels, height, width} after the convolutional front (the image itself without one) */
    public int[] flattenedImage() {
        int[] shape = image;
        for (ConvolutionalLevel level : convolutions) {
            shape = level.outputShape(shape);
        }
        return shape.clone();
    }

    /** The shape as "784-256-256-10", or "1x28x28-c32p2-c64p2-256-10" with a convolutional front. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (convolutional()) {
            s.append(image[0]).append('x').append(image[1]).append('x').append(image[2]);
            for (ConvolutionalLevel level : convolutions) {
                s.append("-c").append(level.getChannels());
                if (level.getPooling() != ConvolutionalLevel.Pooling.NONE) {
                    s.append('p').append(level.getPoolingSize()[0]);
                }
            }
        } else {
            s.append(inputs);
        }
        for (int h : hidden) {
            s.append('-').append(h);
        }
        return s.append('-').append(classes).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkShape other && inputs == other.inputs && classes == other.classes
                && Arrays.equals(hidden, other.hidden) && Arrays.equals(image, other.image)
                && Arrays.equals(convolutions, other.convolutions);
    }

    @Override
    public int hashCode() {
        int h = 31 * (31 * inputs + Arrays.hashCode(hidden)) + classes;
        return 31 * (31 * h + Arrays.hashCode(image)) + Arrays.hashCode(convolutions);
    }
}
