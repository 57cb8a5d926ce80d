package org.precis.samples.natgrad;

/**
 * One measurement of a training curve.
 *
 * @param iteration      training iterations done
 * @param seconds        training wall time so far (evaluation excluded)
 * @param trainingError  mean squared reconstruction error per pixel on the fixed evaluation images
 */
public record CurvePoint(int iteration, double seconds, double trainingError) {
}
