package org.precis.samples.arms;

import org.precis.pc.conf.ConvolutionalLevel;

/** The architectures of the experiment subcommands ({@code --arch}). */
public enum Architecture {

    /** Fully connected: {@code inputs -> hidden... -> classes}. */
    MLP,

    /**
     * Two convolutions before the dense layers, for single-channel square images such as (Fashion-)MNIST:
     * 3x3 convolution to {@value #FIRST_CHANNELS} channels (padding 1) and 2x2 max pooling, then 3x3 to
     * {@value #SECOND_CHANNELS} (padding 1) and 2x2 max pooling, so a 28x28 image reaches the dense layers as
     * 64x7x7 = 3136 values; hidden dense sizes default to {@value #DEFAULT_CONV_HIDDEN}.
     */
    CONV;

    /** Channels of the first convolution of {@link #CONV}. */
    public static final int FIRST_CHANNELS = 32;
    /** Channels of the second convolution of {@link #CONV}. */
    public static final int SECOND_CHANNELS = 64;
    /** Hidden dense layer of {@link #CONV} when {@code --hidden} is not given. */
    public static final int DEFAULT_CONV_HIDDEN = 256;

    /**
     * The shape of this architecture for the data.
     *
     * @param inputs  input features
     * @param hidden  hidden dense sizes
     * @param classes output classes
     * @return the shape
     * @throws IllegalArgumentException for {@link #CONV} when the inputs are not a square single-channel image
     */
    public NetworkShape shape(int inputs, int[] hidden, int classes) {
        if (this == MLP) {
            return new NetworkShape(inputs, hidden, classes);
        }
        int side = (int) Math.round(Math.sqrt(inputs));
        if (side * side != inputs) {
            throw new IllegalArgumentException("the convolutional architecture needs square single-channel images, "
                    + "but the data has " + inputs + " features");
        }
        return new NetworkShape(inputs, hidden, classes, new int[] {1, side, side}, new ConvolutionalLevel[] {
            new ConvolutionalLevel.Builder(FIRST_CHANNELS, 3, 3).padding(1, 1)
                    .pooling(ConvolutionalLevel.Pooling.MAX, 2, 2).build(),
            new ConvolutionalLevel.Builder(SECOND_CHANNELS, 3, 3).padding(1, 1)
                    .pooling(ConvolutionalLevel.Pooling.MAX, 2, 2).build()});
    }
}
