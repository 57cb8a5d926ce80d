package org.precis.spark.experiment;

import org.precis.spark.kfac.CurvatureSharing;

/**
 * How one distributed run trains.
 *
 * @param master             the Spark master URL, e.g. {@code local[2]} or {@code local-cluster[2,1,2048]}
 * @param workers            parallel workers (Spark executors times cores each): partitions per averaging round
 * @param averagingFrequency minibatches each worker trains between two averagings
 * @param curvature          where K-FAC's curvature lives between rounds (ignored by arms without K-FAC)
 */
public record DistributedSetup(String master, int workers, int averagingFrequency, CurvatureSharing curvature) {

    /** Checks the counts. */
    public DistributedSetup {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averaging frequency must be at least 1, got " + averagingFrequency);
        }
    }
}
