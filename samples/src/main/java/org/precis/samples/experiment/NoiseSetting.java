package org.precis.samples.experiment;

/**
 * The noise of one run ({@code algorithms.md} §4).
 *
 * @param labelNoise fraction of training labels flipped to another class (0 = clean; the test set stays clean)
 * @param inputNoise standard deviation of Gaussian noise on training and test inputs (0 = clean)
 */
public record NoiseSetting(double labelNoise, double inputNoise) {

    /** No noise at all. */
    public static final NoiseSetting CLEAN = new NoiseSetting(0, 0);
}
