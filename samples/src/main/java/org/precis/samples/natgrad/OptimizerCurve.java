package org.precis.samples.natgrad;

import java.util.List;

/**
 * The training curve of one optimizer.
 *
 * @param name    optimizer name ({@code kfac}, {@code sgd-momentum}, {@code adam})
 * @param updater the updater configuration, as text
 * @param points  measurements, by increasing iteration
 */
public record OptimizerCurve(String name, String updater, List<CurvePoint> points) {

    /** Copies the points. */
    public OptimizerCurve {
        points = List.copyOf(points);
    }

    /** The last measured training error. */
    public double finalError() {
        return points.get(points.size() - 1).trainingError();
    }
}
